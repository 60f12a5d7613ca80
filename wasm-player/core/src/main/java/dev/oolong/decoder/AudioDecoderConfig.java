package dev.oolong.decoder;

import dev.oolong.PlayerException;
import dev.oolong.codec.AudioSpecificConfig;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.List;

/**
 * What a WebCodecs {@code AudioDecoder} is configured with, derived from a track's format: the
 * codec string, sample rate, channels and description. AAC: the AudioSpecificConfig (from an MP4
 * {@code esds} or as the container gives it), with chunks stripped of ADTS headers
 * ({@link #stripAdts}). Opus: the {@code OpusHead} (built from an MP4 {@code dOps}). Vorbis: the
 * three headers in Xiph lacing, as Matroska and our Ogg reader give them. FLAC: {@code fLaC} and
 * the STREAMINFO block. MP3: none.
 *
 * @param codec the WebCodecs codec string ({@code mp4a.40.2}, {@code opus}, {@code vorbis},
 *     {@code flac}, {@code mp3})
 * @param description the codec's configuration in WebCodecs' form, or null
 */
public record AudioDecoderConfig(String codec, int sampleRate, int channels, byte[] description,
    boolean stripAdts) {

  /**
   * The configuration for {@code f}.
   *
   * @throws PlayerException {@code CODEC_UNSUPPORTED} when the track is not audio, its codec has
   *     no WebCodecs form here, or its configuration is missing or damaged
   */
  public static AudioDecoderConfig of(Format f) throws PlayerException {
    if (f.type() != TrackType.AUDIO) {
      throw VideoDecoderConfig.unsupported(f, "is not an audio track");
    }
    List<byte[]> init = f.initializationData();
    byte[] first = init.isEmpty() ? null : init.get(0);
    try {
      return switch (f.codec()) {
        case "aac" -> {
          byte[] asc = AudioSpecificConfig.bodyOf(require(first, f));
          yield new AudioDecoderConfig(f.codecString() != null ? f.codecString() : "mp4a.40.2",
              f.sampleRate(), f.channels(), asc, true);
        }
        case "opus" -> new AudioDecoderConfig("opus", 48000, f.channels(), opusHead(require(first, f)),
            false);
        case "vorbis" -> new AudioDecoderConfig("vorbis", f.sampleRate(), f.channels(),
            require(first, f), false);
        case "flac" -> new AudioDecoderConfig("flac", f.sampleRate(), f.channels(),
            flacDescription(require(first, f)), false);
        case "mp3" -> new AudioDecoderConfig("mp3", f.sampleRate(), f.channels(), null, false);
        default -> throw VideoDecoderConfig.unsupported(f, "has no WebCodecs form here");
      };
    } catch (IndexOutOfBoundsException e) {
      throw VideoDecoderConfig.unsupported(f, "configuration is damaged (" + e.getMessage() + ")");
    }
  }

  private static byte[] require(byte[] config, Format f) throws PlayerException {
    if (config == null || config.length == 0) {
      throw VideoDecoderConfig.unsupported(f, "has no codec configuration");
    }
    return config;
  }

  /** An {@code OpusHead} as it is, or built from an MP4 {@code dOps} body (big-endian fields). */
  static byte[] opusHead(byte[] config) {
    if (config.length >= 19 && config[0] == 'O' && config[1] == 'p' && config[2] == 'u') {
      return config;
    }
    // dOps: version, channels, pre-skip (16), input rate (32), gain (16), mapping family, table
    int channels = config[1] & 0xFF;
    int family = config[10] & 0xFF;
    int table = family == 0 ? 0 : config.length - 11;
    byte[] out = new byte[19 + table];
    byte[] magic = {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd'};
    System.arraycopy(magic, 0, out, 0, 8);
    out[8] = 1;
    out[9] = (byte) channels;
    out[10] = config[3]; // pre-skip, little-endian in OpusHead
    out[11] = config[2];
    out[12] = config[7]; // input rate
    out[13] = config[6];
    out[14] = config[5];
    out[15] = config[4];
    out[16] = config[9]; // output gain
    out[17] = config[8];
    out[18] = (byte) family;
    System.arraycopy(config, 11, out, 19, table);
    return out;
  }

  /** {@code fLaC} and the STREAMINFO as the last metadata block, or the config when it has both. */
  static byte[] flacDescription(byte[] config) {
    if (config.length >= 4 && config[0] == 'f' && config[1] == 'L' && config[2] == 'a' && config[3] == 'C') {
      return config;
    }
    byte[] out = new byte[8 + config.length];
    out[0] = 'f';
    out[1] = 'L';
    out[2] = 'a';
    out[3] = 'C';
    out[4] = (byte) 0x80; // last block, type 0 (STREAMINFO)
    out[5] = (byte) (config.length >> 16);
    out[6] = (byte) (config.length >> 8);
    out[7] = (byte) config.length;
    System.arraycopy(config, 0, out, 8, config.length);
    return out;
  }
}
