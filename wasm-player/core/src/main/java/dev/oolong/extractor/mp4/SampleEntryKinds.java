package dev.oolong.extractor.mp4;

import java.util.Map;

/** Which sample entry types are video or audio, and their ffprobe-style codec names. */
final class SampleEntryKinds {
  private static final Map<String, String> VIDEO = Map.ofEntries(
      Map.entry("avc1", "h264"), Map.entry("avc3", "h264"), Map.entry("hvc1", "hevc"),
      Map.entry("hev1", "hevc"), Map.entry("av01", "av1"), Map.entry("vp09", "vp9"),
      Map.entry("vp08", "vp8"), Map.entry("mp4v", "mpeg4"), Map.entry("encv", "encv"),
      Map.entry("dvh1", "hevc"), Map.entry("dvhe", "hevc"), Map.entry("dva1", "h264"),
      Map.entry("dvav", "h264"));
  private static final Map<String, String> AUDIO = Map.ofEntries(
      Map.entry("mp4a", "aac"), Map.entry("Opus", "opus"), Map.entry("fLaC", "flac"),
      Map.entry(".mp3", "mp3"), Map.entry("ac-3", "ac3"), Map.entry("ec-3", "eac3"),
      Map.entry("alac", "alac"), Map.entry("enca", "enca"), Map.entry("lpcm", "pcm"),
      Map.entry("ipcm", "pcm"), Map.entry("sowt", "pcm_s16le"), Map.entry("twos", "pcm_s16be"));

  private SampleEntryKinds() {}

  /** "video", "audio" or "other". */
  static String kindOf(String fourCc) {
    if (VIDEO.containsKey(fourCc)) {
      return "video";
    }
    return AUDIO.containsKey(fourCc) ? "audio" : "other";
  }

  static String codecName(String fourCc) {
    String v = VIDEO.get(fourCc);
    if (v != null) {
      return v;
    }
    String a = AUDIO.get(fourCc);
    return a != null ? a : fourCc;
  }

  /** The codec of an {@code mp4a} entry by its ES descriptor objectTypeIndication. */
  static String mp4aCodecName(int objectTypeIndication) {
    return switch (objectTypeIndication) {
      case 0x40, 0x66, 0x67, 0x68 -> "aac";
      case 0x69, 0x6B -> "mp3";
      case 0xA5 -> "ac3";
      case 0xA6 -> "eac3";
      case 0xAD -> "opus";
      default -> "mp4a";
    };
  }
}
