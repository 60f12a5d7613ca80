package dev.oolong.extractor.ogg;

/** The duration of an Opus packet from its TOC byte (RFC 6716 3.1), in 48 kHz samples. */
final class OpusPackets {
  private OpusPackets() {}

  static int samples(byte[] packet) {
    if (packet.length == 0) {
      return 0;
    }
    int toc = packet[0] & 0xFF;
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
      default -> packet.length > 1 ? packet[1] & 0x3F : 0;
    };
    return frame * count;
  }
}
