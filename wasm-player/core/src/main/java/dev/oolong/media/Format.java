package dev.oolong.media;

import java.util.List;

/**
 * The format of one track as an extractor found it: what a decoder or remuxer needs.
 *
 * @param trackId the container's track id
 * @param type video, audio, ...
 * @param codec short codec name as ffprobe's {@code codec_name} ({@code h264}, {@code aac}, ...)
 * @param codecString RFC 6381 codec string, or null
 * @param width video width in pixels, else 0
 * @param height video height in pixels, else 0
 * @param sampleRate audio sample rate in Hz, else 0
 * @param channels audio channels, else 0
 * @param initializationData codec configuration records (e.g. the {@code avcC} body), may be empty
 * @param language ISO 639-2 code, or null
 * @param durationUs the track's duration, or {@code C.TIME_UNSET}
 * @param encrypted whether samples are protected
 */
public record Format(
    int trackId,
    TrackType type,
    String codec,
    String codecString,
    int width,
    int height,
    int sampleRate,
    int channels,
    List<byte[]> initializationData,
    String language,
    long durationUs,
    boolean encrypted) {

  public Format {
    initializationData = List.copyOf(initializationData);
  }
}
