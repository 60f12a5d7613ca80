package dev.oolong.codec;

import dev.oolong.util.ParsableBitArray;

import java.util.Locale;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1) the engine needs: the
 * profile, constraint flags and level (for the codec string) and the cropped picture size.
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int width, int height,
    int matrixCoefficients, boolean fullRange) {

  /** {@code avc1.PPCCLL}. */
  public String codecString() {
    return String.format(Locale.ROOT, "avc1.%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
  }

  /**
   * Parses an SPS NAL unit (header byte included, still escaped).
   *
   * @throws IndexOutOfBoundsException when it is cut short or malformed
   */
  public static H264Sps parse(byte[] nal, int offset, int length) {
    byte[] rbsp = NalUnits.unescape(nal, offset + 1, length - 1);
    ParsableBitArray r = new ParsableBitArray(rbsp, 0, rbsp.length);
    int profile = r.readBits(8);
    int constraints = r.readBits(8);
    int level = r.readBits(8);
    r.readUe(); // seq_parameter_set_id
    int chromaFormat = 1;
    boolean separateColourPlane = false;
    if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44
        || profile == 83 || profile == 86 || profile == 118 || profile == 128 || profile == 138
        || profile == 139 || profile == 134 || profile == 135) {
      chromaFormat = r.readUe();
      if (chromaFormat == 3) {
        separateColourPlane = r.readBit();
      }
      r.readUe(); // bit_depth_luma_minus8
      r.readUe(); // bit_depth_chroma_minus8
      r.readBit(); // qpprime_y_zero_transform_bypass_flag
      if (r.readBit()) { // seq_scaling_matrix_present_flag
        for (int i = 0; i < (chromaFormat != 3 ? 8 : 12); i++) {
          if (r.readBit()) {
            skipScalingList(r, i < 6 ? 16 : 64);
          }
        }
      }
    }
    r.readUe(); // log2_max_frame_num_minus4
    int pocType = r.readUe();
    if (pocType == 0) {
      r.readUe();
    } else if (pocType == 1) {
      r.readBit();
      r.readSe();
      r.readSe();
      int n = r.readUe();
      if (n > 255) {
        throw new IndexOutOfBoundsException("num_ref_frames_in_pic_order_cnt_cycle " + n);
      }
      for (int i = 0; i < n; i++) {
        r.readSe();
      }
    }
    r.readUe(); // max_num_ref_frames
    r.readBit(); // gaps_in_frame_num_value_allowed_flag
    int widthMbs = r.readUe() + 1;
    int heightMapUnits = r.readUe() + 1;
    boolean frameMbsOnly = r.readBit();
    if (!frameMbsOnly) {
      r.readBit(); // mb_adaptive_frame_field_flag
    }
    r.readBit(); // direct_8x8_inference_flag
    int width = widthMbs * 16;
    int height = heightMapUnits * 16 * (frameMbsOnly ? 1 : 2);
    if (r.readBit()) { // frame_cropping_flag
      int left = r.readUe();
      int right = r.readUe();
      int top = r.readUe();
      int bottom = r.readUe();
      int arrayType = separateColourPlane ? 0 : chromaFormat;
      int cropX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
      int cropY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
      width -= (left + right) * cropX;
      height -= (top + bottom) * cropY;
    }
    // VUI: the video signal type (range, and the colour matrix when described); absent or cut
    // short, the colour is unsignalled (-1) and the range limited.
    int matrix = -1;
    boolean full = false;
    try {
      if (r.readBit()) { // vui_parameters_present_flag
        if (r.readBit() && r.readBits(8) == 255) { // aspect_ratio_info_present_flag, Extended_SAR
          r.skipBits(32);
        }
        if (r.readBit()) { // overscan_info_present_flag
          r.readBit();
        }
        if (r.readBit()) { // video_signal_type_present_flag
          r.readBits(3); // video_format
          full = r.readBit();
          if (r.readBit()) { // colour_description_present_flag
            r.readBits(8); // colour_primaries
            r.readBits(8); // transfer_characteristics
            matrix = r.readBits(8);
          }
        }
      }
    } catch (IndexOutOfBoundsException truncated) {
      matrix = -1;
      full = false;
    }
    return new H264Sps(profile, constraints, level, width, height, matrix, full);
  }

  private static void skipScalingList(ParsableBitArray r, int size) {
    int last = 8;
    int next = 8;
    for (int j = 0; j < size; j++) {
      if (next != 0) {
        next = (last + r.readSe() + 256) % 256;
      }
      last = next == 0 ? last : next;
    }
  }
}
