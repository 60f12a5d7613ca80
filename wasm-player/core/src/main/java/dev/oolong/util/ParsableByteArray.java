package dev.oolong.util;

/**
 * Big-endian reads over a byte array with a position and a limit. Every read checks the limit
 * and throws {@link IndexOutOfBoundsException} past it, so a parser over hostile bytes can never
 * read garbage silently; callers turn that into a typed container error.
 */
public final class ParsableByteArray {
  private final byte[] data;
  private int position;
  private int limit;

  public ParsableByteArray(byte[] data) {
    this(data, 0, data.length);
  }

  public ParsableByteArray(byte[] data, int position, int limit) {
    if (position < 0 || limit > data.length || position > limit) {
      throw new IndexOutOfBoundsException("position " + position + " limit " + limit);
    }
    this.data = data;
    this.position = position;
    this.limit = limit;
  }

  public byte[] data() {
    return data;
  }

  public int position() {
    return position;
  }

  public int limit() {
    return limit;
  }

  public int bytesLeft() {
    return limit - position;
  }

  public void setPosition(int position) {
    if (position < 0 || position > limit) {
      throw new IndexOutOfBoundsException("position " + position + " limit " + limit);
    }
    this.position = position;
  }

  public void skip(int n) {
    setPosition(checkedEnd(n));
  }

  private int checkedEnd(int n) {
    if (n < 0 || n > limit - position) {
      throw new IndexOutOfBoundsException(
          "read of " + n + " at " + position + " past limit " + limit);
    }
    return position + n;
  }

  public int readUnsignedByte() {
    checkedEnd(1);
    return data[position++] & 0xFF;
  }

  public int readUnsignedShort() {
    checkedEnd(2);
    int v = (data[position] & 0xFF) << 8 | (data[position + 1] & 0xFF);
    position += 2;
    return v;
  }

  public int readUnsignedInt24() {
    checkedEnd(3);
    int v = (data[position] & 0xFF) << 16 | (data[position + 1] & 0xFF) << 8
        | (data[position + 2] & 0xFF);
    position += 3;
    return v;
  }

  public int readInt() {
    checkedEnd(4);
    int v = (data[position] & 0xFF) << 24 | (data[position + 1] & 0xFF) << 16
        | (data[position + 2] & 0xFF) << 8 | (data[position + 3] & 0xFF);
    position += 4;
    return v;
  }

  public long readUnsignedInt() {
    return readInt() & 0xFFFFFFFFL;
  }

  public long readLong() {
    long hi = readUnsignedInt();
    long lo = readUnsignedInt();
    return hi << 32 | lo;
  }

  /** Reads 16.16 fixed point and returns its integer part. */
  public int readFixedPoint1616Integer() {
    return (int) (readUnsignedInt() >>> 16);
  }

  /** Reads four bytes as an ISO BMFF four-character code. */
  public String readFourCc() {
    checkedEnd(4);
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (data[position + i] & 0xFF);
    }
    position += 4;
    return new String(c);
  }

  public void readBytes(byte[] target, int offset, int length) {
    checkedEnd(length);
    System.arraycopy(data, position, target, offset, length);
    position += length;
  }
}
