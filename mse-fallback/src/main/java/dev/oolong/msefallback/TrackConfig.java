package dev.oolong.msefallback;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.codec.NalUnits;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.Arrays;
import java.util.List;

/**
 * How one track goes into fragmented MP4: its sample entry type, the body of its codec
 * configuration box, its timescale, and what must be done to each sample. Every extractor's
 * form of the configuration is accepted: the box bodies of MP4 ({@code avcC}, {@code hvcC},
 * {@code esds}, {@code dOps}, {@code dfLa}, ...), Matroska's CodecPrivate, FLV's sequence
 * headers, the bare parameter sets (SPS/PPS, VPS) of MPEG-TS, ADTS AudioSpecificConfigs, OpusHead
 * and FLAC STREAMINFO.
 */
final class TrackConfig {
  /** What a sample needs before it goes into the {@code mdat}. */
  enum Transform {
    NONE,
    /** Annex B start codes → 4-byte NAL unit lengths (MPEG-TS video). */
    ANNEX_B_TO_LENGTHS,
    /** ADTS frames → raw AAC (the header goes; MPEG-TS and ADTS files). */
    STRIP_ADTS
  }

  final Format format;
  final String sampleEntry;
  final String configBox;
  final byte[] config;
  final int timescale;
  final Transform transform;

  /**
   * MP3: Chromium plays MPEG audio only as its own byte stream ({@code audio/mpeg}), not inside
   * MP4; its frames pass through as they are.
   */
  boolean rawMpegAudio() {
    return "mp3".equals(format.codec());
  }

  /** VP8 and Vorbis have no MP4 form in the browser: their stream goes out as WebM. */
  boolean webmOnly() {
    return "vp8".equals(format.codec()) || "vorbis".equals(format.codec());
  }

  private TrackConfig(Format format, String sampleEntry, String configBox, byte[] config,
      int timescale, Transform transform) {
    this.format = format;
    this.sampleEntry = sampleEntry;
    this.configBox = configBox;
    this.config = config;
    this.timescale = timescale;
    this.transform = transform;
  }

  boolean isVideo() {
    return format.type() == TrackType.VIDEO;
  }

  /**
   * The configuration of a track.
   *
   * @throws PlayerException {@code CODEC_UNSUPPORTED} when the codec has no fMP4 form here
   *     (VP8, Vorbis and MP3 go to other byte streams) or its configuration is missing
   */
  static TrackConfig of(Format f) throws PlayerException {
    boolean videoCodec = switch (f.codec()) {
      case "h264", "hevc", "av1", "vp9", "vp8" -> true;
      default -> false;
    };
    if (videoCodec != (f.type() == dev.oolong.media.TrackType.VIDEO)) {
      // A damaged track header (found by fuzzing: a Matroska track typed audio carrying H.264)
      // would give a sample entry of one kind inside a track of the other.
      throw PlayerException.critical(ErrorCode.CONTAINER_MALFORMED,
          "Track " + f.trackId() + " is " + f.type().name().toLowerCase() + " but its codec " + f.codec() + " is not",
          "offset", "", "reason", "track type contradicts the codec");
    }
    List<byte[]> init = f.initializationData();
    byte[] first = init.isEmpty() ? null : init.get(0);
    try {
      return switch (f.codec()) {
        case "h264" -> first != null && first.length >= 7 && first[0] == 1
            ? new TrackConfig(f, "avc1", "avcC", first, 90000, Transform.NONE)
            : new TrackConfig(f, "avc1", "avcC", avcCFromParameterSets(init), 90000,
                Transform.ANNEX_B_TO_LENGTHS);
        case "hevc" -> first != null && first.length >= 23 && first[0] == 1
            ? new TrackConfig(f, "hvc1", "hvcC", first, 90000, Transform.NONE)
            // Parameter sets stay in band too (MPEG-TS repeats them): 'hev1', not 'hvc1'.
            : new TrackConfig(f, "hev1", "hvcC", hvcCFromParameterSets(init), 90000,
                Transform.ANNEX_B_TO_LENGTHS);
        case "av1" -> new TrackConfig(f, "av01", "av1C", require(first, f), 90000, Transform.NONE);
        case "vp9" -> new TrackConfig(f, "vp09", "vpcC", vpcC(f, first), 90000, Transform.NONE);
        case "aac" -> new TrackConfig(f, "mp4a", "esds", esds(dev.oolong.codec.AudioSpecificConfig.bodyOf(require(first, f))),
            f.sampleRate(), Transform.STRIP_ADTS);
        case "opus" -> new TrackConfig(f, "Opus", "dOps", dOps(require(first, f)), 48000,
            Transform.NONE);
        case "flac" -> new TrackConfig(f, "fLaC", "dfLa", dfLa(require(first, f)), f.sampleRate(),
            Transform.NONE);
        case "mp3" -> new TrackConfig(f, null, null, new byte[0], f.sampleRate(), Transform.NONE);
        case "vp8", "vorbis" -> new TrackConfig(f, null, null, new byte[0],
            f.type() == dev.oolong.media.TrackType.VIDEO ? 90000 : f.sampleRate(), Transform.NONE);
        default -> throw unsupported(f, "has no fragmented-MP4 form here");
      };
    } catch (IndexOutOfBoundsException e) {
      throw unsupported(f, "configuration is damaged (" + e.getMessage() + ")");
    }
  }

  private static byte[] require(byte[] config, Format f) throws PlayerException {
    if (config == null || config.length == 0) {
      throw unsupported(f, "has no codec configuration");
    }
    return config;
  }

