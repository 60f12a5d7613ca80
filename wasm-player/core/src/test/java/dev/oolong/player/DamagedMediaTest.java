package dev.oolong.player;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.Severity;
import dev.oolong.TestMedia;
import dev.oolong.upstream.ByteArrayDataSource;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The damaged files of the test media (cut short, bit errors, lost packets) through the one
 * pipeline, against ffmpeg's decode of the same bytes: a file cut short passes on what is whole
 * (at least 90 % of the frames ffmpeg decodes from it) and ends with one recoverable {@code
 * CONTAINER_TRUNCATED}; bit errors and lost packets are resynchronised and the stream reaches
 * its end, as far as ffmpeg decodes it.
 */
class DamagedMediaTest {
  static Stream<String> damaged() throws Exception {
    return TestMedia.damaged().stream();
  }

  private static long lastVideoPts(PipelineTest.Recorder r) {
    return r.log.stream().filter(l -> l.startsWith("VIDEO ") && !l.contains("format"))
        .mapToLong(l -> Long.parseLong(l.split(" ")[1])).max().orElse(0);
  }

  @ParameterizedTest
  @MethodSource("damaged")
  void damagedMediaEndsWithWhatFfmpegDecodes(String file) throws Exception {
    byte[] data = Files.readAllBytes(TestMedia.file(file));
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    PipelineTest.Outcome o = new PipelineTest.Outcome(out);
    new Pipeline(new ByteArrayDataSource(data, 4096), "memory:" + file, out, () -> 0, o).start();
    int[] frames = TestMedia.decodedFrames(file);
    long video = out.log.stream().filter(l -> l.startsWith("VIDEO ") && !l.contains("format")).count();
    if (file.startsWith("damaged/cut")) {
      assertThat(o.failure).isNull();
      assertThat(o.ended).isEqualTo(1);
      assertThat(o.warnings).hasSize(1);
      assertThat(o.warnings.get(0).errorCode()).isEqualTo(ErrorCode.CONTAINER_TRUNCATED);
      assertThat(o.warnings.get(0).severity()).isEqualTo(Severity.RECOVERABLE);
      assertThat(video).as("video samples passed on; ffmpeg decodes %d of %d frames", frames[0], frames[1])
          .isGreaterThanOrEqualTo((long) Math.ceil(frames[0] * 0.9));
    } else {
      // Bit errors and lost packets: resynchronised, the stream goes on to its end. The video
      // reaches at least the share of the intact stream's span that ffmpeg decodes frames for.
      assertThat(o.failure).as("%s", o.failure).isNull();
      assertThat(o.ended).isEqualTo(1);
      String source = file.substring(file.indexOf('-', file.indexOf('/')) + 1).replaceFirst("-", "/");
      PipelineTest.Recorder intact = new PipelineTest.Recorder();
      PipelineTest.Outcome io = new PipelineTest.Outcome(intact);
      new Pipeline(new ByteArrayDataSource(Files.readAllBytes(TestMedia.file(source)), 4096), source, intact,
          () -> 0, io).start();
      double share = (double) frames[0] / frames[1];
      assertThat(lastVideoPts(out)).as("the video's reach; ffmpeg decodes %d of %d frames", frames[0], frames[1])
          .isGreaterThanOrEqualTo((long) (lastVideoPts(intact) * share * 0.9));
    }
  }
}
