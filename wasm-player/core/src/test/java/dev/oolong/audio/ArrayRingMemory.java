package dev.oolong.audio;

/**
 * The audio ring in plain arrays, with the consumer's side written here from {@link
 * AudioRingLayout} alone — the same steps the AudioWorklet takes — so the producer is checked
 * against the layout's contract, not against itself.
 */
public final class ArrayRingMemory implements RingMemory {
  final int[] header = new int[AudioRingLayout.HEADER_INTS];
  final float[] samples;

  public ArrayRingMemory(int capacity, int channels) {
    samples = new float[capacity * channels];
  }

  @Override
  public int load(int index) {
    return header[index];
  }

  @Override
  public void store(int index, int value) {
    header[index] = value;
  }

  @Override
  public void putSamples(int at, float[] source, int offset, int length) {
    System.arraycopy(source, offset, samples, at, length);
  }

  /** One render quantum of {@code n} frames as the worklet plays it: returns channel 0's samples. */
  public float[] consume(int n) {
    float[] out = new float[n];
    int read = header[AudioRingLayout.READ];
    int skip = header[AudioRingLayout.SKIP_TO];
    if (skip - read > 0) {
      read = skip;
      header[AudioRingLayout.READ] = read;
    }
    int state = header[AudioRingLayout.STATE];
    if ((state & AudioRingLayout.STATE_PLAYING) == 0) {
      return out;
    }
    int capacity = header[AudioRingLayout.CAPACITY];
    int channels = header[AudioRingLayout.CHANNELS];
    int available = header[AudioRingLayout.WRITE] - read;
    int taken = Math.max(0, Math.min(available, n));
    for (int i = 0; i < taken; i++) {
      int slot = Integer.remainderUnsigned(read + i, capacity);
      out[i] = samples[slot * channels];
    }
    if (taken < n && (state & AudioRingLayout.STATE_ENDED) == 0) {
      header[AudioRingLayout.UNDERRUNS]++;
    }
    header[AudioRingLayout.READ] = read + taken;
    header[AudioRingLayout.PLAYED] += taken;
    return out;
  }
}
