package dev.oolong.codec;

import dev.oolong.util.ParsableBitArray;
import java.util.Arrays;

/**
 * The FLAC STREAMINFO metadata block (34 bytes).
 *
 * @param maxBlockSize the largest block size (samples per channel), which every frame but the
 *     last has in a fixed-block-size stream
 * @param maxFrameSize the largest frame in bytes, 0 when unknown
 * @param sampleRate in Hz (never 0)
 * @param channels 1..8
 * @param totalSamples samples per channel in the stream, 0 when unknown
 * @param body the block's 34 bytes, the codec configuration a decoder needs
 */
public record FlacStreamInfo(int maxBlockSize, int maxFrameSize, int sampleRate, int channels,
    long totalSamples, byte[] body) {
  public static final int SIZE = 34;

  /**
   * Parses a STREAMINFO body at {@code d[p]}.
   *
   * @throws IndexOutOfBoundsException when fewer than 34 bytes follow or the sample rate is 0
   */
  public static FlacStreamInfo parse(byte[] d, int p) {
    if (p < 0 || p + SIZE > d.length) {
      throw new IndexOutOfBoundsException("STREAMINFO needs " + SIZE + " bytes");
    }
    ParsableBitArray bits = new ParsableBitArray(d, p, SIZE);
    bits.skipBits(16);
    int maxBlockSize = bits.readBits(16);
    bits.skipBits(24);
    int maxFrameSize = bits.readBits(24);
    int sampleRate = bits.readBits(20);
    int channels = bits.readBits(3) + 1;
    bits.skipBits(5); // bits per sample - 1
    long totalSamples = (long) bits.readBits(4) << 32 | (bits.readBits(16) & 0xFFFFL) << 16
        | (bits.readBits(16) & 0xFFFFL);
    if (sampleRate == 0) {
      throw new IndexOutOfBoundsException("STREAMINFO sample rate 0");
    }
    return new FlacStreamInfo(maxBlockSize, maxFrameSize, sampleRate, channels, totalSamples,
        Arrays.copyOfRange(d, p, p + SIZE));
  }
}
