package dev.oolong.extractor.ts;

import dev.oolong.util.Crc;


/**
 * Reassembles PSI sections (PAT, PMT; ISO/IEC 13818-1 2.4.4) from TS payloads, checks their
 * CRC_32 and hands whole sections to a handler. A damaged section is dropped.
 */
final class PsiReader {
  /** Receives one whole, CRC-checked section. */
  interface Handler {
    void section(byte[] section, int length);
  }

  private final Handler handler;
  private final byte[] section = new byte[4096 + 3];
  private int size;
  private int needed = -1;

  PsiReader(Handler handler) {
    this.handler = handler;
  }

  void consume(byte[] d, int offset, int end, boolean unitStart) {
    int p = offset;
    if (unitStart) {
      int pointer = d[p] & 0xFF;
      p += 1 + pointer;
      size = 0;
      needed = -1;
      if (p >= end) {
        return;
      }
    } else if (size == 0) {
      return; // not inside a section
    }
    while (p < end) {
      if (size == 0 && (d[p] & 0xFF) == 0xFF) {
        return; // stuffing after the last section
      }
      int n = Math.min(end - p, (needed < 0 ? 3 : needed) - size);
      System.arraycopy(d, p, section, size, n);
      size += n;
      p += n;
      if (needed < 0 && size >= 3) {
        needed = 3 + ((section[1] & 0x0F) << 8 | (section[2] & 0xFF));
        if (needed < 12 || needed > section.length) {
          size = 0;
          needed = -1;
          return; // impossible section length
        }
      }
      if (needed > 0 && size == needed) {
        if (crcOk(section, size)) {
          handler.section(section, size);
        }
        size = 0;
        needed = -1;
      }
    }
  }

  /** CRC-32/MPEG-2 over the whole section (CRC included) is zero when it is intact. */
  static boolean crcOk(byte[] s, int length) {
    return Crc.crc32Update(0xFFFFFFFF, s, 0, length) == 0;
  }

}
