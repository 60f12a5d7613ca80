package dev.oolong.msefallback;

import java.util.Arrays;

/**
 * Writes ISO BMFF boxes into a growing byte array: {@link #start} opens a box (its size is
 * patched by {@link #end}), the {@code u8..u64} methods write big-endian fields.
 */
final class BoxWriter {
  private byte[] data = new byte[4096];
  private int size;
  private final int[] open = new int[32];
  private int depth;

  /** Opens a box of type {@code fourCc}. */
  BoxWriter start(String fourCc) {
    open[depth++] = size;
    u32(0);
    fourCc(fourCc);
    return this;
  }

  /** Opens a full box (version and flags). */
  BoxWriter startFull(String fourCc, int version, int flags) {
    start(fourCc);
    u8(version);
    u24(flags);
    return this;
  }

  /** Closes the innermost open box, writing its size. */
  BoxWriter end() {
    int at = open[--depth];
    putU32(at, size - at);
    return this;
  }

  BoxWriter u8(int v) {
    ensure(1);
    data[size++] = (byte) v;
    return this;
  }

  BoxWriter u16(int v) {
    ensure(2);
    data[size++] = (byte) (v >>> 8);
    data[size++] = (byte) v;
    return this;
  }

  BoxWriter u24(int v) {
    ensure(3);
    data[size++] = (byte) (v >>> 16);
    data[size++] = (byte) (v >>> 8);
    data[size++] = (byte) v;
    return this;
  }

  BoxWriter u32(long v) {
    ensure(4);
    data[size++] = (byte) (v >>> 24);
    data[size++] = (byte) (v >>> 16);
    data[size++] = (byte) (v >>> 8);
    data[size++] = (byte) v;
    return this;
  }

  BoxWriter u64(long v) {
    u32(v >>> 32);
    return u32(v & 0xFFFFFFFFL);
  }

  BoxWriter zeros(int n) {
    ensure(n);
    size += n; // the array is zero-filled beyond size
    return this;
  }

  BoxWriter fourCc(String s) {
    for (int i = 0; i < 4; i++) {
      u8(s.charAt(i));
    }
    return this;
  }

  BoxWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  BoxWriter bytes(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, data, size, length);
    size += length;
    return this;
  }

  /** A whole box whose body is {@code body}. */
  BoxWriter box(String fourCc, byte[] body) {
    return start(fourCc).bytes(body).end();
  }

  int position() {
    return size;
  }

  void putU32(int at, long v) {
    data[at] = (byte) (v >>> 24);
    data[at + 1] = (byte) (v >>> 16);
    data[at + 2] = (byte) (v >>> 8);
    data[at + 3] = (byte) v;
  }

  byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " boxes still open");
    }
    return Arrays.copyOf(data, size);
  }

  private void ensure(int n) {
    if (size + n > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
    }
  }
}
