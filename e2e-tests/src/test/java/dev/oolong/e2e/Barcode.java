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

  /** What {@link #checkProbe} found: the draws checked and the frame indices they skipped. */
  record ProbeCheck(int draws, int skipped) {}

  /**
   * Checks the canvas player's probe ({@code getStats().probe}: the barcode the engine read back
   * from the canvas after each frame it drew, with that frame's time) over a stretch of playback:
   * every draw showed the frame it was meant to (its index is its time × fps from the first
   * frame: nothing garbled, nothing mislabelled), and the draws went strictly forward (no frame
   * drawn twice, none out of order). Frames skipped between draws are counted, not failed: on a
   * loaded machine the scheduler drops frames that come too late, and the caller checks that the
   * player counted each of them ({@code droppedFrames}).
   */
  static ProbeCheck checkProbe(com.fasterxml.jackson.databind.JsonNode probe, double firstFrameSeconds, double fps) {
    org.assertj.core.api.Assertions.assertThat(probe).as("probe").isNotNull();
    com.fasterxml.jackson.databind.JsonNode draws = probe.get("draws");
    org.assertj.core.api.Assertions.assertThat(probe.get("count").asLong()).as("draws dropped from the probe")
        .isEqualTo(draws.size());
    java.util.List<String> wrong = new java.util.ArrayList<>();
    int skipped = 0;
    for (int i = 0; i < draws.size(); i++) {
      double pts = draws.get(i).get(0).asLong() / 1e6;
      int index = draws.get(i).get(1).asInt();
      long meant = Math.round((pts - firstFrameSeconds) * fps);
      if (index != meant) {
        wrong.add("draw " + i + ": frame " + meant + " at " + pts + " s, the canvas showed " + index);
      }
      if (i > 0) {
        int before = draws.get(i - 1).get(1).asInt();
        if (index <= before) {
          wrong.add("draw " + i + ": " + before + " then " + index);
        } else {
          skipped += index - before - 1;
        }
      }
    }
    org.assertj.core.api.Assertions.assertThat(wrong).as("canvas read back after each draw").isEmpty();
    return new ProbeCheck(draws.size(), skipped);
  }

  /**
   * {@link #checkProbe} on a canvas player's stats, and every frame the draws skipped is one the
   * player reported dropped: drops are counted, never hidden.
   */
  static ProbeCheck checkDraws(com.fasterxml.jackson.databind.JsonNode stats, double firstFrameSeconds, double fps) {
    ProbeCheck c = checkProbe(stats.get("probe"), firstFrameSeconds, fps);
    org.assertj.core.api.Assertions.assertThat(c.skipped()).as("frames skipped between draws (%s), against the "
        + "frames the player reported dropped", c).isLessThanOrEqualTo(stats.get("droppedFrames").asInt());
    if (c.skipped() > 0) {
      System.out.println("[probe] " + c.skipped() + " frames skipped in " + c.draws() + " draws, all reported dropped ("
          + stats.get("droppedFrames") + ")");
    }
    return c;
  }

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
