package dev.oolong.extractor;

import dev.oolong.C;
import dev.oolong.media.TrackType;
import dev.oolong.util.Clock;

/**
 * An {@link ExtractorOutput} stage that notes when the first video sample came out of the
 * extractor (after creation or {@link #rearm}): the start of the glass-to-glass delay the
 * benchmarks measure; and whether any sample of any track ever did (a file cut short is playable
 * when one did). Everything passes on unchanged.
 */
public final class FirstSampleWatch extends ForwardingExtractorOutput {
  private final Clock clock;
  private long atUs = C.TIME_UNSET;
  private long ptsUs = C.TIME_UNSET;
  private boolean anySample;
  private final java.util.Map<Integer, TrackOutput> tracks = new java.util.HashMap<>();

  public FirstSampleWatch(ExtractorOutput out, Clock clock) {
    super(out);
    this.clock = clock;
  }

  /** Watches for the next first video sample (a seek). */
  public void rearm() {
    atUs = C.TIME_UNSET;
    ptsUs = C.TIME_UNSET;
  }

  /** The clock's time when the first video sample came out, or {@link C#TIME_UNSET}. */
  public long arrivedAtUs() {
    return atUs;
  }

  /** That sample's presentation time, or {@link C#TIME_UNSET}. */
  public long ptsUs() {
    return ptsUs;
  }

  /** Whether a sample of any track has come out since creation (a seek does not reset it). */
  public boolean anySample() {
    return anySample;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    return tracks.computeIfAbsent(id, k -> watched(downstream.track(id, type), type));
  }

  private TrackOutput watched(TrackOutput track, TrackType type) {
    return new ForwardingTrackOutput(track) {
      @Override
      public void sampleMetadata(long pts, long dts, int flags, int size, CryptoData crypto) {
        anySample = true;
        if (type == TrackType.VIDEO && atUs == C.TIME_UNSET) {
          atUs = clock.nowUs();
          ptsUs = pts;
        }
        super.sampleMetadata(pts, dts, flags, size, crypto);
      }
    };
  }
}
