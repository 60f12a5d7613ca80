package dev.oolong.extractor;

import java.util.Arrays;

/**
 * The bytes written to a {@link TrackOutput} since its last sample: {@link
 * TrackOutput#sampleData} appends pieces, {@link TrackOutput#sampleMetadata} commits the last
 * {@code size} of them. The buffer grows as needed and is reused.
 */
public final class SampleBytes {
  private byte[] data;
  private int size;

  public SampleBytes(int initialCapacity) {
    data = new byte[Math.max(0, initialCapacity)];
  }

  public void append(byte[] src, int offset, int length) {
    if (size + length > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + length));
    }
    System.arraycopy(src, offset, data, size, length);
    size += length;
  }

  /** The buffer: the bytes written are {@code [0, size())}. */
  public byte[] array() {
    return data;
  }

  public int size() {
    return size;
  }

  /**
   * The sample just committed: a copy of the last {@code size} bytes written (all of them when
   * fewer were), and the buffer cleared.
   */
  public byte[] takeLast(int size) {
    int n = Math.min(Math.max(0, size), this.size);
    byte[] out = Arrays.copyOfRange(data, this.size - n, this.size);
    this.size = 0;
    return out;
  }

  /** Forgets what was written (after a sample is committed or dropped). */
  public void clear() {
    size = 0;
  }
}
