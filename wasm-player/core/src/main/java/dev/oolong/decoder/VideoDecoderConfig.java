package dev.oolong.decoder;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.codec.Av1SequenceHeader;
import dev.oolong.codec.H264Sps;
import dev.oolong.codec.Vp9ColorConfig;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import dev.oolong.media.ColorMatrix;
import java.util.List;

/**
 * What a WebCodecs {@code VideoDecoder} is configured with, derived from a track's format: the
 * full codec string, and the description when the samples need one. H.264 and HEVC with a
 * configuration record ({@code avcC}/{@code hvcC}: MP4, FLV, Matroska) carry it as the
 * description and their samples are length-prefixed; from MPEG-TS (parameter sets in band, Annex
 * B samples) there is no description, which tells the decoder to read Annex B. AV1 passes its
 * {@code av1C} when there is one; VP8 and VP9 need none.
 *
 * @param codec the WebCodecs codec string ({@code avc1.4d401e}, {@code vp09.00.10.08}, ...)
 * @param description the codec configuration record, or null
 * @param codedWidth the coded width, or 0 when unknown
 * @param codedHeight the coded height, or 0 when unknown
 */
public record VideoDecoderConfig(String codec, byte[] description, int codedWidth, int codedHeight,
    ColorMatrix colorMatrix) {

  /** A configuration whose colour the bitstream's parameters do not tell here. */
  public VideoDecoderConfig(String codec, byte[] description, int codedWidth, int codedHeight) {
    this(codec, description, codedWidth, codedHeight, null);
  }

  /**
   * The configuration for {@code f}.
   *
   * @throws PlayerException {@code CODEC_UNSUPPORTED} when the track is not video or its codec
   *     has no WebCodecs form here
   */
  public static VideoDecoderConfig of(Format f) throws PlayerException {
    if (f.type() != TrackType.VIDEO) {
      throw unsupported(f, "is not a video track");
    }
    List<byte[]> init = f.initializationData();
    byte[] first = init.isEmpty() ? null : init.get(0);
    String cs = f.codecString();
    return switch (f.codec()) {
      case "h264" -> new VideoDecoderConfig(require(cs, "avc1.", f),
          first != null && first.length >= 7 && first[0] == 1 ? first : null, f.width(), f.height(),
          h264Color(first, f.height()));
      case "hevc" -> new VideoDecoderConfig(requireAny(cs, f, "hvc1.", "hev1."),
          first != null && first.length >= 23 && first[0] == 1 ? first : null, f.width(), f.height());
      case "av1" -> {
        byte[] av1c = first != null && first.length >= 4 && (first[0] & 0xFF) == 0x81 ? first : null;
        yield new VideoDecoderConfig(require(cs, "av01.", f), av1c, f.width(), f.height(),
            av1c == null ? null : av1Color(av1c, 4, f.height()));
      }
      case "vp9" -> new VideoDecoderConfig(require(cs, "vp09.", f), null, f.width(), f.height());
      // VP8 has one colour space, BT.601 (RFC 6386, 9.2), in the studio range.
      case "vp8" -> new VideoDecoderConfig("vp8", null, f.width(), f.height(),
          ColorMatrix.of(ColorMatrix.Coefficients.BT601, false));
      default -> throw unsupported(f, "has no WebCodecs form here");
    };
  }

  /**
   * This configuration completed from the stream's first frame (a key frame): VP9 signals its
   * colour space and range in each key frame's header, AV1 without an {@code av1C} record in its
   * sequence header in band. Unchanged for other codecs, when the colour is known already, or
   * when the frame says nothing.
   */
  public VideoDecoderConfig withFirstFrame(byte[] frame) {
    if (colorMatrix != null || frame == null) {
      return this;
    }
    ColorMatrix m = null;
    if (codec.startsWith("vp09.")) {
      Vp9ColorConfig c = Vp9ColorConfig.parse(frame, 0, frame.length);
      m = c == null ? null : c.matrix(codedHeight);
    } else if (codec.startsWith("av01.")) {
      m = av1Color(frame, 0, codedHeight); // a sequence header in band
    }
    return m == null ? this : new VideoDecoderConfig(codec, description, codedWidth, codedHeight, m);
  }

  /** The colour of the first AV1 sequence header among the OBUs at {@code offset}, or null. */
  static ColorMatrix av1Color(byte[] obus, int offset, int height) {
    Av1SequenceHeader h = Av1SequenceHeader.find(obus, offset, obus.length - offset);
    return h == null ? null : h.matrix(height);
  }

  /**
   * The colour an H.264 stream's SPS signals (from {@code avcC}, or a bare SPS NAL unit as the
   * transport stream reader keeps it): its matrix and range, the matrix by picture height when
   * not described (HD BT.709, else BT.601). Null when there is no SPS to read.
   */
  static ColorMatrix h264Color(byte[] init, int height) {
    if (init == null || init.length < 4) {
      return null;
    }
    try {
      H264Sps sps;
      if (init[0] == 1) { // avcC: the first SPS
        if (init.length < 8 || (init[5] & 0x1F) == 0) {
          return null;
        }
        int length = ((init[6] & 0xFF) << 8) | (init[7] & 0xFF);
        sps = H264Sps.parse(init, 8, Math.min(length, init.length - 8));
      } else if ((init[0] & 0x1F) == 7) {
        sps = H264Sps.parse(init, 0, init.length);
      } else {
        return null;
      }
      return ColorMatrix.of(ColorMatrix.Coefficients.ofCode(sps.matrixCoefficients(), height), sps.fullRange());
    } catch (RuntimeException malformed) {
      return null; // the decoder's own reading of the stream decides
    }
  }

  private static String require(String cs, String prefix, Format f) throws PlayerException {
    if (cs == null || !cs.startsWith(prefix) || cs.length() <= prefix.length()) {
      throw unsupported(f, "has no full codec string (" + cs + ")");
    }
    return cs;
  }

  private static String requireAny(String cs, Format f, String... prefixes) throws PlayerException {
    for (String p : prefixes) {
      if (cs != null && cs.startsWith(p) && cs.length() > p.length()) {
        return cs;
      }
    }
    throw unsupported(f, "has no full codec string (" + cs + ")");
  }

  static PlayerException unsupported(Format f, String why) {
    return PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
        "Track " + f.trackId() + " (" + f.codec() + ") " + why, "codec",
        f.codecString() == null ? f.codec() : f.codecString());
  }
}
