package dev.oolong.extractor;

import java.util.List;

/** Test helper: gives a native FLAC file a SEEKTABLE (in place of its PADDING block). */
final class FlacSeekTables {
  private FlacSeekTables() {}

  /**
   * The file with its PADDING metadata block turned into a SEEKTABLE holding one point per
   * second, made from the intact file's packets (their times and, summed, their offsets).
   */
  static byte[] withSeekTable(byte[] file, List<PacketRecorder.Packet> packets) {
    byte[] out = file.clone();
    int p = 4;
    int padding = -1;
    int firstFrame = -1;
    while (true) {
      int type = out[p] & 0x7F;
      int length = (out[p + 1] & 0xFF) << 16 | (out[p + 2] & 0xFF) << 8 | (out[p + 3] & 0xFF);
      if (type == 1) {
        padding = p;
      }
      boolean last = (out[p] & 0x80) != 0;
      p += 4 + length;
      if (last) {
        firstFrame = p;
        break;
      }
    }
    if (padding < 0) {
      throw new IllegalStateException("no PADDING block to replace");
    }
    int length = (out[padding + 1] & 0xFF) << 16 | (out[padding + 2] & 0xFF) << 8 | (out[padding + 3] & 0xFF);
    int points = length / 18;
    out[padding] = (byte) ((out[padding] & 0x80) | 3);
    int q = padding + 4;
    long offset = 0;
    long nextSecond = 0;
    int written = 0;
    for (PacketRecorder.Packet packet : packets) {
      if (packet.ptsUs() >= nextSecond && written < points) {
        long sample = packet.ptsUs() * 48_000 / 1_000_000;
        put(out, q, sample, 8);
        put(out, q + 8, offset, 8);
        put(out, q + 16, 4608, 2);
        q += 18;
        written++;
        nextSecond += 1_000_000;
      }
      offset += packet.size();
    }
    for (; written < points; written++, q += 18) {
      put(out, q, -1, 8); // placeholder points
      put(out, q + 8, 0, 8);
      put(out, q + 16, 0, 2);
    }
    if (firstFrame < 0) {
      throw new IllegalStateException();
    }
    return out;
  }

  private static void put(byte[] d, int p, long v, int n) {
    for (int i = n - 1; i >= 0; i--, v >>= 8) {
      d[p + i] = (byte) v;
    }
  }
}
