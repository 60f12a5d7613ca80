package dev.oolong.render;

/**
 * Reads the frame-index barcode of Oolong's test media ({@code scripts/gen-test-media.sh}) from
 * drawn pixels: the frame number in binary, least significant bit on the left, a cell
 * {@link #CELL} px wide per bit in the top {@link #ROWS} rows of the video, white for 1 and black
 * for 0. A test oracle: the canvas path reads it back after drawing each frame (when asked to,
 * see {@code CanvasPlayer}'s probe) so a test can see every frame that went on screen.
 */
public final class FrameIndexBarcode {
  /** Rows of the video the barcode fills. */
  public static final int ROWS = 16;
  /** Width of one bit's cell in video pixels. */
  public static final int CELL = 40;

  private FrameIndexBarcode() {}

  /**
   * The rows of the picture to read back: the barcode band scaled to the picture's height on the
   * canvas ({@code pictureHeight / videoHeight}), at least one.
   */
  public static int bandRows(int pictureHeight, int videoHeight) {
    return Math.max(1, (int) ((long) ROWS * pictureHeight / Math.max(1, videoHeight)));
  }

  /**
   * The frame index in {@code rgba}, the top {@code rows} rows of a picture {@code width} pixels
   * wide drawn from a video {@code videoWidth} wide, as WebGL's {@code readPixels} returns them
   * (bottom row first, 4 bytes a pixel); or -1 when a cell is neither clearly white nor clearly
   * black (not a barcode: garbled, blank, another picture).
   */
  public static int read(byte[] rgba, int width, int rows, int videoWidth) {
    if (width <= 0 || rows <= 0 || videoWidth < CELL || rgba.length < width * rows * 4) {
      return -1;
    }
    int bits = Math.min(30, videoWidth / CELL);
    double cell = (double) CELL * width / videoWidth;
    int row = rows / 2; // the middle of the band (the same counted from the bottom or the top)
    int index = 0;
    for (int i = 0; i < bits; i++) {
      int x = (int) Math.floor(cell * (i + 0.5));
      int sum = 0;
      int n = 0;
      for (int dx = -1; dx <= 0; dx++) { // a 2-pixel sample at the cell's centre
        int px = Math.max(0, Math.min(width - 1, x + dx));
        int p = (row * width + px) * 4;
        sum += (rgba[p] & 0xFF) + (rgba[p + 1] & 0xFF) + (rgba[p + 2] & 0xFF);
        n += 3;
      }
      int lum = sum / n;
      if (lum > 180) {
        index |= 1 << i;
      } else if (lum > 75) {
        return -1;
      }
    }
    return index;
  }
}
