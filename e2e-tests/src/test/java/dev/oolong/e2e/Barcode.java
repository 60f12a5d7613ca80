package dev.oolong.e2e;

import com.microsoft.playwright.Page;

/**
 * Reads the frame-index barcode (scripts/gen-test-media.sh) from the pixels of a {@code <video>}
 * or {@code <canvas>}: bit i (least significant first) is the cell 40 px wide at x = 40·i in the
 * top 16 rows; white is 1, black is 0. A cell that is neither clearly white nor clearly black
 * means the pixels are not a barcode (garbled, scaled, blank): the reader then answers -1.
 */
final class Barcode {
  /** A JS function (element) → frame index or -1, sampling each cell's centre 4×4 block. */
  static final String READ_JS = """
      (el) => {
        const w = el.videoWidth || el.width, h = el.videoHeight || el.height;
        if (!w || !h) return -1;
        const c = document.createElement('canvas');
        c.width = w; c.height = 16;
        const g = c.getContext('2d', { willReadFrequently: true });
        g.drawImage(el, 0, 0, w, 16, 0, 0, w, 16);
        const d = g.getImageData(0, 0, w, 16).data;
        const bits = Math.floor(w / 40);
        let v = 0;
        for (let i = 0; i < bits; i++) {
          let sum = 0;
          for (let y = 6; y < 10; y++) for (let x = i * 40 + 18; x < i * 40 + 22; x++) {
            const p = (y * w + x) * 4;
            sum += (d[p] + d[p + 1] + d[p + 2]) / 3;
          }
          const lum = sum / 16;
          if (lum > 180) v += 2 ** i;
          else if (lum > 75) return -1;
        }
        return v;
      }""";

  /**
   * The same for a picture drawn at another width than the video's (no letter-boxing): a JS
   * function ([element, video width]) → frame index or -1, sampling each scaled cell's centre
   * 2×2 block (rows 6–7: inside the scaled 16-row band down to half size).
   */
  static final String READ_SCALED_JS = """
      ([el, videoWidth]) => {
        const w = el.videoWidth || el.width;
        if (!w) return -1;
        const c = document.createElement('canvas');
        c.width = w; c.height = 8;
        const g = c.getContext('2d', { willReadFrequently: true });
        g.drawImage(el, 0, 0, w, 8, 0, 0, w, 8);
        const d = g.getImageData(0, 0, w, 8).data;
        const cell = 40 * w / videoWidth, bits = Math.floor(videoWidth / 40);
        let v = 0;
        for (let i = 0; i < bits; i++) {
          const x0 = Math.floor(cell * (i + 0.5)) - 1;
          let sum = 0;
          for (let y = 3; y < 5; y++) for (let x = x0; x < x0 + 2; x++) {
            const p = (y * w + x) * 4;
            sum += (d[p] + d[p + 1] + d[p + 2]) / 3;
          }
          const lum = sum / 4;
          if (lum > 180) v += 2 ** i;
          else if (lum > 75) return -1;
        }
        return v;
      }""";

  private Barcode() {}

  /** The frame index shown by the element matching {@code selector}, drawn scaled from a video {@code videoWidth} wide. */
  static int readScaled(Page page, String selector, int videoWidth) {
    Object v = page.evaluate("(w) => (" + READ_SCALED_JS + ")([document.querySelector('" + selector + "'), w])", videoWidth);
    return ((Number) v).intValue();
  }

  /** The frame index shown by the element matching {@code selector}, or -1. */
  static int read(Page page, String selector) {
    Object v = page.evalOnSelector(selector, READ_JS);
    return ((Number) v).intValue();
  }
}
