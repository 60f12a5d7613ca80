package dev.oolong.timeline;

import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;

/**
 * The timeline stage of every pipeline, between the extractor and the track outputs: the start
 * put at media time 0 where the container states none ({@link TimelineNormalizer}), then jumps
 * re-based and decode times made strictly increasing ({@link TimelineSanitizer}). 33-bit clock
 * wraps are undone before this, in the transport stream's reader.
 *
 * <p>Everything after this stage, and every time a player reports, is media time; the
 * container's seek map and extractor keep their own: {@link #seekPoint} converts.
 */
public final class Timeline {
  private final TimelineSanitizer sanitizer;
  private final TimelineNormalizer normalizer;

  public Timeline(ExtractorOutput downstream) {
    sanitizer = new TimelineSanitizer(downstream, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    normalizer = new TimelineNormalizer(sanitizer);
  }

  /** Where the extractor writes. */
  public ExtractorOutput input() {
    return normalizer;
  }

  /** The input ended: samples held while looking for the start go on. */
  public void endOfInput() {
    normalizer.flush();
    sanitizer.flush();
  }

  /** A seek: timestamps legitimately move. */
  public void seeked() {
    normalizer.seeked();
    sanitizer.reset();
  }

  /**
   * The seek map's point for media time {@code targetUs} (the point as the container's times
   * give it: what the loader hands back to the extractor).
   */
  public SeekMap.SeekPoint seekPoint(SeekMap map, long targetUs) {
    if (map.inMediaTime()) {
      SeekMap.SeekPoint p = map.getSeekPoint(targetUs);
      return new SeekMap.SeekPoint(normalizer.toContainerUs(p.timeUs()), p.position());
    }
    return map.getSeekPoint(normalizer.toContainerUs(targetUs));
  }

  /** A manifest places the stream's first sample at media time {@code startUs} ({@link TimelineNormalizer#anchor}). */
  public void anchor(long startUs) {
    normalizer.anchor(startUs);
  }

  /**
   * The container's time subtracted from every time, µs (0 for MP4), or {@code C.TIME_UNSET}
   * until known.
   */
  public long originUs() {
    return normalizer.originUs();
  }

  /** The sanitiser's counts (discontinuities, repairs, gaps). */
  public TimelineSanitizer sanitizer() {
    return sanitizer;
  }
}
