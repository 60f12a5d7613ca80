package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import dev.oolong.upstream.FileDataSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The loader over a transport that breaks: a connection cut mid-file is resumed where the bytes
 * stopped and the packets are exactly those of an unbroken load; a transport that keeps failing
 * without progress ends, after {@link ExtractionLoader#MAX_RETRIES} attempts, in its typed error.
 */
class ExtractionLoaderRecoveryTest {

  /**
   * A file source whose connection breaks when the bytes reach one of the cut positions (each
   * once), or, with {@code always}, right away on every load.
   */
  static class Breaking implements DataSource {
    final FileDataSource files = new FileDataSource();
    final java.util.TreeSet<Long> cuts = new java.util.TreeSet<>();
    final boolean always;

    Breaking(boolean always, long... cutAt) {
      this.always = always;
      for (long c : cutAt) {
        cuts.add(c);
      }
    }

    @Override
    public Loading open(DataSpec spec, Listener listener) {
      boolean[] over = {false};
      files.open(spec, new Listener() {
        long position = spec.position();

        @Override
        public void onOpen(long totalLength) {
          listener.onOpen(totalLength);
          if (always) {
            fail();
          }
        }

        @Override
        public void onData(byte[] data, int offset, int length) {
          if (over[0]) {
            return;
          }
          Long cut = cuts.ceiling(position + 1);
          if (cut != null && cut <= position + length) {
            cuts.remove(cut);
            int n = (int) (cut - position);
            if (n > 0) {
              listener.onData(data, offset, n);
            }
            fail();
            return;
          }
          position += length;
          listener.onData(data, offset, length);
        }

        private void fail() {
          over[0] = true;
          listener.onError(PlayerException.critical(ErrorCode.NETWORK_CONNECTION_FAILED,
              "connection reset (test)", "url", spec.uri(), "reason", "reset"));
        }

        @Override
        public void onEnd() {
          if (!over[0]) {
            listener.onEnd();
          }
        }

        @Override
        public void onError(PlayerException error) {
          if (!over[0]) {
            listener.onError(error);
          }
        }
      });
      return () -> over[0] = true;
    }
  }

  private record Outcome(PacketRecorder packets, PlayerException error, int retries) {}

  private static Outcome load(DataSource source, String fixture) throws Exception {
    PacketRecorder rec = new PacketRecorder();
    PlayerException[] error = {null};
    boolean[] ended = {false};
    ExtractionLoader loader = new ExtractionLoader(source, TestMedia.file(fixture).toString(), rec,
        new ExtractionLoader.Callback() {
          @Override
          public void onEnd() {
            ended[0] = true;
          }

          @Override
          public void onError(PlayerException e) {
            error[0] = e;
          }
        });
    loader.start();
    assertThat(ended[0] || error[0] != null).as("the load finished one way or the other").isTrue();
    return new Outcome(rec, error[0], loader.retries());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "mp4/h264-aac-moov-last.mp4", "webm/vp9-opus.webm"})
  void aBrokenConnectionIsResumed(String fixture) throws Exception {
    Outcome clean = load(new FileDataSource(), fixture);
    Outcome broken = load(new Breaking(false, 100_000, 300_000), fixture);
    assertThat(broken.error()).isNull();
    assertThat(broken.retries()).as("connections resumed").isPositive();
    assertThat(broken.packets().packets()).isEqualTo(clean.packets().packets());
  }

  /** The same through the pipeline's input stage (which tells a playlist from a file by its first bytes). */
  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "mp4/h264-aac-moov-first.mp4", "flv/h264-aac.flv"})
  void aBrokenConnectionIsResumedThroughTheManifestSource(String fixture) throws Exception {
    Outcome clean = load(new FileDataSource(), fixture);
    Outcome broken = load(new dev.oolong.manifest.ManifestSource(new Breaking(false, 100_000, 300_000),
        dev.oolong.upstream.Delay.NOW, w -> { }), fixture);
    assertThat(broken.error()).isNull();
    assertThat(broken.retries()).as("connections resumed").isPositive();
    assertThat(broken.packets().packets()).isEqualTo(clean.packets().packets());
  }

  /**
   * A connection that breaks before any byte arrives (a reset can lose what was in flight):
   * resumed from 0, through the pipeline's input stage, which had not yet seen what the URL is.
   * (Found in the browser: the first answer of a dropped connection came with no bytes at all.)
   */
  @Test
  void aConnectionBrokenBeforeItsFirstByteIsResumedThroughTheManifestSource() throws Exception {
    Outcome clean = load(new FileDataSource(), "mp4/h264-aac-moov-first.mp4");
    Breaking breaksAtOnce = new Breaking(false) {
      boolean broke;

      @Override
      public Loading open(DataSpec spec, Listener listener) {
        if (!broke) {
          broke = true;
          try {
            listener.onOpen(java.nio.file.Files.size(TestMedia.file("mp4/h264-aac-moov-first.mp4")));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          listener.onError(PlayerException.critical(ErrorCode.NETWORK_CONNECTION_FAILED, "reset (test)",
              "url", spec.uri(), "reason", "reset"));
          return () -> { };
        }
        return super.open(spec, listener);
      }
    };
    Outcome broken = load(new dev.oolong.manifest.ManifestSource(breaksAtOnce, dev.oolong.upstream.Delay.NOW, w -> { }),
        "mp4/h264-aac-moov-first.mp4");
    assertThat(broken.error()).isNull();
    assertThat(broken.retries()).isEqualTo(1);
    assertThat(broken.packets().packets()).isEqualTo(clean.packets().packets());
  }

  @Test
  void aTransportThatNeverProgressesEndsInItsError() throws Exception {
    Outcome o = load(new Breaking(true), "ts/h264-aac.ts");
    assertThat(o.error()).isNotNull();
    assertThat(o.error().errorCode()).isEqualTo(ErrorCode.NETWORK_CONNECTION_FAILED);
    assertThat(o.retries()).isEqualTo(ExtractionLoader.MAX_RETRIES);
  }
}
