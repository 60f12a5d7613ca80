package dev.oolong.extractor;

import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands between an extractor and its output while a seek is refined ({@link
 * BinarySearchSeeker}). While probing, samples are swallowed and the time of the primary track's
 * first sync sample is noted (the primary track is the first video track, else the first audio
 * track; a sync sample is a key frame). After landing, video tracks drop samples until their
 * next key frame, so what reaches the output after a seek starts decodable. Otherwise it passes
 * everything through. It also remembers the first and latest primary sync times and positions
 * seen while passing, from which extractors estimate their bitrate.
 */
public final class SeekGate extends ForwardingExtractorOutput {
  private enum Mode { PASS, PROBE }

  private final List<Gated> tracks = new ArrayList<>();
  private Gated primary;
  private Mode mode = Mode.PASS;
  private long probeTimeUs = BinarySearchSeeker.NO_SYNC;
  private long firstSyncUs = BinarySearchSeeker.NO_SYNC;
  private long lastSyncUs = BinarySearchSeeker.NO_SYNC;
  private BinarySearchSeeker seeker;
  private long probePosition;

  public SeekGate(ExtractorOutput downstream) {
    super(downstream);
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    for (Gated g : tracks) {
      if (g.id == id) {
        return g;
      }
    }
    Gated g = new Gated(id, type, downstream.track(id, type));
    tracks.add(g);
    if (primary == null && (type == TrackType.VIDEO || type == TrackType.AUDIO)
        || primary != null && primary.type != TrackType.VIDEO && type == TrackType.VIDEO) {
      primary = g;
    }
    return g;
  }

  /**
   * Starts refining a seek: the input is at {@code position}, the seeker's first probe. The
   * extractor then reads on; when {@link #probeOver} it asks {@link #nextPosition} where to go.
   */
  public void refine(BinarySearchSeeker s, long position) {
    seeker = s;
    probePosition = position;
    probe();
  }

  /** Whether a seek is being refined. */
  public boolean refining() {
    return seeker != null;
  }

  /**
   * Whether the probe in progress is over: its sync sample was found, or {@code maxBytes} were
   * read from the probe position without one.
   */
  public boolean probeOver(long position, long maxBytes) {
    return seeker != null && (found() || position - probePosition > maxBytes);
  }

  /**
   * Ends the probe in progress (at the end of the input when nothing was found) and answers where
   * to seek: the next probe, or, when the search is over, the landing position (samples then flow
   * again, video from its next key frame).
   */
  public long nextPosition() {
    seeker.onProbe(probePosition, found() ? probeTimeUs : BinarySearchSeeker.NO_SYNC);
    long next = seeker.nextProbe();
    if (next < 0) {
      long landing = seeker.result();
      seeker = null;
      land();
      return landing;
    }
    probePosition = next;
    probe();
    return next;
  }

  /** Starts a probe: samples are swallowed until the primary track's first sync sample. */
  public void probe() {
    mode = Mode.PROBE;
    probeTimeUs = BinarySearchSeeker.NO_SYNC;
    for (Gated g : tracks) {
      g.pending.clear();
    }
  }

  /** Whether the current probe has found its sync sample. */
  public boolean found() {
    return mode == Mode.PROBE && probeTimeUs != BinarySearchSeeker.NO_SYNC;
  }

  /** The time of the sync sample the probe found, or {@link BinarySearchSeeker#NO_SYNC}. */
  public long probeTimeUs() {
    return probeTimeUs;
  }

  public boolean probing() {
    return mode == Mode.PROBE;
  }

  /** Ends a seek: samples flow again, video from its next key frame. */
  public void land() {
    mode = Mode.PASS;
    for (Gated g : tracks) {
      g.pending.clear();
      g.awaitKey = g.type == TrackType.VIDEO;
    }
  }

  /** A restart from the beginning (or a seek to an exact point): everything flows. */
  public void pass() {
    seeker = null;
    mode = Mode.PASS;
    for (Gated g : tracks) {
      g.pending.clear();
      g.awaitKey = false;
    }
  }

  /** The first sync sample time of the primary track seen while passing, or NO_SYNC. */
  public long firstSyncUs() {
    return firstSyncUs;
  }

  /** The latest one. */
  public long lastSyncUs() {
    return lastSyncUs;
  }

  private final class Gated extends ForwardingTrackOutput {
    final int id;
    final TrackType type;
    boolean awaitKey;
    final SampleBytes pending = new SampleBytes(0);

    Gated(int id, TrackType type, TrackOutput out) {
      super(out);
      this.id = id;
      this.type = type;
    }

    @Override
    public void sampleData(byte[] data, int offset, int length) {
      if (mode == Mode.PASS && !awaitKey) {
        out.sampleData(data, offset, length);
        return;
      }
      if (mode == Mode.PROBE) {
        return;
      }
      pending.append(data, offset, length);
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      boolean sync = (flags & FLAG_KEY_FRAME) != 0;
      if (mode == Mode.PROBE) {
        if (this == primary && sync && probeTimeUs == BinarySearchSeeker.NO_SYNC) {
          probeTimeUs = ptsUs;
        }
        return;
      }
      if (this == primary && sync) {
        if (firstSyncUs == BinarySearchSeeker.NO_SYNC) {
          firstSyncUs = ptsUs;
        }
        lastSyncUs = ptsUs;
      }
      if (awaitKey) {
        if (!sync) {
          pending.clear(); // not decodable without the frames before the seek point
          return;
        }
        awaitKey = false;
        out.sampleData(pending.array(), pending.size() - size, size);
        pending.clear();
      }
      out.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
    }
  }
}
