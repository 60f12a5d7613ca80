package dev.oolong.render;

import dev.oolong.media.ColorMatrix;

/**
 * What the renderer needs to draw a decoded picture held as planes (in a frame ring slot): its
 * time, layout and colour.
 *
 * @param ptsUs presentation time (µs)
 * @param durationUs duration (µs; 0 when unknown)
 * @param format {@link FrameRingLayout#FORMAT_I420} or {@link FrameRingLayout#FORMAT_NV12}
 * @param width coded (visible) width in luma samples
 * @param height coded (visible) height in luma samples
 * @param displayWidth width to display (the sample aspect ratio applied)
 * @param displayHeight height to display
 * @param colorMatrix the YUV → RGB conversion the bitstream signals
 * @param offsets byte offsets of the planes from the slot's start (Y, U or UV, V)
 * @param strides bytes per row of each plane
 */
public record FrameInfo(long ptsUs, long durationUs, int format, int width, int height,
    int displayWidth, int displayHeight, ColorMatrix colorMatrix, int[] offsets, int[] strides) {

  public int offset(int plane) {
    return offsets[plane];
  }

  public int stride(int plane) {
    return strides[plane];
  }
}
