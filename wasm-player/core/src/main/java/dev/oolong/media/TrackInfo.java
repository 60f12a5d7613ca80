package dev.oolong.media;

import dev.oolong.C;
import dev.oolong.util.Json;

/**
 * What probing learned of one track.
 *
 * @param id the container's track id
 * @param type video, audio, ...
 * @param codec the codec's short name, as ffprobe's {@code codec_name} ({@code h264}, {@code
 *     hevc}, {@code av1}, {@code vp9}, {@code aac}, {@code opus}, ...), or the sample entry's
 *     four-character code when unknown
 * @param codecString the RFC 6381 codec string, or null when it cannot be derived
 * @param durationUs the presentation duration (edit lists applied), or {@link C#TIME_UNSET}
 * @param sampleCount the number of samples (packets), or -1 when not known
 * @param width coded picture width in pixels (video), else 0
 * @param height coded picture height in pixels (video), else 0
 * @param sampleRate audio sample rate in Hz, else 0
 * @param channels audio channel count, else 0
 * @param language ISO 639-2 language code, or null
 * @param encrypted whether the samples are protected (ISO BMFF {@code encv}/{@code enca})
 */
public record TrackInfo(
    int id,
    TrackType type,
    String codec,
    String codecString,
    long durationUs,
    long sampleCount,
    int width,
    int height,
    int sampleRate,
    int channels,
    String language,
    boolean encrypted) {

  public String toJson() {
    Json.ObjectWriter w = Json.object();
    w.put("id", id);
    w.put("type", type.name().toLowerCase());
    w.put("codec", codec);
    w.put("codecString", codecString);
    w.put("duration", durationUs == C.TIME_UNSET ? Double.NaN : durationUs / 1e6);
    w.put("sampleCount", sampleCount);
    if (type == TrackType.VIDEO) {
      w.put("width", width);
      w.put("height", height);
    }
    if (type == TrackType.AUDIO) {
      w.put("sampleRate", sampleRate);
      w.put("channels", channels);
    }
    w.put("language", language);
    w.put("encrypted", encrypted);
    return w.toString();
  }
}
