package dev.oolong.codec;

import dev.oolong.util.Crc;

/**
 * A FLAC frame header (FLAC format specification, "FRAME_HEADER"), CRC-8 checked.
 *
 * @param variable whether the stream uses variable block sizes ({@code number} counts samples)
 * @param number the frame number, or the first sample's number when {@code variable}
 * @param blockSize samples per channel in this frame
 * @param headerLength the header's size in bytes, CRC-8 included
 */
public record FlacFrameHeader(boolean variable, long number, int blockSize, int headerLength) {

  /** Parses and CRC-8-checks a frame header at {@code d[p]}; null if there is none before {@code limit}. */
  public static FlacFrameHeader parse(byte[] d, int p, int limit) {
    if (p + 6 > limit || (d[p] & 0xFF) != 0xFF || (d[p + 1] & 0xFE) != 0xF8) {
      return null;
    }
    boolean variable = (d[p + 1] & 1) == 1;
    int blockCode = (d[p + 2] & 0xFF) >> 4;
    int rateCode = d[p + 2] & 0x0F;
    int channelCode = (d[p + 3] & 0xFF) >> 4;
    int sizeCode = (d[p + 3] >> 1) & 7;
    if (blockCode == 0 || rateCode == 15 || channelCode > 10 || sizeCode == 3 || (d[p + 3] & 1) != 0) {
      return null;
    }
    int q = p + 4;
    // the frame or sample number, coded like UTF-8 (up to 7 bytes)
    int first = d[q] & 0xFF;
    int extra = first < 0x80 ? 0 : first < 0xC0 ? -1 : first < 0xE0 ? 1 : first < 0xF0 ? 2
        : first < 0xF8 ? 3 : first < 0xFC ? 4 : first < 0xFE ? 5 : first == 0xFE ? 6 : -1;
    if (extra < 0) {
      return null;
    }
    long number = extra == 0 ? first : first & (0x3F >> extra);
    q++;
    if (q + extra > limit) {
      return null;
    }
    for (int i = 0; i < extra; i++, q++) {
      if ((d[q] & 0xC0) != 0x80) {
        return null;
      }
      number = number << 6 | (d[q] & 0x3F);
    }
    int blockSize;
    if (blockCode == 1) {
      blockSize = 192;
    } else if (blockCode <= 5) {
      blockSize = 576 << (blockCode - 2);
    } else if (blockCode == 6) {
      if (q + 1 > limit) {
        return null;
      }
      blockSize = (d[q++] & 0xFF) + 1;
    } else if (blockCode == 7) {
      if (q + 2 > limit) {
        return null;
      }
      blockSize = ((d[q] & 0xFF) << 8 | (d[q + 1] & 0xFF)) + 1;
      q += 2;
    } else {
      blockSize = 256 << (blockCode - 8);
    }
    if (rateCode == 12) {
      q += 1;
    } else if (rateCode == 13 || rateCode == 14) {
      q += 2;
    }
    if (q + 1 > limit || Crc.crc8(d, p, q - p) != (d[q] & 0xFF)) {
      return null;
    }
    return new FlacFrameHeader(variable, number, blockSize, q + 1 - p);
  }
}
