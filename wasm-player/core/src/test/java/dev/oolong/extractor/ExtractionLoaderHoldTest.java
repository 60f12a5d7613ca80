package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Back-pressure (the MSE path's forward buffer goal) and extraction that starts again after the
 * end: a held loader extracts nothing more and stops its source from reading; released, it
 * goes on with nothing lost or repeated; after the end, a seek runs the extractor again.
 */
class ExtractionLoaderHoldTest {

  /** Delivers one chunk per {@link #step}, like fetch's reader; does not read while paused. */
  static final class Stepped implements DataSource {
    final byte[] bytes;
    final int chunk;
    Listener listener;
    long position;
    boolean paused;
    boolean cancelled;
    int opens;

    Stepped(byte[] bytes, int chunk) {
      this.bytes = bytes;
      this.chunk = chunk;
    }

    @Override
    public Loading open(DataSpec spec, Listener l) {
      opens++;
      listener = l;
      position = spec.position();
      paused = false;
      cancelled = false;
      l.onOpen(bytes.length);
      return new Loading() {
        @Override
        public void cancel() {
          cancelled = true;
        }

        @Override
        public void pause() {
          paused = true;
        }

        @Override
        public void resume() {
          paused = false;
        }
      };
    }

    /** Delivers the next chunk; false when paused, cancelled or at the end. */
    boolean step() {
      if (paused || cancelled || listener == null) {
        return false;
      }
      if (position >= bytes.length) {
        Listener l = listener;
        listener = null;
        l.onEnd();
        return false;
      }
      int n = (int) Math.min(chunk, bytes.length - position);
      byte[] out = java.util.Arrays.copyOfRange(bytes, (int) position, (int) position + n);
      position += n;
      listener.onData(out, 0, n);
      return true;
    }

    void runToEnd() {
      for (int i = 0; i < 1_000_000 && step(); i++) {
        // deliver
      }
      step(); // the end
    }
  }

  static Stream<Arguments> holds() {
    return Stream.of("ts/h264-aac.ts", "mp4/h264-aac-moov-last.mp4", "flv/h264-aac.flv")
        .flatMap(f -> Stream.of(Arguments.of(f, 4096), Arguments.of(f, 1 << 24)));
  }

  /** In chunks as a network gives them, and the whole file in one chunk (a fast local server). */
  @ParameterizedTest
  @MethodSource("holds")
  void aHeldLoaderStopsReadingAndExtractingThenGoesOnWithNothingLost(String fixture, int chunk)
      throws Exception {
    byte[] bytes = Files.readAllBytes(TestMedia.file(fixture));
    PacketRecorder reference = new PacketRecorder();
    Stepped plain = new Stepped(bytes, 4096);
    new ExtractionLoader(plain, "x", reference, new ExtractionLoaderTest.Result()).start();
    plain.runToEnd();

    PacketRecorder rec = new PacketRecorder();
    Stepped source = new Stepped(bytes, chunk);
    ExtractionLoaderTest.Result cb = new ExtractionLoaderTest.Result();
    ExtractionLoader[] loader = new ExtractionLoader[1];
    // Hold as soon as a packet at 2 s or later comes out (what the player does at its goal).
    ExtractorOutput holding = new HoldAt(rec, 2_000_000, () -> loader[0].hold(true));
    loader[0] = new ExtractionLoader(source, "x", holding, cb);
    loader[0].start();
    for (int i = 0; i < 100_000 && source.step(); i++) {
      // until the hold stops the reader
    }
    assertThat(loader[0].isHeld()).isTrue();
    // Extraction stopped right after the sample that reached the goal, even inside a chunk
    // (an extractor read may complete a few samples at once: an interleaving's worth).
    long latest = rec.packets().stream().mapToLong(PacketRecorder.Packet::ptsUs).max().orElseThrow();
    assertThat(latest).isLessThan(2_300_000);
    assertThat(source.paused).as("the source stops reading").isTrue();
    int atHold = rec.packets().size();
    long positionAtHold = source.position;
    assertThat(source.step()).isFalse();
    assertThat(rec.packets().size()).isEqualTo(atHold);
    assertThat(source.position).isEqualTo(positionAtHold);
    if (chunk < bytes.length) {
      assertThat(positionAtHold).as("reading stopped before the end").isLessThan(bytes.length);
    }
    assertThat(cb.ends).isZero();

    loader[0].hold(false);
    source.runToEnd();
    assertThat(cb.error).isNull();
    assertThat(cb.ends).isEqualTo(1);
    assertThat(rec.dump()).isEqualTo(reference.dump());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "mp4/h264-aac-moov-first.mp4"})
  void afterTheEndASeekRunsTheExtractionAgainFromTheSeekPoint(String fixture) throws Exception {
    byte[] bytes = Files.readAllBytes(TestMedia.file(fixture));
    PacketRecorder rec = new PacketRecorder();
    Stepped source = new Stepped(bytes, 8192);
    ExtractionLoaderTest.Result cb = new ExtractionLoaderTest.Result();
    ExtractionLoader loader = new ExtractionLoader(source, "x", rec, cb);
    loader.start();
    source.runToEnd();
    assertThat(cb.ends).isEqualTo(1);
    assertThat(loader.isDone()).isTrue();
    assertThat(loader.canSeek()).isTrue();
    List<PacketRecorder.Packet> first = List.copyOf(rec.packets());

    SeekMap.SeekPoint point = rec.seekMap().getSeekPoint(3_000_000);
    assertThat(loader.seekTo(point)).isTrue();
    assertThat(loader.isDone()).isFalse();
    runWithSeeks(source, loader);
    assertThat(cb.error).isNull();
    assertThat(cb.ends).isEqualTo(2);
    List<PacketRecorder.Packet> again = rec.packets().subList(first.size(), rec.packets().size());
    // The second run is the tail of the first: the video restarts at the key frame before 3 s.
    PacketRecorder.Packet firstKey = again.stream()
        .filter(p -> (p.flags() & TrackOutput.FLAG_KEY_FRAME) != 0
            && rec.tracks().get(p.streamIndex()).type == dev.oolong.media.TrackType.VIDEO)
        .findFirst().orElseThrow();
    assertThat(firstKey.ptsUs()).isLessThanOrEqualTo(3_000_000).isGreaterThan(1_500_000);
    assertThat(first).containsAll(again.stream().filter(p -> p.ptsUs() >= firstKey.ptsUs()).toList());

    loader.cancel();
    assertThat(loader.canSeek()).isFalse();
    assertThat(loader.seekTo(point)).isFalse();
  }

  /** Steps the source; a TS seek probes by bisection, which re-opens the source meanwhile. */
  private static void runWithSeeks(Stepped source, ExtractionLoader loader) {
    for (int i = 0; i < 1_000_000 && !loader.isDone(); i++) {
      if (!source.step() && source.listener == null) {
        break;
      }
    }
  }

  /** Passes everything on; calls {@code atGoal} when the first sample at {@code goalUs} or later goes by. */
  private static final class HoldAt extends ForwardingExtractorOutput {
    private final long goalUs;
    private final Runnable atGoal;
    private boolean reached;

    HoldAt(ExtractorOutput inner, long goalUs, Runnable atGoal) {
      super(inner);
      this.goalUs = goalUs;
      this.atGoal = atGoal;
    }

    @Override
    public TrackOutput track(int id, dev.oolong.media.TrackType type) {
      return new ForwardingTrackOutput(downstream.track(id, type)) {
        @Override
        public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
          super.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
          if (ptsUs >= goalUs && !reached) {
            reached = true;
            atGoal.run();
          }
        }
      };
    }
  }
}
