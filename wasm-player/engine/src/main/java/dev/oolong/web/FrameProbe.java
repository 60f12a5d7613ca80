package dev.oolong.web;

/**
 * Test oracle of the canvas path: the frame index read back from the canvas (its barcode, see
 * {@link dev.oolong.render.FrameIndexBarcode}) after each frame drawn, with the frame's time;
 * the last {@link #CAPACITY} kept. Off unless a test asks ({@code probe} control): each read-back
 * waits for the GPU.
 */
final class FrameProbe {
  /** Draws remembered (30 s at 30 fps). */
  static final int CAPACITY = 900;

  private final long[] ptsUs = new long[CAPACITY];
  private final int[] index = new int[CAPACITY];
  private long count;

  /** A frame at {@code pts} went on screen; the canvas then showed barcode {@code shown} (-1: none). */
  void add(long pts, int shown) {
    int i = (int) (count % CAPACITY);
    ptsUs[i] = pts;
    index[i] = shown;
    count++;
  }

  /** {@code {"count": n, "draws": [[ptsUs, index], ...]}}, oldest kept first. */
  String toJson() {
    StringBuilder b = new StringBuilder(32 + (int) Math.min(count, CAPACITY) * 16);
    b.append("{\"count\":").append(count).append(",\"draws\":[");
    long first = Math.max(0, count - CAPACITY);
    for (long k = first; k < count; k++) {
      int i = (int) (k % CAPACITY);
      if (k > first) {
        b.append(',');
      }
      b.append('[').append(ptsUs[i]).append(',').append(index[i]).append(']');
    }
    return b.append("]}").toString();
  }
}
