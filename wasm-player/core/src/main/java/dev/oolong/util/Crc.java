package dev.oolong.util;

/**
 * The non-reflected CRCs of the containers, table-driven: CRC-8 (polynomial 0x07, FLAC frame
 * headers), CRC-16 (0x8005, FLAC frames) and CRC-32/MPEG-2 (0x04C11DB7, MPEG-TS sections and,
 * with initial value 0, Ogg pages).
 */
public final class Crc {
  private static final int[] CRC8 = new int[256];
  private static final int[] CRC16 = new int[256];
  private static final int[] CRC32 = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c8 = i;
      int c16 = i << 8;
      int c32 = i << 24;
      for (int k = 0; k < 8; k++) {
        c8 = (c8 & 0x80) != 0 ? ((c8 << 1) ^ 0x07) & 0xFF : (c8 << 1) & 0xFF;
        c16 = (c16 & 0x8000) != 0 ? ((c16 << 1) ^ 0x8005) & 0xFFFF : (c16 << 1) & 0xFFFF;
        c32 = (c32 & 0x80000000) != 0 ? (c32 << 1) ^ 0x04C11DB7 : c32 << 1;
      }
      CRC8[i] = c8;
      CRC16[i] = c16;
      CRC32[i] = c32;
    }
  }

  private Crc() {}

  public static int crc8(byte[] d, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc = CRC8[(crc ^ d[i]) & 0xFF];
    }
    return crc;
  }

  /** Continues a CRC-16 with one byte. */
  public static int crc16Update(int crc, byte b) {
    return ((crc << 8) ^ CRC16[((crc >> 8) ^ b) & 0xFF]) & 0xFFFF;
  }

  public static int crc16(byte[] d, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc = crc16Update(crc, d[i]);
    }
    return crc;
  }

  /** Continues a CRC-32/MPEG-2 with bytes. */
  public static int crc32Update(int crc, byte[] d, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      crc = (crc << 8) ^ CRC32[((crc >>> 24) ^ d[i]) & 0xFF];
    }
    return crc;
  }
}
