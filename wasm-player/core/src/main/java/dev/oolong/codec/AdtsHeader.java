package dev.oolong.codec;


/**
 * An ADTS frame header (ISO/IEC 13818-7 6.2, 14496-3 1.A.2).
 *
 * @param audioObjectType profile + 1 (2 = AAC-LC)
 * @param sampleRateIndex sampling_frequency_index
 * @param channelConfiguration channel_configuration
 * @param headerSize 7, or 9 with a CRC
 * @param frameLength the whole frame, header included
 */
public record AdtsHeader(int audioObjectType, int sampleRateIndex, int channelConfiguration,
    int headerSize, int frameLength) {
  public static final int SAMPLES_PER_FRAME = 1024;

  /** Parses 7 bytes at {@code p}; null when they are not a plausible header. */
  public static AdtsHeader parse(byte[] d, int p) {
    if ((d[p] & 0xFF) != 0xFF || (d[p + 1] & 0xF6) != 0xF0) {
      return null;
    }
    boolean protectionAbsent = (d[p + 1] & 1) == 1;
    int profile = (d[p + 2] >> 6) & 3;
    int rateIndex = (d[p + 2] >> 2) & 0xF;
    int channels = ((d[p + 2] & 1) << 2) | ((d[p + 3] >> 6) & 3);
    int length = ((d[p + 3] & 3) << 11) | ((d[p + 4] & 0xFF) << 3) | ((d[p + 5] >> 5) & 7);
    int header = protectionAbsent ? 7 : 9;
    if (rateIndex > 12 || length < header) {
      return null;
    }
    return new AdtsHeader(profile + 1, rateIndex, channels, header, length);
  }

  public int sampleRate() {
    return AudioSpecificConfig.sampleRateOfIndex(sampleRateIndex);
  }

  public int channels() {
    return AudioSpecificConfig.channelCount(channelConfiguration, 0);
  }

  /** The equivalent two-byte AudioSpecificConfig. */
  public byte[] audioSpecificConfig() {
    int v = audioObjectType << 11 | sampleRateIndex << 7 | channelConfiguration << 3;
    return new byte[] {(byte) (v >> 8), (byte) v};
  }
}
