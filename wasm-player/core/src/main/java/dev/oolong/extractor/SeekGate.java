package dev.oolong.extractor;

import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands between an extractor and its output while a seek is refined ({@link
 * BinarySearchSeeker}). While probing, samples are swallowed and the time of the primary track's
 * first sync sample is noted (the primary track is the first video track, else the first audio
 * track; a sync sample is a key frame). After landing, video tracks drop samples until their
 * next key frame, so what reaches the output after a seek starts decodable. Otherwise it passes
 * everything through. It also remembers the first and latest primary sync times and positions
 * seen while passing, from which extractors estimate their bitrate.
 *
 * <p>An extractor that tells the gate where each track's units of input start and the time they
 * carry ({@link #unitStart}: a PES packet's first transport packet and its PTS) also gets an index
 * of what it has read: the primary track's sync samples seen while passing that begin a unit,
 * each with that unit's position. A seek to a time inside a stretch read without a break lands
 * there at once ({@link #indexedPosition}), without probing.
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
  /** Sync sample time → {position to read from, stretch}: see {@link #indexedPosition}. */
  private final TreeMap<Long, long[]> index = new TreeMap<>();
  /** Stretches of reading without a seek: a new one starts at every seek. */
  private long stretch;
  private long lastIndexedUs = BinarySearchSeeker.NO_SYNC;
  /** The primary track's latest unit starts (a ring): their times and positions. */
  private static final int UNITS = 16;
  private final long[] unitTimes = new long[UNITS];
  private final long[] unitPositions = new long[UNITS];
  private int units;
  /** Entries kept at most (about a day of media at one per second). */
  static final int MAX_INDEX = 100_000;
  /** Entries closer together than this (µs) are thinned out (audio alone: every frame is sync). */
  static final long MIN_INDEX_STEP_US = 400_000;

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

  /**
   * A unit of track {@code id}'s input (a PES packet) starts at {@code position} and carries
   * presentation time {@code ptsUs} (the time of the sample that begins in it); called before any
   * sample it completes comes out.
   */
  public void unitStart(int id, long position, long ptsUs) {
    if (primary != null && primary.id == id) {
      unitTimes[units % UNITS] = ptsUs;
      unitPositions[units % UNITS] = position;
      units++;
    }
  }

  /**
   * A position from which reading finds, as the primary track's first sync sample, the latest
   * one at or before {@code timeUs} — known when the stream was read without a break from there
   * to past {@code timeUs}; -1 otherwise (the seek is refined by probing).
   */
  public long indexedPosition(long timeUs) {
    Map.Entry<Long, long[]> floor = index.floorEntry(timeUs);
    Map.Entry<Long, long[]> after = index.higherEntry(timeUs);
    if (floor == null || after == null || floor.getValue()[1] != after.getValue()[1]) {
      return -1;
    }
    return floor.getValue()[0];
  }

  /** A seek: reading goes on elsewhere, a new stretch of the index begins. */
  private void breakStretch() {
    stretch++;
    units = 0;
    lastIndexedUs = BinarySearchSeeker.NO_SYNC;
  }

  /** Starts a probe: samples are swallowed until the primary track's first sync sample. */
  public void probe() {
    breakStretch();
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
    breakStretch();
    mode = Mode.PASS;
    for (Gated g : tracks) {
      g.pending.clear();
      g.awaitKey = g.type == TrackType.VIDEO;
    }
  }

  /** A restart from the beginning (or a seek to an exact point): everything flows. */
  public void pass() {
    breakStretch();
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

  /**
   * Indexes a sync sample of the primary track when a unit began with it (reading from there finds
   * it first); the entry also marks how far the stretch reaches.
   */
  private void index(long ptsUs) {
    long at = -1;
    for (int i = Math.max(0, units - UNITS); i < units; i++) {
      if (unitTimes[i % UNITS] == ptsUs) {
        at = unitPositions[i % UNITS];
      }
    }
    if (at < 0) {
      return; // it began inside a unit, or before this stretch
    }
    boolean thin = lastIndexedUs != BinarySearchSeeker.NO_SYNC && ptsUs - lastIndexedUs < MIN_INDEX_STEP_US
        && ptsUs >= lastIndexedUs;
    if (thin || index.size() >= MAX_INDEX && !index.containsKey(ptsUs)) {
      return;
    }
    index.put(ptsUs, new long[] {at, stretch});
    lastIndexedUs = ptsUs;
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
        index(ptsUs);
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
