package dev.oolong.codec;

/**
 * An MPEG audio frame header (ISO/IEC 11172-3, 13818-3, and MPEG 2.5): layer, sample rate,
 * channels, frame size and samples per frame.
 */
public record MpegAudioHeader(int version, int layer, int sampleRate, int channels, int bitrate,
    int frameSize, int samplesPerFrame) {
  private static final int[] RATES = {44100, 48000, 32000};
  private static final int[][] BITRATES_V1 = {
    {32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
    {32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
    {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}};
  private static final int[][] BITRATES_V2 = {
    {32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
    {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};

  /** Parses the four bytes at {@code p}; null when they are not a valid header. */
  public static MpegAudioHeader parse(byte[] d, int p) {
    int h = (d[p] & 0xFF) << 24 | (d[p + 1] & 0xFF) << 16 | (d[p + 2] & 0xFF) << 8 | (d[p + 3] & 0xFF);
    if ((h & 0xFFE00000) != 0xFFE00000) {
      return null;
    }
    int versionBits = (h >>> 19) & 3; // 0: 2.5, 2: 2, 3: 1
    int layerBits = (h >>> 17) & 3; // 1: III, 2: II, 3: I
    int bitrateIndex = (h >>> 12) & 0xF;
    int rateIndex = (h >>> 10) & 3;
    if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
      return null; // reserved values, or "free format" which we do not handle
    }
    int layer = 4 - layerBits;
    int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
    int sampleRate = RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
    int kbps = (version == 1 ? BITRATES_V1 : BITRATES_V2)[layer - 1][bitrateIndex - 1];
    boolean padding = ((h >>> 9) & 1) == 1;
    int channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
    int samples = layer == 1 ? 384 : (layer == 2 || version == 1) ? 1152 : 576;
    int size;
    if (layer == 1) {
      size = (12 * kbps * 1000 / sampleRate + (padding ? 1 : 0)) * 4;
    } else {
      size = samples / 8 * kbps * 1000 / sampleRate + (padding ? 1 : 0);
    }
    return new MpegAudioHeader(version, layer, sampleRate, channels, kbps * 1000, size, samples);
  }
}
