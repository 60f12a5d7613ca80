package dev.oolong.upstream;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;

/**
 * Reads a byte range fully into memory on top of a {@link DataSource}, for structures that must
 * be parsed whole (box headers, {@code moov}). The size is bounded by the caller: a range is
 * never larger than what the caller asked for, whatever the server sends.
 */
public final class RangeReader {

  /** The result of one read. */
  public record Result(byte[] data, long position, long totalLength) {}

  /** Receives one {@link Result} or one error. */
  public interface Callback {
    void onResult(Result result);

    void onError(PlayerException error);
  }

  private RangeReader() {}

  /**
   * Reads {@code length} bytes at {@code position} (fewer at the end of the resource).
   *
   * @return the load, to cancel it
   */
  public static DataSource.Loading read(
      DataSource source, String uri, long position, int length, Callback callback) {
    if (length <= 0) {
      throw new IllegalArgumentException("length " + length);
    }
    Accumulator acc = new Accumulator(uri, position, length, callback);
    acc.loading = source.open(new DataSpec(uri, position, length), acc);
    if (acc.finished) {
      return () -> {};
    }
    return acc.loading;
  }

  private static final class Accumulator implements DataSource.Listener {
    private final String uri;
    private final long position;
    private final byte[] buffer;
    private final Callback callback;
    private int filled;
    private long totalLength = C.LENGTH_UNSET;
    private boolean finished;
    DataSource.Loading loading;

    Accumulator(String uri, long position, int length, Callback callback) {
      this.uri = uri;
      this.position = position;
      this.buffer = new byte[length];
      this.callback = callback;
    }

    @Override
    public void onOpen(long totalLength) {
      this.totalLength = totalLength;
    }

    @Override
    public void onData(byte[] data, int offset, int length) {
      if (finished) {
        return;
      }
      int n = Math.min(length, buffer.length - filled);
      System.arraycopy(data, offset, buffer, filled, n);
      filled += n;
      if (filled == buffer.length) {
        // Everything asked for is here; a server that sends more is not listened to.
        finish();
        if (loading != null) {
          loading.cancel();
        }
      }
    }

    @Override
    public void onEnd() {
      if (finished) {
        return;
      }
      long expected = totalLength == C.LENGTH_UNSET
          ? filled : Math.min(buffer.length, Math.max(0, totalLength - position));
      if (filled < expected) {
        finished = true;
        callback.onError(PlayerException.critical(ErrorCode.NETWORK_TRUNCATED,
            "The response ended after " + filled + " of " + expected + " bytes",
            "url", uri, "expected", expected, "received", filled));
        return;
      }
      finish();
    }

    @Override
    public void onError(PlayerException error) {
      if (finished) {
        return;
      }
      finished = true;
      callback.onError(error);
    }

    private void finish() {
      finished = true;
      byte[] data = buffer;
      if (filled < buffer.length) {
        data = new byte[filled];
        System.arraycopy(buffer, 0, data, 0, filled);
      }
      callback.onResult(new Result(data, position, totalLength));
    }
  }
}
