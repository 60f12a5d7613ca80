package dev.oolong.timeline;

import dev.oolong.C;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.ForwardingTrackOutput;
import dev.oolong.extractor.ForwardingExtractorOutput;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import java.util.HashMap;
import java.util.Map;

/**
 * Sits between an extractor and the sample queues and keeps the timeline continuous. When a
 * track's decode time jumps (forwards or backwards) by more than {@code maxJumpUs} from where its
 * previous sample said the next one would be — a discontinuity in a transport stream, a spliced
 * ad, a timestamp reset — every track is re-based by the same offset, so the sample continues
 * where the timeline left off and all tracks stay in step. Within a track, decode times are made
 * strictly increasing (a sample at or before its predecessor's decode time — a duplicate, an
 * overlap from a sloppy muxer — is moved just after it) and a presentation time before its
 * decode time is raised to it: MSE and decoders reject both. Gaps and overlaps smaller than the
 * threshold in presentation are real media properties (audio priming, dropped frames) and pass
 * through, counted; the remuxer fills audio gaps with silence and trims overlaps. Samples
 * without a time pass through untouched.
 */
public final class TimelineSanitizer extends ForwardingExtractorOutput {
  /** A default threshold: longer than any real gap between consecutive samples. */
  public static final long DEFAULT_MAX_JUMP_US = 5_000_000;

  private final long maxJumpUs;
  private final Map<Integer, Track> tracks = new HashMap<>();
  private long offsetUs;
  private int discontinuities;
  private int repairs;
  private long gapsUs;

  public TimelineSanitizer(ExtractorOutput downstream, long maxJumpUs) {
    super(downstream);
    this.maxJumpUs = maxJumpUs;
  }

  /** The number of jumps re-based so far. */
  public int discontinuities() {
    return discontinuities;
  }

  /** Samples whose decode or presentation time had to be moved (non-increasing, pts &lt; dts). */
  public int repairs() {
    return repairs;
  }

  /** The sum of the holes seen between consecutive samples of a track (after re-basing), µs. */
  public long gapsUs() {
    return gapsUs;
  }

  /** The offset currently added to every timestamp. */
  public long offsetUs() {
    return offsetUs;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    return tracks.computeIfAbsent(id, k -> new Track(downstream.track(id, type)));
  }

  /** A seek: timestamps legitimately move; expectations start over, the offset stays. */
  public void reset() {
    for (Track t : tracks.values()) {
      t.expectedDtsUs = C.TIME_UNSET;
      t.lastDtsUs = C.TIME_UNSET;
    }
  }

  private final class Track extends ForwardingTrackOutput {
    private long lastDtsUs = C.TIME_UNSET;
    private long lastDurationUs;
    private long expectedDtsUs = C.TIME_UNSET;

    Track(TrackOutput out) {
      super(out);
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      if (dtsUs == C.TIME_UNSET) {
        out.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
        return;
      }
      if ((flags & FLAG_NO_DECODE_TIME) != 0) {
        // Presentation order only (Matroska video): re-based, nothing else; decode times are
        // derived downstream (the remuxer), where the reordering is visible.
        long pts = ptsUs + offsetUs;
        out.sampleMetadata(pts, pts, flags, size, crypto);
        return;
      }
      long dts = dtsUs + offsetUs;
      if (expectedDtsUs != C.TIME_UNSET && Math.abs(dts - expectedDtsUs) > maxJumpUs) {
        long correction = expectedDtsUs - dts;
        offsetUs += correction;
        dts += correction;
        discontinuities++;
      }
      long pts = ptsUs == C.TIME_UNSET ? C.TIME_UNSET : ptsUs + offsetUs;
      boolean regular = lastDtsUs != C.TIME_UNSET;
      if (lastDtsUs != C.TIME_UNSET && dts <= lastDtsUs) {
        dts = lastDtsUs + 1; // strictly increasing decode times
        repairs++;
        regular = false;
      } else if (lastDurationUs > 0 && dts > expectedDtsUs + lastDurationUs / 2) {
        gapsUs += dts - expectedDtsUs;
        regular = false;
      }
      if (pts != C.TIME_UNSET && pts < dts) {
        pts = dts;
        repairs++;
      }
      if (regular || lastDurationUs == 0 && lastDtsUs != C.TIME_UNSET) {
        lastDurationUs = dts - lastDtsUs; // the typical step, learnt from regular samples only
      }
      lastDtsUs = dts;
      expectedDtsUs = dts + lastDurationUs;
      out.sampleMetadata(pts, dts, flags, size, crypto);
    }
  }
}
