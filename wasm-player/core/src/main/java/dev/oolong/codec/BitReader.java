package dev.oolong.codec;

/**
 * Reads bits and Exp-Golomb codes (ITU-T H.264 9.1) from an RBSP. Reads past the end throw
 * {@link IndexOutOfBoundsException}; a code longer than 31 bits is refused the same way.
 */
public final class BitReader {
  private final byte[] data;
  private final int limitBits;
  private int bit;

  public BitReader(byte[] data, int offset, int length) {
    this.data = data;
    this.bit = offset * 8;
    this.limitBits = (offset + length) * 8;
  }

  public int readBits(int n) {
    if (n < 0 || n > 32 || bit + n > limitBits) {
      throw new IndexOutOfBoundsException("read of " + n + " bits at " + bit);
    }
    int v = 0;
    for (int i = 0; i < n; i++, bit++) {
      v = (v << 1) | ((data[bit >> 3] >> (7 - (bit & 7))) & 1);
    }
    return v;
  }

  public boolean readFlag() {
    return readBits(1) == 1;
  }

  public void skipBits(int n) {
    if (n < 0 || bit + n > limitBits) {
      throw new IndexOutOfBoundsException("skip of " + n + " bits at " + bit);
    }
    bit += n;
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
