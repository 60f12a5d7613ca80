package dev.oolong.timeline;

import dev.oolong.C;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.HashMap;
import java.util.Map;

/**
 * Sits between an extractor and the sample queues and keeps the timeline continuous. When a
 * track's decode time jumps (forwards or backwards) by more than {@code maxJumpUs} from where its
 * previous sample said the next one would be — a discontinuity in a transport stream, a spliced
 * ad, a timestamp reset — every track is re-based by the same offset, so the sample continues
 * where the timeline left off and all tracks stay in step. Smaller gaps and overlaps are real
 * media properties (audio priming, dropped frames) and pass through; the remuxer fills or trims
 * them. Samples without a time pass through untouched.
 */
public final class TimelineSanitizer implements ExtractorOutput {
  /** A default threshold: longer than any real gap between consecutive samples. */
  public static final long DEFAULT_MAX_JUMP_US = 5_000_000;

  private final ExtractorOutput downstream;
  private final long maxJumpUs;
  private final Map<Integer, Track> tracks = new HashMap<>();
  private long offsetUs;
  private int discontinuities;

  public TimelineSanitizer(ExtractorOutput downstream, long maxJumpUs) {
    this.downstream = downstream;
    this.maxJumpUs = maxJumpUs;
  }

  /** The number of jumps re-based so far. */
  public int discontinuities() {
    return discontinuities;
  }

  /** The offset currently added to every timestamp. */
  public long offsetUs() {
    return offsetUs;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    return tracks.computeIfAbsent(id, k -> new Track(downstream.track(id, type)));
  }

  @Override
  public void endTracks() {
    downstream.endTracks();
  }

  @Override
  public void seekMap(SeekMap seekMap) {
    downstream.seekMap(seekMap);
  }

  /** A seek: timestamps legitimately move; expectations start over, the offset stays. */
  public void reset() {
    for (Track t : tracks.values()) {
      t.expectedDtsUs = C.TIME_UNSET;
      t.lastDtsUs = C.TIME_UNSET;
    }
  }

  private final class Track implements TrackOutput {
    private final TrackOutput out;
    private long lastDtsUs = C.TIME_UNSET;
    private long lastDurationUs;
    private long expectedDtsUs = C.TIME_UNSET;

    Track(TrackOutput out) {
      this.out = out;
    }

    @Override
    public void format(Format format) {
      out.format(format);
    }

    @Override
    public void sampleData(byte[] data, int offset, int length) {
      out.sampleData(data, offset, length);
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      if (dtsUs == C.TIME_UNSET) {
        out.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
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
      if (lastDtsUs != C.TIME_UNSET && dts > lastDtsUs) {
        lastDurationUs = dts - lastDtsUs;
      }
      lastDtsUs = dts;
      expectedDtsUs = dts + lastDurationUs;
      out.sampleMetadata(pts, dts, flags, size, crypto);
    }
  }
}
