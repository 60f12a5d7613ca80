package dev.oolong.probe;

/** Recognises a container from its first bytes. */
public final class Sniffer {
  private static final String[] ISO_BMFF_TOP_BOXES = {
    "ftyp", "styp", "moov", "moof", "mdat", "free", "skip", "wide", "pdin", "sidx", "uuid"
  };

  private Sniffer() {}

  /**
   * The container's name ({@code mp4}, {@code mpegts}, {@code flv}, {@code matroska}, {@code
   * ogg}, {@code flac}, {@code mp3}, {@code aac}), or null when nothing matches.
   */
  public static String sniff(byte[] d) {
    if (d.length >= 8) {
      String type = new String(new char[] {(char) (d[4] & 0xFF), (char) (d[5] & 0xFF),
          (char) (d[6] & 0xFF), (char) (d[7] & 0xFF)});
      for (String t : ISO_BMFF_TOP_BOXES) {
        if (t.equals(type)) {
          return "mp4";
        }
      }
    }
    if (startsWith(d, 0x1A, 0x45, 0xDF, 0xA3)) {
      return "matroska";
    }
    if (startsWith(d, 'F', 'L', 'V', 1)) {
      return "flv";
    }
    if (startsWith(d, 'O', 'g', 'g', 'S')) {
      return "ogg";
    }
    if (startsWith(d, 'f', 'L', 'a', 'C')) {
      return "flac";
    }
    if (d.length >= 188 * 2 + 1 && d[0] == 0x47 && d[188] == 0x47 && d[376] == 0x47) {
      return "mpegts";
    }
    if (startsWith(d, 'I', 'D', '3')) {
      return "mp3"; // ID3-tagged elementary audio; the extractor tells MP3 from ADTS AAC later
    }
    if (d.length >= 2 && (d[0] & 0xFF) == 0xFF) {
      int b = d[1] & 0xFF;
      if ((b & 0xF6) == 0xF0) {
        return "aac";
      }
      if ((b & 0xE0) == 0xE0 && (b & 0x06) != 0) {
        return "mp3";
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] d, int... prefix) {
    if (d.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((d[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
