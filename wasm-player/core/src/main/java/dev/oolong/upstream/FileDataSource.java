package dev.oolong.upstream;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * A JVM {@link DataSource} over local files (the URI is a file path). It delivers synchronously,
 * from within {@link #open}, in chunks of at most {@value #CHUNK} bytes. Not compiled into the
 * wasm engine.
 */
public final class FileDataSource implements DataSource {
  static final int CHUNK = 64 * 1024;

  private long bytesRead;
  private int opens;

  /** Bytes delivered so far, over all loads. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Number of {@link #open} calls so far. */
  public int opens() {
    return opens;
  }

  @Override
  public Loading open(DataSpec spec, Listener listener) {
    opens++;
    boolean[] cancelled = {false};
    Loading loading = () -> cancelled[0] = true;
    try (RandomAccessFile file = new RandomAccessFile(spec.uri(), "r")) {
      long total = file.length();
      if (spec.position() > total) {
        listener.onError(PlayerException.critical(ErrorCode.NETWORK_BAD_RANGE,
            "Range starts past the end of the file", "url", spec.uri(),
            "requested", spec.rangeHeader(), "contentRange", "bytes */" + total));
        return loading;
      }
      listener.onOpen(total);
      long end = spec.length() == C.LENGTH_UNSET
          ? total : Math.min(total, spec.position() + spec.length());
      file.seek(spec.position());
      byte[] chunk = new byte[CHUNK];
      for (long pos = spec.position(); pos < end && !cancelled[0]; ) {
        int n = file.read(chunk, 0, (int) Math.min(CHUNK, end - pos));
        if (n < 0) {
          break;
        }
        pos += n;
        bytesRead += n;
        listener.onData(chunk.clone(), 0, n);
      }
      if (!cancelled[0]) {
        listener.onEnd();
      }
    } catch (IOException e) {
      if (!cancelled[0]) {
        listener.onError(PlayerException.critical(ErrorCode.NETWORK_CONNECTION_FAILED,
            "Cannot read " + spec.uri() + ": " + e.getMessage(),
            "url", spec.uri(), "reason", String.valueOf(e.getMessage())));
      }
    }
    return loading;
  }
}
