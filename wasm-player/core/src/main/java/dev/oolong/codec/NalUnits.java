package dev.oolong.codec;

/** Annex B byte streams: start codes and emulation prevention (ITU-T H.264 7.4.1, H.265 7.4.2). */
public final class NalUnits {
  private NalUnits() {}

  /**
   * The offset of the next start code prefix (00 00 01) at or after {@code from} and before
   * {@code limit}, or {@code limit} when there is none.
   */
  public static int findStartCode(byte[] d, int from, int limit) {
    for (int i = from; i + 2 < limit; i++) {
      if ((d[i + 2] & 0xFF) > 1) {
        i += 2; // neither of the next two positions can start a prefix ending here
      } else if (d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1) {
        return i;
      }
    }
    return limit;
  }

  /** Removes emulation prevention bytes (00 00 03 → 00 00) from a NAL unit's payload. */
  public static byte[] unescape(byte[] d, int offset, int length) {
    if (length < 0 || offset < 0 || offset + length > d.length) {
      throw new IndexOutOfBoundsException("NAL unit of " + length + " bytes at " + offset);
    }
    byte[] out = new byte[length];
    int n = 0;
    int zeros = 0;
    for (int i = offset; i < offset + length; i++) {
      int b = d[i] & 0xFF;
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      out[n++] = (byte) b;
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return n == length ? out : java.util.Arrays.copyOf(out, n);
  }
}
