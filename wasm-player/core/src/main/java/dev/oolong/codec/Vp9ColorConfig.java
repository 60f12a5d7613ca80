package dev.oolong.codec;

import dev.oolong.media.ColorMatrix;
import dev.oolong.util.ParsableBitArray;

/**
 * The colour a VP9 key frame's uncompressed header signals (VP9 bitstream specification, 6.2
 * {@code uncompressed_header} and {@code color_config}): its colour space and range. A frame
 * that is not a key frame (or is too short, or has a wrong sync code) signals nothing here.
 *
 * @param colorSpace {@code color_space}: 0 unknown, 1 BT.601, 2 BT.709, 3 SMPTE 170M, 4 SMPTE
 *     240M, 5 BT.2020, 6 reserved, 7 sRGB
 * @param fullRange {@code color_range} (always full for sRGB)
 */
public record Vp9ColorConfig(int colorSpace, boolean fullRange) {
  public static final int CS_UNKNOWN = 0;
  public static final int CS_BT_601 = 1;
  public static final int CS_BT_709 = 2;
  public static final int CS_SMPTE_170 = 3;
  public static final int CS_SMPTE_240 = 4;
  public static final int CS_BT_2020 = 5;
  public static final int CS_RGB = 7;

  private static final int SYNC_CODE = 0x498342;

  /** The colour configuration of the key frame at {@code data[offset..offset+length)}, or null. */
  public static Vp9ColorConfig parse(byte[] data, int offset, int length) {
    try {
      ParsableBitArray r = new ParsableBitArray(data, offset, Math.min(length, 16));
      if (r.readBits(2) != 2) { // frame_marker
        return null;
      }
      int profileLow = r.readBits(1);
      int profile = (r.readBits(1) << 1) | profileLow;
      if (profile == 3) {
        r.skipBits(1); // reserved_zero
      }
      if (r.readBit()) { // show_existing_frame
        return null;
      }
      if (r.readBits(1) != 0) { // frame_type: not a KEY_FRAME
        return null;
      }
      r.skipBits(2); // show_frame, error_resilient_mode
      if (r.readBits(24) != SYNC_CODE) {
        return null;
      }
      if (profile >= 2) {
        r.skipBits(1); // ten_or_twelve_bit
      }
      int colorSpace = r.readBits(3);
      boolean fullRange = colorSpace == CS_RGB || r.readBit();
      return new Vp9ColorConfig(colorSpace, fullRange);
    } catch (IndexOutOfBoundsException truncated) {
      return null;
    }
  }

  /**
   * The YUV → RGB conversion for a picture {@code height} lines high: the signalled matrix, or
   * the picture-height rule when the space is unknown or not a YUV matrix handled here (as ffmpeg
   * does for untagged video); null for sRGB (no YUV matrix: the decoder's own report decides).
   */
  public ColorMatrix matrix(int height) {
    ColorMatrix.Coefficients c = switch (colorSpace) {
      case CS_BT_601, CS_SMPTE_170 -> ColorMatrix.Coefficients.BT601;
      case CS_BT_709 -> ColorMatrix.Coefficients.BT709;
      case CS_BT_2020 -> ColorMatrix.Coefficients.BT2020;
      case CS_RGB -> null;
      default -> ColorMatrix.Coefficients.ofCode(2, height); // unspecified: the height rule
    };
    return c == null ? null : ColorMatrix.of(c, fullRange);
  }
}
