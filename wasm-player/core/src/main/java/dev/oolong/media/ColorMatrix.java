package dev.oolong.media;

import java.util.Locale;

/**
 * The YUV → RGB conversion of a picture, as {@code rgb = M · yuv + offset} on samples normalised
 * to 0..1 (an 8-bit texture's values), for the colour matrix and range its bitstream signals.
 * The renderer's YUV shader takes {@link #columnMajor()} and {@link #offset()} as uniforms.
 */
public final class ColorMatrix {
  /** The luma coefficients of a colour matrix (Kr, Kb). */
  public enum Coefficients {
    /** ITU-R BT.601 (SMPTE 170M, BT.470BG): standard-definition video. */
    BT601(0.299, 0.114, "smpte170m"),
    /** ITU-R BT.709: high-definition video. */
    BT709(0.2126, 0.0722, "bt709"),
    /** ITU-R BT.2020 non-constant luminance. */
    BT2020(0.2627, 0.0593, "bt2020-ncl");

    final double kr;
    final double kb;
    private final String webCodecsName;

    Coefficients(double kr, double kb, String webCodecsName) {
      this.kr = kr;
      this.kb = kb;
      this.webCodecsName = webCodecsName;
    }

    /** The {@code VideoColorSpace.matrix} name of these coefficients. */
    public String webCodecsName() {
      return webCodecsName;
    }

    /** The picture-height rule for video whose matrix is not signalled: HD BT.709, else BT.601. */
    private static Coefficients byHeight(int height) {
      return height >= 720 ? BT709 : BT601;
    }

    /**
     * The coefficients of a bitstream's matrix_coefficients code (ISO/IEC 23091-2: 1 BT.709,
     * 5 and 6 BT.601, 9 BT.2020); any other code (2: unspecified, or -1: not signalled) falls
     * back on the picture's height as {@link #of(String, int)} does.
     */
    public static Coefficients ofCode(int matrixCoefficients, int height) {
      return switch (matrixCoefficients) {
        case 1 -> BT709;
        case 5, 6 -> BT601;
        case 9 -> BT2020;
        default -> byHeight(height);
      };
    }

    /**
     * The coefficients a stream's matrix name means ({@code VideoColorSpace.matrix} names:
     * {@code bt709}, {@code smpte170m}, {@code bt470bg}, {@code bt2020-ncl}); an unknown or
     * absent name falls back on the picture's height, as players do with untagged video: HD
     * (720 lines and more) BT.709, else BT.601.
     */
    public static Coefficients of(String name, int height) {
      String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
      return switch (n) {
        case "bt709" -> BT709;
        case "smpte170m", "bt470bg", "bt601" -> BT601;
        case "bt2020-ncl", "bt2020" -> BT2020;
        default -> byHeight(height);
      };
    }
  }

  private final Coefficients coefficients;
  private final boolean fullRange;
  /** Row-major 3×3. */
  private final double[] m = new double[9];
  private final double[] offset = new double[3];

  private ColorMatrix(Coefficients c, boolean fullRange) {
    this.coefficients = c;
    this.fullRange = fullRange;
    double kg = 1 - c.kr - c.kb;
    // E'R = Y + 2(1-Kr) V; E'G = Y - 2Kb(1-Kb)/Kg U - 2Kr(1-Kr)/Kg V; E'B = Y + 2(1-Kb) U,
    // with Y in 0..1 and U, V in -0.5..0.5.
    double[] a = {
        1, 0, 2 * (1 - c.kr),
        1, -2 * c.kb * (1 - c.kb) / kg, -2 * c.kr * (1 - c.kr) / kg,
        1, 2 * (1 - c.kb), 0};
    // From the 8-bit code values (normalised by 255) to Y 0..1 and U, V -0.5..0.5.
    double ys = fullRange ? 1 : 255.0 / 219;
    double yb = fullRange ? 0 : 16.0 / 219;
    double cs = fullRange ? 1 : 255.0 / 224;
    double cb = fullRange ? 128.0 / 255 : 128.0 / 224;
    double[] scale = {ys, cs, cs};
    double[] bias = {yb, cb, cb};
    for (int r = 0; r < 3; r++) {
      double o = 0;
      for (int k = 0; k < 3; k++) {
        m[r * 3 + k] = a[r * 3 + k] * scale[k];
        o -= a[r * 3 + k] * bias[k];
      }
      offset[r] = o;
    }
  }

  private static final ColorMatrix[] ALL = new ColorMatrix[Coefficients.values().length * 2];

  static {
    for (Coefficients c : Coefficients.values()) {
      ALL[c.ordinal() * 2] = new ColorMatrix(c, false);
      ALL[c.ordinal() * 2 + 1] = new ColorMatrix(c, true);
    }
  }

  /**
   * The conversion for {@code coefficients} in limited (16–235) or full (0–255) range (one
   * instance per pair: identity is equality).
   */
  public static ColorMatrix of(Coefficients coefficients, boolean fullRange) {
    return ALL[coefficients.ordinal() * 2 + (fullRange ? 1 : 0)];
  }

  public Coefficients coefficients() {
    return coefficients;
  }

  public boolean fullRange() {
    return fullRange;
  }

  /** M in column-major order (GLSL's {@code mat3}). */
  public float[] columnMajor() {
    float[] out = new float[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[c * 3 + r] = (float) m[r * 3 + c];
      }
    }
    return out;
  }

  /** The offset added after M. */
  public float[] offset() {
    return new float[] {(float) offset[0], (float) offset[1], (float) offset[2]};
  }

  /** R, G, B (0..1, not clamped) of 8-bit code values. */
  public double[] toRgb(int y, int u, int v) {
    double[] in = {y / 255.0, u / 255.0, v / 255.0};
    double[] out = new double[3];
    for (int r = 0; r < 3; r++) {
      out[r] = offset[r] + m[r * 3] * in[0] + m[r * 3 + 1] * in[1] + m[r * 3 + 2] * in[2];
    }
    return out;
  }

  @Override
  public String toString() {
    return coefficients + (fullRange ? " full" : " limited");
  }
}