  static PlayerException unsupported(Format f, String why) {
    return PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
        "Track " + f.trackId() + " (" + f.codec() + ") " + why, "codec",
        f.codecString() == null ? f.codec() : f.codecString());
  }

  /** An avcC body from an SPS and a PPS (NAL units without start codes). */
  static byte[] avcCFromParameterSets(List<byte[]> init) {
    byte[] sps = init.get(0);
    byte[] pps = init.size() > 1 ? init.get(1) : null;
    BoxWriter w = new BoxWriter();
    w.u8(1).u8(sps[1]).u8(sps[2]).u8(sps[3]).u8(0xFF); // version, profile, compat, level, 4-byte lengths
    w.u8(0xE1).u16(sps.length).bytes(sps);
    if (pps == null) {
      w.u8(0);
    } else {
      w.u8(1).u16(pps.length).bytes(pps);
    }
    return w.toByteArray();
  }

  /**
   * An hvcC body from VPS, SPS and PPS (MPEG-TS lists them in that order when all are there):
   * the general profile, tier and level fields are copied from the SPS's profile_tier_level.
   */
  static byte[] hvcCFromParameterSets(List<byte[]> init) {
    byte[] vps = init.size() == 3 ? init.get(0) : null;
    byte[] sps = init.get(init.size() == 3 ? 1 : 0);
    byte[] pps = init.size() >= 2 ? init.get(init.size() - 1) : null;
    byte[] rbsp = NalUnits.unescape(sps, 2, Math.min(sps.length - 2, 16));
    BoxWriter w = new BoxWriter();
    w.u8(1).bytes(rbsp, 1, 12); // version; profile space/tier/idc, compat flags, constraints, level
    w.u16(0xF000).u8(0xFC).u8(0xFD).u8(0xF8).u8(0xF8).u16(0); // 4:2:0, 8 bit (informative)
    w.u8(0x0F); // one temporal layer, 4-byte lengths
    int arrays = (vps != null ? 1 : 0) + 1 + (pps != null ? 1 : 0);
    w.u8(arrays);
    if (vps != null) {
      w.u8(32).u16(1).u16(vps.length).bytes(vps); // array_completeness 0: more may come in band
    }
    w.u8(33).u16(1).u16(sps.length).bytes(sps);
    if (pps != null) {
      w.u8(34).u16(1).u16(pps.length).bytes(pps);
    }
    return w.toByteArray();
  }

  /** A vpcC body: MP4's as it is, else version 1 from the codec string {@code vp09.PP.LL.DD}. */
  static byte[] vpcC(Format f, byte[] first) {
    if (first != null && first.length >= 12 && first[0] == 1) {
      return first;
    }
    int profile = 0;
    int level = 10;
    int depth = 8;
    String cs = f.codecString();
    if (cs != null && cs.startsWith("vp09.") && cs.length() >= 13) {
      profile = Integer.parseInt(cs.substring(5, 7));
      level = Integer.parseInt(cs.substring(8, 10));
      depth = Integer.parseInt(cs.substring(11, 13));
    }
    BoxWriter w = new BoxWriter();
    w.u8(1).u24(0).u8(profile).u8(level).u8(depth << 4 | 1 << 1); // 4:2:0 colocated... studio range
    w.u8(2).u8(2).u8(2).u16(0); // colour primaries, transfer, matrix: unspecified; no init data
    return w.toByteArray();
  }

  /** An esds body around an AudioSpecificConfig (ISO/IEC 14496-1 descriptors). */
  static byte[] esds(byte[] asc) {
    BoxWriter w = new BoxWriter();
    w.u32(0); // version, flags
    w.u8(0x03).u8(23 + asc.length).u16(1).u8(0); // ES_Descriptor: ES_ID 1, no flags
    w.u8(0x04).u8(15 + asc.length).u8(0x40).u8(0x15).u24(0).u32(0).u32(0); // AAC, audio stream
    w.u8(0x05).u8(asc.length).bytes(asc);
    w.u8(0x06).u8(1).u8(2); // SLConfigDescriptor: predefined MP4
    return w.toByteArray();
  }

  /** A dOps body from an OpusHead packet, or MP4's as it is. */
  static byte[] dOps(byte[] config) {
    if (config.length >= 19 && config[0] == 'O' && config[1] == 'p') {
      BoxWriter w = new BoxWriter();
      w.u8(0).u8(config[9] & 0xFF); // version, output channels
      w.u16((config[10] & 0xFF) | (config[11] & 0xFF) << 8); // pre-skip (OpusHead is little-endian)
      w.u32((config[12] & 0xFFL) | (config[13] & 0xFFL) << 8 | (config[14] & 0xFFL) << 16
          | (config[15] & 0xFFL) << 24);
      w.u16((config[16] & 0xFF) | (config[17] & 0xFF) << 8); // output gain
      w.u8(config[18] & 0xFF); // channel mapping family
      if ((config[18] & 0xFF) != 0) {
        w.bytes(config, 19, config.length - 19); // stream count, coupled count, mapping
      }
      return w.toByteArray();
    }
    return config;
  }

  /** A dfLa body: MP4's as it is, or built around a STREAMINFO (bare, or after "fLaC"). */
  static byte[] dfLa(byte[] config) {
    if (config.length == 34) {
      BoxWriter w = new BoxWriter();
      w.u32(0).u8(0x80).u24(34).bytes(config); // version/flags; last block, STREAMINFO, 34 bytes
      return w.toByteArray();
    }
    if (config.length > 4 && config[0] == 'f' && config[1] == 'L' && config[2] == 'a' && config[3] == 'C') {
      BoxWriter w = new BoxWriter();
      w.u32(0).bytes(config, 4, config.length - 4); // the metadata blocks as they are
      return w.toByteArray();
    }
    return config;
  }
}
