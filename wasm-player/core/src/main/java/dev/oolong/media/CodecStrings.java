package dev.oolong.media;

import dev.oolong.util.ParsableBitArray;
import java.util.Locale;

/**
 * RFC 6381 codec strings computed from codec configuration records (ISO/IEC 14496-15 for AVC and
 * HEVC, the AV1 ISOBMFF binding, the VP codec ISOBMFF binding, ISO/IEC 14496-3 for AAC). Every
 * method takes the record's payload (the box body after its header and, for full boxes, after
 * version and flags where noted) and throws {@link IndexOutOfBoundsException} if it is too short.
 */
public final class CodecStrings {
  private CodecStrings() {}

  /** {@code avc1.PPCCLL} from an {@code avcC} body. */
  public static String avc(String fourCc, byte[] avcC, int offset, int length) {
    if (length < 4) {
      throw new IndexOutOfBoundsException("avcC too short: " + length);
    }
    return String.format(Locale.ROOT, "%s.%02x%02x%02x", fourCc,
        avcC[offset + 1] & 0xFF, avcC[offset + 2] & 0xFF, avcC[offset + 3] & 0xFF);
  }

  /** {@code hvc1.[A-C]P.C.TL.CC...} (ISO/IEC 14496-15 Annex E) from an {@code hvcC} body. */
  public static String hevc(String fourCc, byte[] hvcC, int offset, int length) {
    if (length < 13) {
      throw new IndexOutOfBoundsException("hvcC too short: " + length);
    }
    int b = hvcC[offset + 1] & 0xFF;
    int profileSpace = b >> 6;
    boolean highTier = (b & 0x20) != 0;
    int profileIdc = b & 0x1F;
    long compat = 0;
    for (int i = 0; i < 4; i++) {
      compat = compat << 8 | (hvcC[offset + 2 + i] & 0xFF);
    }
    int levelIdc = hvcC[offset + 12] & 0xFF;
    StringBuilder sb = new StringBuilder(fourCc).append('.');
    if (profileSpace > 0) {
      sb.append((char) ('A' + profileSpace - 1));
    }
    sb.append(profileIdc).append('.');
    sb.append(Long.toHexString(Long.reverse(compat) >>> 32).toUpperCase(Locale.ROOT));
    sb.append('.').append(highTier ? 'H' : 'L').append(levelIdc);
    int lastNonZero = -1;
    for (int i = 0; i < 6; i++) {
      if (hvcC[offset + 6 + i] != 0) {
        lastNonZero = i;
      }
    }
    for (int i = 0; i <= lastNonZero; i++) {
      sb.append('.').append(Integer.toHexString(hvcC[offset + 6 + i] & 0xFF).toUpperCase(Locale.ROOT));
    }
    return sb.toString();
  }

  /** {@code av01.P.LLT.DD} from an {@code av1C} body. */
  public static String av1(byte[] av1C, int offset, int length) {
    if (length < 4) {
      throw new IndexOutOfBoundsException("av1C too short: " + length);
    }
    ParsableBitArray bits = new ParsableBitArray(av1C, offset + 1, 2);
    int profile = bits.readBits(3);
    int level = bits.readBits(5);
    boolean highTier = bits.readBit();
    boolean highBitDepth = bits.readBit();
    boolean twelveBit = bits.readBit();
    int depth = highBitDepth ? (profile == 2 && twelveBit ? 12 : 10) : 8;
    return String.format(Locale.ROOT, "av01.%d.%02d%c.%02d", profile, level, highTier ? 'H' : 'M', depth);
  }

  /** {@code vp09.PP.LL.DD} from a {@code vpcC} body (version 1, after version and flags). */
  public static String vp9(byte[] vpcC, int offset, int length) {
    if (length < 3) {
      throw new IndexOutOfBoundsException("vpcC too short: " + length);
    }
    int profile = vpcC[offset] & 0xFF;
    int level = vpcC[offset + 1] & 0xFF;
    int bitDepth = (vpcC[offset + 2] & 0xFF) >> 4;
    return String.format(Locale.ROOT, "vp09.%02d.%02d.%02d", profile, level, bitDepth);
  }

  /** {@code mp4a.OO[.A]} from an ES descriptor's object type and, for MPEG-4 audio, its config. */
  public static String mp4a(int objectTypeIndication, int audioObjectType) {
    if (objectTypeIndication == 0x40 && audioObjectType > 0) {
      return "mp4a.40." + audioObjectType;
    }
    return String.format(Locale.ROOT, "mp4a.%02X", objectTypeIndication);
  }
}
