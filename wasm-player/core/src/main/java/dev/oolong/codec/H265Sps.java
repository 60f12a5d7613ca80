package dev.oolong.codec;

import dev.oolong.media.CodecStrings;
import dev.oolong.util.ParsableBitArray;

/**
 * The fields of an H.265 sequence parameter set (ITU-T H.265 7.3.2.2) the engine needs: the
 * general profile/tier/level (for the codec string) and the conformance-cropped picture size.
 */
public record H265Sps(String codecString, int width, int height) {

  /** Parses an SPS NAL unit (2-byte header included, still escaped). */
  public static H265Sps parse(String fourCc, byte[] nal, int offset, int length) {
    byte[] rbsp = NalUnits.unescape(nal, offset + 2, length - 2);
    ParsableBitArray r = new ParsableBitArray(rbsp, 0, rbsp.length);
    r.skipBits(4); // sps_video_parameter_set_id
    int maxSubLayersMinus1 = r.readBits(3);
    r.skipBits(1);
    // general profile_tier_level: 12 bytes laid out as in hvcC bytes 1..12
    byte[] hvcc = new byte[13];
    hvcc[0] = 1;
    for (int i = 1; i <= 12; i++) {
      hvcc[i] = (byte) r.readBits(8);
    }
    boolean[] profilePresent = new boolean[maxSubLayersMinus1];
    boolean[] levelPresent = new boolean[maxSubLayersMinus1];
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      profilePresent[i] = r.readBit();
      levelPresent[i] = r.readBit();
    }
    if (maxSubLayersMinus1 > 0) {
      r.skipBits(2 * (8 - maxSubLayersMinus1));
    }
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      if (profilePresent[i]) {
        r.skipBits(88);
      }
      if (levelPresent[i]) {
        r.skipBits(8);
      }
    }
    r.readUe(); // sps_seq_parameter_set_id
    int chroma = r.readUe();
    if (chroma == 3) {
      r.skipBits(1);
    }
    int width = r.readUe();
    int height = r.readUe();
    if (r.readBit()) { // conformance_window_flag
      int subWidth = chroma == 1 || chroma == 2 ? 2 : 1;
      int subHeight = chroma == 1 ? 2 : 1;
      int left = r.readUe();
      int right = r.readUe();
      int top = r.readUe();
      int bottom = r.readUe();
      width -= subWidth * (left + right);
      height -= subHeight * (top + bottom);
    }
    return new H265Sps(CodecStrings.hevc(fourCc, hvcc, 0, hvcc.length), width, height);
  }
}
