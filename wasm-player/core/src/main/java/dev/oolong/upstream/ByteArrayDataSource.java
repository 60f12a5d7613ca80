package dev.oolong.upstream;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;

/**
 * A {@link DataSource} over bytes in memory (any URI), delivering synchronously in chunks. Used
 * to measure parsing without the network, and in tests.
 */
public final class ByteArrayDataSource implements DataSource {
  private final byte[] data;
  private final int chunk;

  public ByteArrayDataSource(byte[] data, int chunk) {
    this.data = data;
    this.chunk = chunk;
  }

  @Override
  public Loading open(DataSpec spec, Listener listener) {
    boolean[] cancelled = {false};
    Loading loading = () -> cancelled[0] = true;
    if (spec.position() > data.length) {
      listener.onError(PlayerException.critical(ErrorCode.NETWORK_BAD_RANGE, "Range past the end",
          "url", spec.uri(), "requested", spec.rangeHeader(), "contentRange", "bytes */" + data.length));
      return loading;
    }
    listener.onOpen(data.length);
    long end = spec.length() == C.LENGTH_UNSET ? data.length
        : Math.min(data.length, spec.position() + spec.length());
    for (int pos = (int) spec.position(); pos < end && !cancelled[0]; pos += chunk) {
      listener.onData(data, pos, (int) Math.min(chunk, end - pos));
    }
    if (!cancelled[0]) {
      listener.onEnd();
    }
    return loading;
  }
}
