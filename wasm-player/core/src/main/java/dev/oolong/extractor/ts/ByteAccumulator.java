package dev.oolong.extractor.ts;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;

/** A growable byte buffer with a hard limit (no allocation sized by hostile input). */
final class ByteAccumulator {
  byte[] data = new byte[4096];
  int size;
  private final int limit;

  ByteAccumulator(int limit) {
    this.limit = limit;
  }

  void append(byte[] d, int offset, int length) throws PlayerException {
    if (size + length > limit) {
      throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE,
          "An elementary stream unit exceeds " + limit + " bytes", "offset", -1,
          "size", (long) size + length, "limit", limit);
    }
    if (size + length > data.length) {
      data = java.util.Arrays.copyOf(data, Math.min(limit, Math.max(data.length * 2, size + length)));
    }
    System.arraycopy(d, offset, data, size, length);
    size += length;
  }

  /** Drops the first {@code n} bytes. */
  void discard(int n) {
    System.arraycopy(data, n, data, 0, size - n);
    size -= n;
  }

  void clear() {
    size = 0;
  }
}
