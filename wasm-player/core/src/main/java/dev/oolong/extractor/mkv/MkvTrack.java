package dev.oolong.extractor.mkv;

import dev.oolong.C;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.codec.AudioSpecificConfig;
import dev.oolong.media.CodecStrings;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.List;

/** A Matroska TrackEntry as read, and the format it implies. */
final class MkvTrack {
  long number;
  int type; // 1 video, 2 audio, 17 subtitle
  String codecId = "";
  byte[] codecPrivate;
  long codecDelayNs;
  long defaultDurationNs;
  String language = "eng"; // the Matroska default
  int width;
  int height;
  double samplingFrequency = 8000; // the Matroska default
  int channels = 1; // the Matroska default
  boolean encrypted;
  TrackOutput output;
  boolean formatSent;
  final LaceTiming laceTiming = new LaceTiming();

  TrackType trackType() {
    return type == 1 ? TrackType.VIDEO : type == 2 ? TrackType.AUDIO : type == 17 ? TrackType.TEXT
        : TrackType.UNKNOWN;
  }

  /** ffprobe-style codec name. */
  String codec() {
    return switch (codecId) {
      case "V_VP8" -> "vp8";
      case "V_VP9" -> "vp9";
      case "V_AV1" -> "av1";
      case "V_MPEG4/ISO/AVC" -> "h264";
      case "V_MPEGH/ISO/HEVC" -> "hevc";
      case "A_OPUS" -> "opus";
      case "A_VORBIS" -> "vorbis";
      case "A_AAC" -> "aac";
      case "A_FLAC" -> "flac";
      case "A_MPEG/L3" -> "mp3";
      case "A_AC3" -> "ac3";
      case "A_EAC3" -> "eac3";
      default -> codecId;
    };
  }

  /**
   * The format; {@code firstFrame} (may be null) lets VP9 take its profile and bit depth from
   * the bitstream when CodecPrivate does not carry them.
   */
  Format format(byte[] firstFrame, int frameOffset, int frameLength) {
    String codecString = null;
    int rate = (int) Math.round(samplingFrequency);
    int ch = channels;
    byte[] cp = codecPrivate;
    try {
      switch (codecId) {
        case "V_VP8" -> codecString = "vp8";
        case "V_VP9" -> codecString = vp9CodecString(firstFrame, frameOffset, frameLength);
        case "V_AV1" -> codecString = cp != null && cp.length >= 4 ? CodecStrings.av1(cp, 0, cp.length) : "av01";
        case "V_MPEG4/ISO/AVC" -> codecString = cp != null && cp.length >= 4 ? CodecStrings.avc("avc1", cp, 0, cp.length) : null;
        case "V_MPEGH/ISO/HEVC" -> codecString = cp != null && cp.length >= 13 ? CodecStrings.hevc("hev1", cp, 0, cp.length) : null;
        case "A_OPUS" -> {
          codecString = "opus";
          rate = 48000;
          if (cp != null && cp.length >= 10) {
            ch = cp[9] & 0xFF;
          }
        }
        case "A_VORBIS" -> codecString = "vorbis";
        case "A_FLAC" -> codecString = "flac";
        case "A_MPEG/L3" -> codecString = "mp3";
        case "A_AAC" -> {
          if (cp != null && cp.length >= 2) {
            AudioSpecificConfig asc = AudioSpecificConfig.parse(cp, 0, cp.length);
            codecString = "mp4a.40." + asc.audioObjectType();
          }
        }
        default -> codecString = null;
      }
    } catch (IndexOutOfBoundsException e) {
      codecString = null; // a damaged CodecPrivate
    }
    boolean video = type == 1;
    return new Format((int) number, trackType(), codec(), codecString, video ? width : 0,
        video ? height : 0, video ? 0 : rate, video ? 0 : ch,
        cp == null ? List.of() : List.of(cp), language, C.TIME_UNSET, encrypted);
  }

  /**
   * {@code vp09.PP.LL.DD}: profile and bit depth from CodecPrivate or the first frame's header,
   * the level from CodecPrivate or else the smallest level whose picture size fits.
   */
  private String vp9CodecString(byte[] f, int off, int len) {
    int profile = -1;
    int level = -1;
    int depth = -1;
    if (codecPrivate != null) {
      for (int p = 0; p + 2 <= codecPrivate.length; ) {
        int id = codecPrivate[p] & 0xFF;
        int n = codecPrivate[p + 1] & 0xFF;
        if (p + 2 + n > codecPrivate.length || n < 1) {
          break;
        }
        int v = codecPrivate[p + 2] & 0xFF;
        if (id == 1) {
          profile = v;
        } else if (id == 2) {
          level = v;
        } else if (id == 3) {
          depth = v;
        }
        p += 2 + n;
      }
    }
    if (profile < 0 && f != null && len > 0) {
      int b = f[off] & 0xFF;
      profile = ((b >> 4) & 1) << 1 | ((b >> 5) & 1); // profile_low_bit, profile_high_bit
    }
    if (depth < 0 && f != null && len >= 5 && profile >= 2) {
      // key frame: marker(2) profile(2) [reserved] show_existing(1) type(1) show(1) er(1), sync code
      int bitOffset = profile == 3 ? 9 : 8;
      bitOffset += 24; // frame_sync_code
      int byteIndex = off + (bitOffset >> 3);
      if (byteIndex < off + len) {
        depth = ((f[byteIndex] >> (7 - (bitOffset & 7))) & 1) == 1 ? 12 : 10;
      }
    }
    if (level < 0) {
      long samples = (long) width * height;
      long[] limits = {36864, 73728, 122880, 245760, 552960, 983040, 2228224, 8912896, 35651584};
      int[] levels = {10, 11, 20, 21, 30, 31, 40, 50, 60};
      level = 62;
      for (int i = 0; i < limits.length; i++) {
        if (samples <= limits[i]) {
          level = levels[i];
          break;
        }
      }
    }
    return String.format(java.util.Locale.ROOT, "vp09.%02d.%02d.%02d", Math.max(profile, 0), level,
        depth < 0 ? 8 : depth);
  }
}
