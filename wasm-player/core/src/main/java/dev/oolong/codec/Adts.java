package dev.oolong.codec;

/** ADTS (ISO/IEC 13818-7 / 14496-3 transport headers of AAC frames). */
public final class Adts {
  private Adts() {}

  /**
   * The size of the ADTS header (7, or 9 with a CRC) that a whole ADTS frame of {@code length}
   * bytes at {@code b[p]} starts with; 0 when the bytes are not exactly one ADTS frame (raw AAC).
   */
  public static int headerSize(byte[] b, int p, int length) {
    if (length >= 7 && (b[p] & 0xFF) == 0xFF && (b[p + 1] & 0xF6) == 0xF0) {
      int header = (b[p + 1] & 1) == 1 ? 7 : 9;
      int frame = ((b[p + 3] & 3) << 11) | ((b[p + 4] & 0xFF) << 3) | ((b[p + 5] >> 5) & 7);
      if (frame == length && header < frame) {
        return header;
      }
    }
    return 0;
  }
}
