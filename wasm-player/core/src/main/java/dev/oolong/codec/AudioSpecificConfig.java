package dev.oolong.codec;

import dev.oolong.util.ParsableBitArray;

/**
 * The leading fields of an MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1).
 *
 * @param audioObjectType 2 for AAC-LC, 5 for SBR, ... (escape 31 resolved)
 * @param sampleRate the sampling frequency in Hz, or 0 if the index is reserved
 * @param channelConfiguration 0 (defined in-band) or 1..7, 11, 12, 14
 */
public record AudioSpecificConfig(int audioObjectType, int sampleRate, int channelConfiguration) {
  private static final int[] SAMPLE_RATES = {
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
  };
  private static final int[] CHANNELS = {0, 1, 2, 3, 4, 5, 6, 8, 0, 0, 0, 7, 8, 0, 8, 0};

  /**
   * The AudioSpecificConfig bytes from a track's codec configuration: an MP4 {@code esds} body
   * (descriptors walked to the DecoderSpecificInfo), or the config itself as other containers give
   * it. Throws {@link IndexOutOfBoundsException} when the esds is cut short or has none.
   */
  public static byte[] bodyOf(byte[] config) {
    if (config.length > 4 && config[0] == 0 && config[4] == 0x03) {
      // esds: version/flags, then ES_Descriptor (3) > DecoderConfigDescriptor (4) > DSI (5)
      int p = 4;
      for (int guard = 0; guard < 8 && p < config.length; guard++) {
        int tag = config[p++] & 0xFF;
        int size = 0;
        for (int i = 0; i < 4; i++) {
          int b = config[p++] & 0xFF;
          size = size << 7 | (b & 0x7F);
          if ((b & 0x80) == 0) {
            break;
          }
        }
        if (tag == 0x03) {
          int flags = config[p + 2] & 0xFF;
          p += 3 + ((flags & 0x80) != 0 ? 2 : 0);
          if ((flags & 0x40) != 0) {
            p += 1 + (config[p] & 0xFF);
          }
          if ((flags & 0x20) != 0) {
            p += 2;
          }
        } else if (tag == 0x04) {
          p += 13;
        } else if (tag == 0x05) {
          return java.util.Arrays.copyOfRange(config, p, p + size);
        } else {
          p += size;
        }
      }
      throw new IndexOutOfBoundsException("esds without a DecoderSpecificInfo");
    }
    return config;
  }

  /** Parses the config; throws {@link IndexOutOfBoundsException} when it is cut short. */
  public static AudioSpecificConfig parse(byte[] data, int offset, int length) {
    ParsableBitArray bits = new ParsableBitArray(data, offset, length);
    int aot = readAudioObjectType(bits);
    int rate = readSampleRate(bits);
    int channelConfig = bits.readBits(4);
    return new AudioSpecificConfig(aot, rate, channelConfig);
  }

  /** The sampling frequency of a samplingFrequencyIndex, or 0 when the index is reserved. */
  public static int sampleRateOfIndex(int index) {
    return index >= 0 && index < SAMPLE_RATES.length ? SAMPLE_RATES[index] : 0;
  }

  /** Channels of a channelConfiguration, or {@code fallback} when the configuration says none. */
  public static int channelCount(int channelConfiguration, int fallback) {
    int n = channelConfiguration >= 0 && channelConfiguration < CHANNELS.length
        ? CHANNELS[channelConfiguration] : 0;
    return n > 0 ? n : fallback;
  }

  private static int readAudioObjectType(ParsableBitArray bits) {
    int aot = bits.readBits(5);
    return aot == 31 ? 32 + bits.readBits(6) : aot;
  }

  private static int readSampleRate(ParsableBitArray bits) {
    int index = bits.readBits(4);
    return index == 15 ? bits.readBits(24) : sampleRateOfIndex(index);
  }
}
