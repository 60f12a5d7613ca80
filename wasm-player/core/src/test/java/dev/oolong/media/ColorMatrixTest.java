package dev.oolong.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oolong.media.ColorMatrix.Coefficients;
import org.junit.jupiter.api.Test;

/**
 * Oracles: the code values of black, white and the primaries computed by hand from each
 * standard's definition (Y = Kr R + Kg G + Kb B, U = (B − Y) / (2(1 − Kb)), V = (R − Y) / (2(1 − Kr)),
 * then quantised to 8-bit limited or full range).
 */
class ColorMatrixTest {
  private static void assertRgb(double[] rgb, double r, double g, double b) {
    assertThat(rgb[0]).isCloseTo(r, within(0.012));
    assertThat(rgb[1]).isCloseTo(g, within(0.012));
    assertThat(rgb[2]).isCloseTo(b, within(0.012));
  }

  @Test
  void limitedRangeBlackAndWhite() {
    for (Coefficients c : Coefficients.values()) {
      ColorMatrix m = ColorMatrix.of(c, false);
      assertRgb(m.toRgb(16, 128, 128), 0, 0, 0);
      assertRgb(m.toRgb(235, 128, 128), 1, 1, 1);
      assertRgb(m.toRgb(126, 128, 128), 0.5023, 0.5023, 0.5023);
    }
  }

  @Test
  void fullRangeBlackAndWhite() {
    ColorMatrix m = ColorMatrix.of(Coefficients.BT601, true);
    assertRgb(m.toRgb(0, 128, 128), 0, 0, 0);
    assertRgb(m.toRgb(255, 128, 128), 1, 1, 1);
  }

  @Test
  void primariesOfBt709LimitedRange() {
    ColorMatrix m = ColorMatrix.of(Coefficients.BT709, false);
    // Red: Y = 16 + 219 × 0.2126 = 62.6, U = 128 − 224 × 0.2126 / 1.8556 = 102.3, V = 240.
    assertRgb(m.toRgb(63, 102, 240), 1, 0, 0);
    // Green: Y = 16 + 219 × 0.7152 = 172.6, U = 128 − 224 × 0.7152 / 1.8556 = 41.7,
    // V = 128 − 224 × 0.7152 / 1.5748 = 26.3.
    assertRgb(m.toRgb(173, 42, 26), 0, 1, 0);
    // Blue: Y = 16 + 219 × 0.0722 = 31.8, U = 240, V = 128 − 224 × 0.0722 / 1.5748 = 117.7.
    assertRgb(m.toRgb(32, 240, 118), 0, 0, 1);
  }

  @Test
  void primariesOfBt601LimitedAndFullRange() {
    ColorMatrix limited = ColorMatrix.of(Coefficients.BT601, false);
    assertRgb(limited.toRgb(81, 90, 240), 1, 0, 0); // the classic 601 red
    assertRgb(limited.toRgb(145, 54, 34), 0, 1, 0);
    ColorMatrix full = ColorMatrix.of(Coefficients.BT601, true);
    // Red full range: Y = 255 × 0.299 = 76.2, U = 128 − 255 × 0.299 / 1.772 = 85, V = 255.5 → 255.
    assertRgb(full.toRgb(76, 85, 255), 1, 0, 0);
  }

  @Test
  void theMatricesDifferWhereItShows() {
    // The same code values read with the wrong matrix give a visibly different colour: a test
    // picture rendered with the wrong one would fail a PSNR check.
    double[] a = ColorMatrix.of(Coefficients.BT709, false).toRgb(63, 102, 240);
    double[] b = ColorMatrix.of(Coefficients.BT601, false).toRgb(63, 102, 240);
    assertThat(Math.abs(a[1] - b[1])).isGreaterThan(0.05);
  }

  @Test
  void theShaderFormIsTheSameConversion() {
    ColorMatrix m = ColorMatrix.of(Coefficients.BT709, false);
    float[] cm = m.columnMajor();
    float[] o = m.offset();
    int y = 173;
    int u = 42;
    int v = 26;
    double[] in = {y / 255.0, u / 255.0, v / 255.0};
    double[] expected = m.toRgb(y, u, v);
    for (int r = 0; r < 3; r++) {
      double got = o[r] + cm[r] * in[0] + cm[3 + r] * in[1] + cm[6 + r] * in[2];
      assertThat(got).isCloseTo(expected[r], within(1e-5));
    }
  }

  @Test
  void namesFromTheStreamAndTheFallbackOnHeight() {
    assertThat(Coefficients.of("bt709", 360)).isEqualTo(Coefficients.BT709);
    assertThat(Coefficients.of("smpte170m", 1080)).isEqualTo(Coefficients.BT601);
    assertThat(Coefficients.of("bt470bg", 1080)).isEqualTo(Coefficients.BT601);
    assertThat(Coefficients.of("bt2020-ncl", 360)).isEqualTo(Coefficients.BT2020);
    assertThat(Coefficients.of(null, 720)).isEqualTo(Coefficients.BT709);
    assertThat(Coefficients.of("rgb", 576)).isEqualTo(Coefficients.BT601);
    // The bitstream's codes (ISO/IEC 23091-2) and the WebCodecs names read back.
    assertThat(Coefficients.ofCode(1, 360)).isEqualTo(Coefficients.BT709);
    assertThat(Coefficients.ofCode(6, 1080)).isEqualTo(Coefficients.BT601);
    assertThat(Coefficients.ofCode(9, 360)).isEqualTo(Coefficients.BT2020);
    assertThat(Coefficients.ofCode(2, 1080)).isEqualTo(Coefficients.BT709);
    assertThat(Coefficients.ofCode(-1, 360)).isEqualTo(Coefficients.BT601);
    for (Coefficients c : Coefficients.values()) {
      assertThat(Coefficients.of(c.webCodecsName(), 0)).isEqualTo(c);
    }
  }
}
