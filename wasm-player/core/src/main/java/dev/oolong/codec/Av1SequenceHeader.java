package dev.oolong.codec;

import dev.oolong.media.ColorMatrix;
import dev.oolong.util.ParsableBitArray;

/**
 * What Oolong reads of an AV1 sequence header OBU (AV1 specification 5.5: {@code
 * sequence_header_obu} down to {@code color_config}): the profile, the largest picture and the
 * colour. Found in an {@code av1C} record's configOBUs, or in band.
 *
 * @param profile {@code seq_profile}
 * @param maxWidth {@code max_frame_width_minus_1 + 1}
 * @param maxHeight {@code max_frame_height_minus_1 + 1}
 * @param matrixCoefficients {@code matrix_coefficients} (ISO/IEC 23091-2; 2: unspecified)
 * @param fullRange {@code color_range}
 */
public record Av1SequenceHeader(int profile, int maxWidth, int maxHeight, int matrixCoefficients,
    boolean fullRange) {
  static final int OBU_SEQUENCE_HEADER = 1;
  private static final int SELECT_SCREEN_CONTENT_TOOLS = 2;

  /**
   * The first sequence header among the OBUs in {@code data[offset..offset+length)} (each with its
   * size field, as in {@code av1C} and in Matroska/MP4 samples), or null when there is none or it
   * cannot be read. At most 64 OBUs are looked at.
   */
  public static Av1SequenceHeader find(byte[] data, int offset, int length) {
    int end = Math.min(data.length, offset + length);
    int p = offset;
    for (int obus = 0; obus < 64 && p < end; obus++) {
      int header = data[p] & 0xFF;
      int type = (header >> 3) & 0xF;
      boolean extension = (header & 0x4) != 0;
      boolean hasSize = (header & 0x2) != 0;
      p += extension ? 2 : 1;
      if (!hasSize || p > end) {
        return null; // without sizes the OBUs cannot be walked
      }
      long size = 0;
      int i = 0;
      for (; i < 8 && p < end; i++) { // leb128
        int b = data[p++] & 0xFF;
        size |= (long) (b & 0x7F) << (7 * i);
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (i == 8 || size > end - p) {
        return null;
      }
      if (type == OBU_SEQUENCE_HEADER) {
        return parse(data, p, (int) size);
      }
      p += (int) size;
    }
    return null;
  }

  /** The sequence header whose payload is {@code data[offset..offset+length)}, or null. */
  public static Av1SequenceHeader parse(byte[] data, int offset, int length) {
    try {
      return read(new ParsableBitArray(data, offset, length));
    } catch (IndexOutOfBoundsException | IllegalStateException truncated) {
      return null;
    }
  }

  private static Av1SequenceHeader read(ParsableBitArray r) {
    int profile = r.readBits(3);
    r.skipBits(1); // still_picture
    boolean reduced = r.readBit();
    if (reduced) {
      r.skipBits(5); // seq_level_idx[0]
    } else {
      boolean timingInfo = r.readBit();
      boolean decoderModelInfo = false;
      int bufferDelayLength = 0;
      if (timingInfo) {
        r.skipBits(32); // num_units_in_display_tick
        r.skipBits(32); // time_scale
        if (r.readBit()) { // equal_picture_interval
          uvlc(r); // num_ticks_per_picture_minus_1
        }
        decoderModelInfo = r.readBit();
        if (decoderModelInfo) {
          bufferDelayLength = r.readBits(5) + 1;
          r.skipBits(32); // num_units_in_decoding_tick
          r.skipBits(5 + 5); // buffer_removal_time_length_minus_1, frame_presentation_time_length_minus_1
        }
      }
      boolean initialDisplayDelay = r.readBit();
      int operatingPoints = r.readBits(5) + 1;
      for (int i = 0; i < operatingPoints; i++) {
        r.skipBits(12); // operating_point_idc
        if (r.readBits(5) > 7) { // seq_level_idx
          r.skipBits(1); // seq_tier
        }
        if (decoderModelInfo && r.readBit()) { // decoder_model_present_for_this_op
          r.skipBits(2 * bufferDelayLength + 1); // decoder/encoder_buffer_delay, low_delay_mode_flag
        }
        if (initialDisplayDelay && r.readBit()) {
          r.skipBits(4); // initial_display_delay_minus_1
        }
      }
    }
    int widthBits = r.readBits(4) + 1;
    int heightBits = r.readBits(4) + 1;
    int maxWidth = r.readBits(widthBits) + 1;
    int maxHeight = r.readBits(heightBits) + 1;
    if (!reduced && r.readBit()) { // frame_id_numbers_present_flag
      r.skipBits(4 + 3);
    }
    r.skipBits(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
    if (!reduced) {
      r.skipBits(4); // interintra_compound, masked_compound, warped_motion, dual_filter
      boolean orderHint = r.readBit();
      if (orderHint) {
        r.skipBits(2); // enable_jnt_comp, enable_ref_frame_mvs
      }
      int forceScreenContentTools = r.readBit() ? SELECT_SCREEN_CONTENT_TOOLS : r.readBits(1);
      if (forceScreenContentTools > 0 && !r.readBit()) { // seq_choose_integer_mv
        r.skipBits(1); // seq_force_integer_mv
      }
      if (orderHint) {
        r.skipBits(3); // order_hint_bits_minus_1
      }
    }
    r.skipBits(3); // enable_superres, enable_cdef, enable_restoration
    // color_config
    boolean highBitDepth = r.readBit();
    if (profile == 2 && highBitDepth) {
      r.skipBits(1); // twelve_bit
    }
    boolean mono = profile != 1 && r.readBit();
    int primaries = 2;
    int transfer = 2;
    int matrix = 2;
    if (r.readBit()) { // color_description_present_flag
      primaries = r.readBits(8);
      transfer = r.readBits(8);
      matrix = r.readBits(8);
    }
    boolean fullRange = primaries == 1 && transfer == 13 && matrix == 0 && !mono || r.readBit();
    return new Av1SequenceHeader(profile, maxWidth, maxHeight, matrix, fullRange);
  }

  private static long uvlc(ParsableBitArray r) {
    int leadingZeros = 0;
    while (!r.readBit()) {
      if (++leadingZeros >= 32) {
        return (1L << 32) - 1;
      }
    }
    return r.readBits(leadingZeros) + (1L << leadingZeros) - 1;
  }

  /**
   * The YUV → RGB conversion for a picture {@code height} lines high: the signalled matrix, the
   * picture-height rule when unspecified (as ffmpeg does); null for identity (RGB: no YUV matrix).
   */
  public ColorMatrix matrix(int height) {
    if (matrixCoefficients == 0) {
      return null;
    }
    return ColorMatrix.of(ColorMatrix.Coefficients.ofCode(matrixCoefficients, height), fullRange);
  }
}
