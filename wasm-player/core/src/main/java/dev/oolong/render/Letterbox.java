package dev.oolong.render;

/**
 * Where a picture goes on a canvas: as large as fits with its display aspect ratio kept,
 * centred, the rest of the canvas black (letter- or pillar-boxed).
 *
 * @param x left edge, pixels from the canvas's left
 * @param y top edge, pixels from the canvas's top
 * @param width the picture's width on the canvas
 * @param height the picture's height on the canvas
 */
public record Letterbox(int x, int y, int width, int height) {

  /**
   * The rectangle for a picture of display size {@code pictureWidth × pictureHeight} on a canvas
   * of {@code canvasWidth × canvasHeight}; the whole canvas when a size is unknown (0).
   */
  public static Letterbox fit(int canvasWidth, int canvasHeight, int pictureWidth, int pictureHeight) {
    if (pictureWidth <= 0 || pictureHeight <= 0 || canvasWidth <= 0 || canvasHeight <= 0) {
      return new Letterbox(0, 0, Math.max(0, canvasWidth), Math.max(0, canvasHeight));
    }
    // Compare the aspect ratios exactly (cross products in long) before rounding.
    long a = (long) canvasWidth * pictureHeight;
    long b = (long) canvasHeight * pictureWidth;
    int w;
    int h;
    if (a > b) { // canvas wider than the picture: bars left and right
      h = canvasHeight;
      w = (int) Math.min(canvasWidth, Math.round((double) canvasHeight * pictureWidth / pictureHeight));
    } else {
      w = canvasWidth;
      h = (int) Math.min(canvasHeight, Math.round((double) canvasWidth * pictureHeight / pictureWidth));
    }
    return new Letterbox((canvasWidth - w) / 2, (canvasHeight - h) / 2, w, h);
  }

  /** The bottom edge measured from the canvas's bottom (WebGL's viewport origin). */
  public int yFromBottom(int canvasHeight) {
    return canvasHeight - y - height;
  }

  /** Whether the picture leaves part of the canvas to be painted black. */
  public boolean hasBars(int canvasWidth, int canvasHeight) {
    return width != canvasWidth || height != canvasHeight;
  }
}
