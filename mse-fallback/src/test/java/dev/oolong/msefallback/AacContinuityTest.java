package dev.oolong.msefallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AAC with a hole and an overlap, as transport streams have them: ten frames of the 440 Hz ADTS
 * fixture are lost, and one frame arrives twice. The remuxed audio must have silence exactly
 * where the frames were lost (ffmpeg decodes it without an error; the decoded samples there are
 * silent, the tone on both sides), the duplicate dropped, and the timeline unbroken.
 */
class AacContinuityTest {
  @TempDir Path tmp;

  @Test
  void holesAreFilledWithSilenceAndOverlapsDropped() throws Exception {
    Fmp4Remuxer remuxer = new Fmp4Remuxer();
    FileExtractorRunner.run(TestMedia.file("audio/tone.aac"), new Damage(remuxer), 64 * 1024, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(remuxer.initSegment());
    out.write(remuxer.segment(true));
    Path file = tmp.resolve("aac.mp4");
    Files.write(file, out.toByteArray());
    assertThat(remuxer.silentFrames()).isEqualTo(10);
    assertThat(remuxer.droppedFrames()).isEqualTo(1);

    PacketRecorder back = new PacketRecorder();
    FileExtractorRunner.run(file, back, 64 * 1024, true);
    PacketRecorder source = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file("audio/tone.aac"), source, 64 * 1024, true);
    assertThat(back.packets()).hasSameSizeAs(source.packets());
    for (int i = 1; i < back.packets().size(); i++) {
      long step = back.packets().get(i).dtsUs() - back.packets().get(i - 1).dtsUs();
      assertThat(step).as("frame %d", i).isBetween(21_333L, 21_334L);
    }

    assertThat(RemuxerTest.runStderr(List.of("ffmpeg", "-v", "error", "-nostdin", "-i",
        file.toString(), "-f", "null", "-"))).isEmpty();
    Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(),
        "-ac", "1", "-f", "s16le", "-").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] pcm = p.getInputStream().readAllBytes();
    p.waitFor();
    // Frames 100..109 were lost: 2.133 s to 2.346 s. Their middle is silent, around it the tone.
    assertThat(rms(pcm, 2.16, 2.32)).as("the hole").isLessThan(1);
    assertThat(rms(pcm, 1.5, 2.0)).as("before").isGreaterThan(1000);
    assertThat(rms(pcm, 2.6, 3.0)).as("after").isGreaterThan(1000);
  }

  private static double rms(byte[] pcm, double from, double to) {
    int a = (int) (from * 48000);
    int b = (int) (to * 48000);
    double sum = 0;
    for (int i = a; i < b; i++) {
      short s = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
      sum += (double) s * s;
    }
    return Math.sqrt(sum / (b - a));
  }

  /** Loses frames 100..109 and delivers frame 200 twice. */
  private static final class Damage implements ExtractorOutput {
    private final Fmp4Remuxer remuxer;

    Damage(Fmp4Remuxer remuxer) {
      this.remuxer = remuxer;
    }

    @Override
    public TrackOutput track(int id, TrackType type) {
      TrackOutput inner = remuxer.track(id, type);
      return new TrackOutput() {
        int index;
        byte[] data = new byte[0];

        @Override
        public void format(Format format) {
          inner.format(format);
        }

        @Override
        public void sampleData(byte[] d, int offset, int length) {
          data = java.util.Arrays.copyOfRange(d, offset, offset + length);
        }

        @Override
        public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
          int i = index++;
          if (i >= 100 && i < 110) {
            return;
          }
          inner.sampleData(data, 0, data.length);
          inner.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
          if (i == 200) {
            inner.sampleData(data, 0, data.length);
            inner.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
          }
        }
      };
    }

    @Override
    public void endTracks() {
      remuxer.endTracks();
    }

    @Override
    public void seekMap(SeekMap seekMap) {}
  }
}
