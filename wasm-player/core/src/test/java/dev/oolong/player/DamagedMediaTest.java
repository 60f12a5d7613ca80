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
 * CONTAINER_TRUNCATED}; nothing ends other than by the end or a typed error.
 */
class DamagedMediaTest {
  static Stream<String> damaged() throws Exception {
    return TestMedia.damaged().stream();
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
      assertThat(o.ended + (o.failure == null ? 0 : 1)).as("an end or an error, once").isEqualTo(1);
    }
  }
}
