package dev.oolong.probe;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.Extractors;
import dev.oolong.media.MediaInfo;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.RangeReader;

/**
 * Probes a media resource: fetches as few byte ranges as it can and reports its tracks. The
 * container is recognised from the bytes, never from the name. Asynchronous and non-blocking;
 * the callback is called exactly once.
 *
 * <p>ISO BMFF is probed from its boxes with range requests ({@code moov}, {@code moof}); the
 * other containers have no header index and are probed by extracting them ({@link
 * ExtractionProber}, bounded in size).
 */
public final class Prober {
  /** Bytes fetched first, enough for the header of most files. */
  static final int FIRST_READ = 64 * 1024;

  /** Receives the result of a probe. */
  public interface Callback {
    void onResult(MediaInfo info);

    void onError(PlayerException error);
  }

  private Prober() {}

  /** Starts probing {@code uri} through {@code source}. */
  public static void probe(DataSource source, String uri, Callback callback) {
    RangeReader.read(source, uri, 0, FIRST_READ, new RangeReader.Callback() {
      @Override
      public void onResult(RangeReader.Result first) {
        String container = Extractors.containerOf(first.data(), first.totalLength());
        if ("mp4".equals(container)) {
          new Mp4Prober(source, uri, first, callback).start();
        } else if (container != null) {
          ExtractionProber.probe(source, uri, container, first.totalLength(), callback);
        } else {
          callback.onError(PlayerException.critical(ErrorCode.CONTAINER_UNRECOGNIZED,
              "No supported container recognised in " + uri, "url", uri));
        }
      }

      @Override
      public void onError(PlayerException error) {
        callback.onError(error);
      }
    });
  }
}
