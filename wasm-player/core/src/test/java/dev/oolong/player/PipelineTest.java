package dev.oolong.player;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.FfprobePackets;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import dev.oolong.upstream.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline's sample queues: what the output receives does not depend on when it holds (the
 * same samples, bytes and order as an output that never holds, and as many as ffprobe lists);
 * a holding output makes the extraction stop once the queues reach their bound; the end of the
 * input reaches the output only after the last queued sample; a seek drops what was queued.
 */
class PipelineTest {

  /** Records every sample (track, times, flags, size, CRC of the bytes) and format change. */
  static final class Recorder implements ExtractorOutput {
    final List<String> log = new ArrayList<>();
    int samples;
    boolean ended;
    /** Called after each sample (the output's back-pressure, from inside a sample). */
    Runnable afterSample = () -> {};

    @Override
    public TrackOutput track(int id, TrackType type) {
      return new TrackOutput() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void format(Format format) {
          log.add(type + " format " + format.codec());
        }

        @Override
        public void sampleData(byte[] data, int offset, int length) {
          bytes.write(data, offset, length);
        }

        @Override
        public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
          assertThat(ended).as("a sample after the end was reported").isFalse();
          byte[] all = bytes.toByteArray();
          CRC32 crc = new CRC32();
          crc.update(all, all.length - size, size);
          bytes.reset();
          log.add(type + " " + ptsUs + " " + dtsUs + " " + flags + " " + size + " " + Long.toHexString(crc.getValue()));
          samples++;
          afterSample.run();
        }
      };
    }

    @Override
    public void endTracks() {}

    @Override
    public void seekMap(SeekMap seekMap) {}
  }

  static class Ends implements Pipeline.Events {
    final Recorder out;
    int ended;

    Ends(Recorder out) {
      this.out = out;
    }

    @Override
    public void inputEnded() {
      ended++;
      out.ended = true;
    }

    @Override
    public void failed(PlayerException error) {
      throw new AssertionError(error);
    }
  }

  private static Pipeline pipeline(String fixture, Recorder out, Ends ends) throws Exception {
    byte[] data = Files.readAllBytes(TestMedia.file(fixture));
    return new Pipeline(new ByteArrayDataSource(data, 4096), "memory:" + fixture, out, () -> 0, ends);
  }

  private static List<String> straightThrough(String fixture) throws Exception {
    Recorder out = new Recorder();
    Ends ends = new Ends(out);
    pipeline(fixture, out, ends).start();
    assertThat(ends.ended).isEqualTo(1);
    return out.log;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "mp4/h264-aac-moov-first.mp4", "webm/vp9-opus.webm"})
  void anOutputThatNeverHoldsGetsEveryPacketFfprobeLists(String fixture) throws Exception {
    List<String> log = straightThrough(fixture);
    long samples = log.stream().filter(l -> !l.contains("format")).count();
    assertThat(samples).isEqualTo(FfprobePackets.of(fixture).lines().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "mp4/h264-aac-moov-first.mp4", "webm/vp9-opus.webm"})
  void holdingFromInsideSamplesChangesNothingTheOutputReceives(String fixture) throws Exception {
    List<String> expected = straightThrough(fixture);
    Recorder out = new Recorder();
    Ends ends = new Ends(out);
    Pipeline p = pipeline(fixture, out, ends);
    // The output holds after every 7th sample (from inside it, as the MSE remuxer does) and
    // releases the hold when the test "ticks", like a player's timer.
    out.afterSample = () -> {
      if (out.samples % 7 == 0) {
        p.hold(true);
      }
    };
    p.start();
    int ticks = 0;
    while (ends.ended == 0 && ticks++ < 100_000) {
      p.hold(false);
    }
    assertThat(ends.ended).isEqualTo(1);
    assertThat(out.log).containsExactlyElementsOf(expected);
  }

  @Test
  void aHoldingOutputStopsTheExtractionAtTheBoundThenGetsEverythingInOrder() throws Exception {
    String fixture = "mp4/h264-1080p-bt709.mp4";
    List<String> expected = straightThrough(fixture);
    Recorder out = new Recorder();
    Ends ends = new Ends(out);
    Pipeline p = pipeline(fixture, out, ends);
    p.hold(true);
    p.start();

    assertThat(out.samples).as("samples given to a holding output").isZero();
    assertThat(p.queues().full()).as("queues full").isTrue();
    assertThat(p.isHeld()).as("extraction stopped").isTrue();
    assertThat(p.queues().durationUs()).as("span queued")
        .isLessThanOrEqualTo(SampleQueues.DEFAULT_MAX_DURATION_US + 100_000);
    assertThat(p.queues().bytes()).as("bytes queued")
        .isLessThanOrEqualTo(SampleQueues.DEFAULT_MAX_BYTES + 1024 * 1024);
    assertThat(ends.ended).as("end reported while samples wait").isZero();
    assertThat(p.isDone()).isFalse();

    p.hold(false);
    assertThat(ends.ended).isEqualTo(1);
    assertThat(p.isDone()).isTrue();
    assertThat(p.queues().isEmpty()).isTrue();
    assertThat(out.log).containsExactlyElementsOf(expected);
  }

  @Test
  void aSeekDropsWhatWasQueuedAndTheOutputGetsTheNewPositionOnly() throws Exception {
    String fixture = "mp4/h264-aac-moov-first.mp4";
    Recorder out = new Recorder();
    Ends ends = new Ends(out);
    Pipeline p = pipeline(fixture, out, ends);
    p.hold(true);
    p.start();
    assertThat(p.queues().isEmpty()).isFalse();
    assertThat(p.seekTo(3_000_000)).isTrue();
    // (the source here delivers at once: the queues fill again, from the new position)
    assertThat(out.samples).isZero();
    p.hold(false);
    assertThat(ends.ended).isEqualTo(1);
    String first = out.log.stream().filter(l -> l.startsWith("VIDEO ") && !l.contains("format")).findFirst().orElseThrow();
    assertThat(Long.parseLong(first.split(" ")[1])).as("first video pts after the seek").isEqualTo(3_000_000);
    assertThat(out.log.stream().filter(l -> !l.contains("format")).mapToLong(l -> Long.parseLong(l.split(" ")[2])))
        .as("decode times given to the output").allMatch(dts -> dts >= 2_900_000);
  }

  /** Records the end and the warnings; a failure is kept (not thrown) to be asserted. */
  static final class Outcome extends Ends {
    final List<PlayerException> warnings = new ArrayList<>();
    PlayerException failure;

    Outcome(Recorder out) {
      super(out);
    }

    @Override
    public void warning(PlayerException warning) {
      warnings.add(warning);
    }

    @Override
    public void failed(PlayerException error) {
      failure = error;
    }
  }

  private static Outcome cut(String fixture, double share, Recorder out) throws Exception {
    byte[] data = Files.readAllBytes(TestMedia.file(fixture));
    // A little past the share: 25 % of a transport stream can fall exactly between two packets,
    // where a cut cannot be told from the end.
    byte[] cut = java.util.Arrays.copyOf(data, (int) (data.length * share) + 61);
    Outcome o = new Outcome(out);
    new Pipeline(new ByteArrayDataSource(cut, 4096), "memory:" + fixture, out, () -> 0, o).start();
    return o;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts", "flv/h264-aac.flv",
      "webm/vp9-opus.webm", "mkv/h264-aac.mkv", "audio/opus.ogg", "audio/tone.mp3", "audio/tone.aac",
      "audio/tone.flac", "mp4/h264-aac-fragmented.mp4"})
  void aFileCutShortPassesOnWhatIsWholeThenEndsWithARecoverableWarning(String fixture) throws Exception {
    List<String> whole = straightThrough(fixture);
    for (double share : new double[] {0.25, 0.5, 0.75}) {
      Recorder out = new Recorder();
      Outcome o = cut(fixture, share, out);
      assertThat(o.failure).as("cut at %.0f %%", share * 100).isNull();
      assertThat(o.ended).as("cut at %.0f %%: ended", share * 100).isEqualTo(1);
      assertThat(o.warnings).as("cut at %.0f %%: the warning", share * 100).hasSize(1);
      assertThat(o.warnings.get(0).errorCode()).isEqualTo(dev.oolong.ErrorCode.CONTAINER_TRUNCATED);
      assertThat(o.warnings.get(0).severity()).isEqualTo(dev.oolong.Severity.RECOVERABLE);
      // Per track, whole samples only, as the whole file has them, and a fair share of them.
      for (String track : List.of("VIDEO", "AUDIO")) {
        assertThat(ofTrack(whole, track)).as("cut at %.0f %%, %s", share * 100, track)
            .startsWith(ofTrack(out.log, track).toArray(String[]::new));
      }
      assertThat(out.samples).isGreaterThan((int) (whole.size() * (share - 0.2)));
    }
  }

  private static List<String> ofTrack(List<String> log, String track) {
    return log.stream().filter(l -> l.startsWith(track + " ")).toList();
  }

  @Test
  void aFileCutBeforeAnythingPlayableFailsCritically() throws Exception {
    Recorder out = new Recorder();
    Outcome o = cut("mp4/h264-aac-moov-last.mp4", 0.5, out); // its moov is gone
    assertThat(out.samples).isZero();
    assertThat(o.ended).isZero();
    assertThat(o.failure).isNotNull();
    assertThat(o.failure.severity()).isEqualTo(dev.oolong.Severity.CRITICAL);
    assertThat(o.failure.category()).isEqualTo(dev.oolong.ErrorCategory.CONTAINER);
  }
}
