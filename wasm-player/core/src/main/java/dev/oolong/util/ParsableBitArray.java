package dev.oolong.util;

/**
 * Reads bits, most significant first, and Exp-Golomb codes (ITU-T H.264 9.1) from a byte array;
 * every read checks the end, and a code longer than 31 bits is refused, with {@link
 * IndexOutOfBoundsException}.
 */
public final class ParsableBitArray {
  private final byte[] data;
  private final int endBit;
  private int bitPosition;

  public ParsableBitArray(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
    }
    this.data = data;
    this.bitPosition = offset * 8;
    this.endBit = (offset + length) * 8;
  }

  /** Reads up to 32 bits as an unsigned value (returned in an int for n &lt; 32). */
  public int readBits(int n) {
    if (n < 0 || n > 32 || bitPosition + n > endBit) {
      throw new IndexOutOfBoundsException("read of " + n + " bits at " + bitPosition);
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      int b = (data[bitPosition >> 3] >> (7 - (bitPosition & 7))) & 1;
      v = (v << 1) | b;
      bitPosition++;
    }
    return v;
  }

  public boolean readBit() {
    return readBits(1) == 1;
  }

  public void skipBits(int n) {
    if (n < 0 || bitPosition + n > endBit) {
      throw new IndexOutOfBoundsException("skip of " + n + " bits at " + bitPosition);
    }
    bitPosition += n;
  }

  /** ue(v). */
  public int readUe() {
    int zeros = 0;
    while (readBits(1) == 0) {
      if (++zeros > 31) {
        throw new IndexOutOfBoundsException("Exp-Golomb code too long");
      }
    }
    return (int) ((1L << zeros) - 1 + (zeros == 0 ? 0 : readBits(zeros) & 0xFFFFFFFFL));
  }

  /** se(v). */
  public int readSe() {
    int k = readUe();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }
}
