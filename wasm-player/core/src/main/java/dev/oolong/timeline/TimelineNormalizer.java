package dev.oolong.timeline;

import dev.oolong.C;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.ForwardingExtractorOutput;
import dev.oolong.extractor.ForwardingTrackOutput;
import dev.oolong.extractor.SampleBytes;
import dev.oolong.extractor.TimeBase;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the start of a stream whose container states none at media time 0. MPEG-TS, FLV, Ogg,
 * Matroska and elementary audio count time on a stream clock (a broadcast capture may begin near
 * 95,443 s, where the 33-bit clock wraps); the presentation starts at the stream's earliest
 * timestamp, which this stage subtracts from every time. MP4 declares {@link
 * TimeBase#PRESENTATION} (its edit lists place the start) and passes through unchanged.
 *
 * <p>The earliest timestamp is the lowest presentation time of the samples at the stream's start,
 * across its tracks (audio often starts a little before video, or after it in the stream's byte
 * order). So until every track announced has a timed sample, samples are held (with their formats, in
 * arrival order), then released re-timed. Holding is bounded: it ends when the tracks have
 * ended their announcement and each has a sample, when the samples held span {@link #HOLD_US},
 * when {@link #HOLD_BYTES} are held, or at the end of the input ({@link #flush}); a track that
 * starts later than that starts late, not at 0. The origin, once found, stays for the stream
 * (a seek does not move it).
 */
public final class TimelineNormalizer extends ForwardingExtractorOutput {
  /** Media held at most before the origin is fixed without the tracks still silent. */
  public static final long HOLD_US = 1_000_000;
  /** Bytes held at most. */
  public static final int HOLD_BYTES = 8 << 20;

  private final List<Track> tracks = new ArrayList<>();
  /** Formats and samples held, in arrival order across tracks. */
  private final List<Held> held = new ArrayList<>();
  private TimeBase base = TimeBase.STREAM;
  private boolean tracksEnded;
  private long originUs = C.TIME_UNSET;
  private long heldBytes;
  private long heldMinUs = Long.MAX_VALUE;
  private long heldMaxUs = Long.MIN_VALUE;
  /** Set by {@link #anchor}: the stream's first sample is at this media time, whatever the container says. */
  private long anchorUs = C.TIME_UNSET;

  public TimelineNormalizer(ExtractorOutput downstream) {
    super(downstream);
  }

  /**
   * What is subtracted from the container's times, µs: 0 for {@link TimeBase#PRESENTATION},
   * {@link C#TIME_UNSET} while it is not known yet.
   */
  public long originUs() {
    return presentation() ? 0 : originUs;
  }

  /**
   * A manifest places the stream: its earliest sample is at media time {@code startUs} (the
   * playlist's time of the segment it starts with), whatever time base the container declares
   * (an fMP4 segment of a live stream may carry decode times of days). Called before the first
   * sample; the origin is then found as for a stream clock, and moved by {@code startUs}.
   */
  public void anchor(long startUs) {
    anchorUs = startUs;
  }

  private boolean presentation() {
    return base == TimeBase.PRESENTATION && anchorUs == C.TIME_UNSET;
  }

  /** A media time (µs, from 0) as the container's time: what its seek map and extractor use. */
  public long toContainerUs(long mediaUs) {
    long origin = originUs();
    return origin == C.TIME_UNSET ? mediaUs : mediaUs + origin;
  }

  @Override
  public void timeBase(TimeBase base) {
    this.base = base;
    super.timeBase(base);
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    for (Track known : tracks) {
      if (known.id == id) {
        return known;
      }
    }
    Track t = new Track(id, downstream.track(id, type));
    tracks.add(t);
    return t;
  }

  @Override
  public void endTracks() {
    tracksEnded = true;
    super.endTracks();
    decide();
  }

  /** The input ended: whatever is held goes, timed from the earliest sample held. */
  public void flush() {
    if (holding()) {
      release();
    }
  }

  /**
   * A seek: while the origin is still unknown, what is held is from before it and goes unsent
   * (the origin is then found from the samples after the seek).
   */
  public void seeked() {
    if (holding()) {
      held.clear();
      heldBytes = 0;
      heldMinUs = Long.MAX_VALUE;
      heldMaxUs = Long.MIN_VALUE;
      for (Track t : tracks) {
        t.pending.clear();
        t.timed = false;
      }
    }
  }

  private boolean holding() {
    return !presentation() && originUs == C.TIME_UNSET;
  }

  private void decide() {
    if (!holding() || held.isEmpty()) {
      return;
    }
    boolean allTimed = tracksEnded;
    for (Track t : tracks) {
      allTimed &= t.timed;
    }
    if (allTimed || heldBytes >= HOLD_BYTES
        || heldMaxUs != Long.MIN_VALUE && heldMaxUs - heldMinUs >= HOLD_US) {
      release();
    }
  }

  private void release() {
    originUs = (heldMinUs == Long.MAX_VALUE ? 0 : heldMinUs) - (anchorUs == C.TIME_UNSET ? 0 : anchorUs);
    List<Held> out = new ArrayList<>(held);
    held.clear();
    heldBytes = 0;
    for (Held h : out) {
      h.track.replay(h);
    }
  }

  private long shift(long us) {
    return us == C.TIME_UNSET || presentation() ? us : us - originUs;
  }

  /** A format or a sample held (format non-null for a format). */
  private record Held(Track track, Format format, byte[] data, long ptsUs, long dtsUs, int flags,
      CryptoData crypto) {}

  private final class Track extends ForwardingTrackOutput {
    final int id;
    /** While holding: the bytes written since the last sample. */
    final SampleBytes pending = new SampleBytes(0);
    /** Whether a sample with a time was held. */
    boolean timed;

    Track(int id, TrackOutput out) {
      super(out);
      this.id = id;
    }

    @Override
    public void format(Format format) {
      if (holding() && !held.isEmpty()) {
        held.add(new Held(this, format, null, 0, 0, 0, null));
      } else {
        out.format(format);
      }
    }

    @Override
    public void sampleData(byte[] data, int offset, int length) {
      if (!holding()) {
        out.sampleData(data, offset, length);
        return;
      }
      pending.append(data, offset, length);
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      if (!holding()) {
        send(ptsUs, dtsUs, flags, size, crypto);
        return;
      }
      byte[] sample = pending.takeLast(size);
      held.add(new Held(this, null, sample, ptsUs, dtsUs, flags, crypto));
      heldBytes += sample.length;
      long t = ptsUs != C.TIME_UNSET ? ptsUs : dtsUs;
      if (t != C.TIME_UNSET) {
        timed = true;
        heldMinUs = Math.min(heldMinUs, t);
        heldMaxUs = Math.max(heldMaxUs, t);
      }
      decide();
    }

    void replay(Held h) {
      if (h.format != null) {
        out.format(h.format);
      } else {
        out.sampleData(h.data, 0, h.data.length);
        send(h.ptsUs, h.dtsUs, h.flags, h.data.length, h.crypto);
      }
    }

    void send(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      out.sampleMetadata(shift(ptsUs), shift(dtsUs), flags, size, crypto);
    }
  }
}
