package dev.oolong.codec;

/** The duration of an Opus packet from its TOC byte (RFC 6716 3.1), in 48 kHz samples. */
public final class OpusPackets {
  private OpusPackets() {}

  public static int samples(byte[] packet) {
    return samples(packet, 0, packet.length);
  }

  /** The duration of the packet at {@code d[p, p + length)}. */
  public static int samples(byte[] d, int p, int length) {
    if (length == 0) {
      return 0;
    }
    int toc = d[p] & 0xFF;
    int config = toc >> 3;
    int frame; // in 48 kHz samples
    if (config < 12) {
      frame = new int[] {480, 960, 1920, 2880}[config & 3];
    } else if (config < 16) {
      frame = (config & 1) == 0 ? 480 : 960;
    } else {
      frame = new int[] {120, 240, 480, 960}[config & 3];
    }
    int count = switch (toc & 3) {
      case 0 -> 1;
      case 1, 2 -> 2;
      default -> length > 1 ? d[p + 1] & 0x3F : 0;
    };
    return frame * count;
  }
}
