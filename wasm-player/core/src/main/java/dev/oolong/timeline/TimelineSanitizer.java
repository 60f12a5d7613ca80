package dev.oolong.timeline;

import dev.oolong.C;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.ForwardingExtractorOutput;
import dev.oolong.extractor.ForwardingTrackOutput;
import dev.oolong.extractor.SampleBytes;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.HashMap;
import java.util.Map;

/**
 * Sits between an extractor and the sample queues and keeps the timeline continuous and
 * plausible, before anything reaches a SourceBuffer or a decoder.
 *
 * <p><b>Judged against the neighbours.</b> Each audio and video track learns its typical step
 * between decode times from regular samples. A sample that does not follow on — its decode time
 * at or before its predecessor's, or more than two steps beyond where the next was expected — is
 * held until the track's next sample shows which line is true:
 *
 * <ul>
 *   <li>the next sample follows the held one: the jump is real. A jump of more than {@code
 *       maxJumpUs}, or a step back of more than {@link #ADOPT_US} — a discontinuity in a transport stream,
 *       a spliced ad, a timestamp reset — re-bases the track so that it continues where its
 *       timeline left off. The new offset is shared: a track that jumps next takes the same one
 *       when it puts the track within {@link #ADOPT_US} of where it was, so all tracks stay in
 *       step (their samples from before the jump, which a multiplex interleaves late, keep the old
 *       one). A smaller forward jump is a hole in the media (lost packets, dropped frames) and
 *       stays, counted.
 *   <li>the next sample follows the old line: the held sample's time was corrupt (a bit error in
 *       a PES or tag header). It is repaired to the time the line gives it, or dropped when there
 *       is no room for it between its neighbours.
 * </ul>
 *
 * A presentation time further than the track's reorder depth allows from its decode time (at
 * least {@link #MIN_REORDER_US}) is corrupt too and is put back at the last offset seen. Within
 * a track decode times are made strictly increasing — audio at or before what the track already
 * has (an overlap at a splice, a duplicate) is dropped; a video sample is moved just after its
 * predecessor — and a presentation time before its decode time is raised to it: MSE and decoders
 * reject both. Holding is bounded: one sample per track,
 * released at the track's next sample, a format change, or the end of the input (then repaired to
 * the line). A sample without a time is put on its track's line (dropped before the track has
 * one); tracks other than audio and video pass through.
 */
public final class TimelineSanitizer extends ForwardingExtractorOutput {
  /** A default threshold: longer than any real gap between consecutive samples. */
  public static final long DEFAULT_MAX_JUMP_US = 5_000_000;
  /** The least reorder (presentation minus decode time) always allowed, µs. */
  public static final long MIN_REORDER_US = 1_000_000;
  /** How far from its line a track may land with another track's new offset to take it, µs. */
  public static final long ADOPT_US = 1_000_000;

  private final long maxJumpUs;
  private final Map<Integer, Track> tracks = new HashMap<>();
  /** The offset of the latest re-basing, which tracks jumping after it take when it fits. */
  private long epochOffsetUs;
  private int discontinuities;
  private int repairs;
  private int dropped;
  private long gapsUs;

  public TimelineSanitizer(ExtractorOutput downstream, long maxJumpUs) {
    super(downstream);
    this.maxJumpUs = maxJumpUs;
  }

  /** The number of jumps re-based so far. */
  public int discontinuities() {
    return discontinuities;
  }

  /**
   * Samples whose decode or presentation time had to be moved: corrupt times repaired against
   * their neighbours, non-increasing decode times, presentation before decode.
   */
  public int repairs() {
    return repairs;
  }

  /** Samples dropped because their time was corrupt and no place between their neighbours fits. */
  public int dropped() {
    return dropped;
  }

  /** The sum of the holes seen between consecutive samples of a track (after re-basing), µs. */
  public long gapsUs() {
    return gapsUs;
  }

  /** The offset of the latest re-basing (what a track that jumps now would be given). */
  public long offsetUs() {
    return epochOffsetUs;
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    return tracks.computeIfAbsent(id, k -> new Track(downstream.track(id, type), type));
  }

  /** A seek: timestamps legitimately move; expectations start over, the offset stays. */
  public void reset() {
    for (Track t : tracks.values()) {
      t.restart();
    }
  }

  /** The end of the input: a sample held for its successor goes on, put on its track's line. */
  public void flush() {
    for (Track t : tracks.values()) {
      t.releaseAlone();
    }
  }

  /** A sample held for judgement; times as the container gave them (the offset may change). */
  private record Held(byte[] data, long ptsUs, long dtsUs, int flags, CryptoData crypto) {}

  private final class Track extends ForwardingTrackOutput {
    private final boolean judged;
    private final boolean audio;
    private final SampleBytes pending = new SampleBytes(0);
    /** Added to this track's container times. */
    private long offsetUs;
    /** A step unlike the learnt one, learnt when the next step repeats it. */
    private long candidateStepUs;
    private long lastDtsUs = C.TIME_UNSET;
    private long stepUs;
    private long expectedDtsUs = C.TIME_UNSET;
    private long lastReorderUs;
    private long maxReorderUs;
    private Held held;

    Track(TrackOutput out, TrackType type) {
      super(out);
      offsetUs = epochOffsetUs;
      judged = type == TrackType.VIDEO || type == TrackType.AUDIO;
      audio = type == TrackType.AUDIO;
    }

    void restart() {
      expectedDtsUs = C.TIME_UNSET;
      lastDtsUs = C.TIME_UNSET;
      held = null;
      pending.clear();
    }

    @Override
    public void format(Format format) {
      if (held != null) {
        Held h = held;
        held = null;
        emitJumped(h, h.dtsUs + offsetUs);
      }
      out.format(format);
    }

    @Override
    public void sampleData(byte[] data, int offset, int length) {
      if (judged) {
        pending.append(data, offset, length);
      } else {
        out.sampleData(data, offset, length);
      }
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      if (!judged) {
        out.sampleMetadata(shift(ptsUs), shift(dtsUs), flags, size, crypto);
        return;
      }
      if ((flags & FLAG_NO_DECODE_TIME) != 0) {
        // Presentation order only (Matroska video): re-based, nothing else; decode times are
        // derived downstream (the remuxer), where the reordering is visible.
        long pts = shift(ptsUs);
        sendPending(pts, pts, flags, size, crypto);
        return;
      }
      if (dtsUs == C.TIME_UNSET && ptsUs != C.TIME_UNSET) {
        dtsUs = ptsUs; // a presentation time alone: decoded when presented
      } else if (ptsUs == C.TIME_UNSET && dtsUs != C.TIME_UNSET) {
        repairs++; // a decode time alone (damaged flags): presented at the track's last offset
        ptsUs = dtsUs + lastReorderUs;
      } else if (dtsUs == C.TIME_UNSET) {
        // No time at all (a PES header whose time flags were damaged): the line gives it one,
        // or, before the track has a line, it cannot be placed.
        if (expectedDtsUs == C.TIME_UNSET || held != null) {
          dropped++;
          pending.clear();
          return;
        }
        repairs++;
        dtsUs = expectedDtsUs - offsetUs;
        ptsUs = dtsUs + lastReorderUs;
      }
      long dts = dtsUs + offsetUs;
      if (held != null) {
        Held h = held;
        held = null;
        judge(h, dts);
        dts = dtsUs + offsetUs; // (a discontinuity moved the offset)
      }
      if (suspicious(dts)) {
        held = new Held(pending.takeLast(size), ptsUs, dtsUs, flags, crypto);
        return;
      }
      emit(ptsUs, dtsUs, flags, size, crypto, null);
    }

    /** Whether a decode time does not follow on from the line the track has kept so far. */
    private boolean suspicious(long dts) {
      if (expectedDtsUs == C.TIME_UNSET || stepUs <= 0) {
        return false;
      }
      return dts <= lastDtsUs || dts > expectedDtsUs + 2 * stepUs;
    }

    /** Decides on the held sample {@code h} now that the next one's decode time is known. */
    private void judge(Held h, long nextDts) {
      long hDts = h.dtsUs + offsetUs;
      long tolerance = 2 * stepUs;
      boolean followsHeld = nextDts > hDts && nextDts <= hDts + stepUs + tolerance;
      boolean followsLine = nextDts > lastDtsUs && nextDts <= lastDtsUs + 2 * stepUs + tolerance;
      if (followsHeld || !followsLine) {
        emitJumped(h, hDts);
        return;
      }
      // The held time is corrupt: it goes where the line puts it, if that is before the next.
      long place = Math.min(lastDtsUs + stepUs, lastDtsUs + (nextDts - lastDtsUs) / 2);
      if (place <= lastDtsUs || place >= nextDts) {
        dropped++;
        return;
      }
      repairs++;
      long reorder = h.ptsUs - h.dtsUs;
      long pts = place + (reorder >= 0 && reorder <= reorderLimit() ? reorder : lastReorderUs);
      emit(pts - offsetUs, place - offsetUs, h.flags, 0, h.crypto, h);
    }

    /** A held sample whose jump is real: re-based when it is a discontinuity, else as it is. */
    private void emitJumped(Held h, long hDts) {
      boolean stepBack = lastDtsUs != C.TIME_UNSET && hDts < lastDtsUs - ADOPT_US;
      if (expectedDtsUs != C.TIME_UNSET
          && (Math.abs(hDts - expectedDtsUs) > maxJumpUs || stepBack)) {
        long raw = h.dtsUs;
        if (epochOffsetUs != offsetUs && Math.abs(raw + epochOffsetUs - expectedDtsUs) <= ADOPT_US) {
          offsetUs = epochOffsetUs; // the jump another track made: the same offset keeps them in step
        } else {
          offsetUs = expectedDtsUs - raw;
          epochOffsetUs = offsetUs;
          discontinuities++;
        }
      }
      emit(h.ptsUs, h.dtsUs, h.flags, 0, h.crypto, h);
    }

    /** A sample held with nothing after it: put on the line (it is one sample, whatever it is). */
    void releaseAlone() {
      if (held == null) {
        return;
      }
      Held h = held;
      held = null;
      long place = expectedDtsUs;
      repairs++;
      emit(place + lastReorderUs - offsetUs, place - offsetUs, h.flags, 0, h.crypto, h);
    }

    /**
     * The typical step, learnt from regular samples only; a step under half the learnt one (a
     * sample early, or a rate change) is taken only when the next step repeats it.
     */
    private void learnStep(long step) {
      if (stepUs == 0 || step >= stepUs / 2) {
        stepUs = step;
        candidateStepUs = 0;
      } else if (candidateStepUs > 0 && Math.abs(step - candidateStepUs) <= candidateStepUs / 8) {
        stepUs = step;
        candidateStepUs = 0;
      } else {
        candidateStepUs = step;
      }
    }

    private long reorderLimit() {
      return Math.max(MIN_REORDER_US, 2 * maxReorderUs);
    }

    /**
     * Sends a sample (container times; the offset is added here), its bytes from {@code h} or
     * the last {@code size} written, with decode times strictly increasing and presentation
     * within the reorder the track allows.
     */
    private void emit(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto, Held h) {
      long dts = dtsUs + offsetUs;
      long pts = ptsUs + offsetUs;
      boolean regular = lastDtsUs != C.TIME_UNSET;
      if (lastDtsUs != C.TIME_UNSET && dts <= lastDtsUs) {
        if (audio) {
          dropped++; // audio the track has already played: an overlap, trimmed
          if (h == null) {
            pending.clear();
          }
          return;
        }
        dts = lastDtsUs + 1; // strictly increasing decode times
        repairs++;
        regular = false;
      } else if (stepUs > 0 && dts > expectedDtsUs + stepUs / 2) {
        gapsUs += dts - expectedDtsUs;
        regular = false;
      }
      if (pts < dts) {
        pts = dts;
        repairs++;
      } else if (pts - dts > reorderLimit()) {
        pts = dts + lastReorderUs; // a corrupt presentation time on a sound decode time
        repairs++;
      }
      lastReorderUs = pts - dts;
      maxReorderUs = Math.max(maxReorderUs, Math.min(lastReorderUs, MIN_REORDER_US));
      if (regular || stepUs == 0 && lastDtsUs != C.TIME_UNSET) {
        learnStep(dts - lastDtsUs);
      }
      lastDtsUs = dts;
      expectedDtsUs = dts + stepUs;
      if (h != null) {
        // (pending may hold the next sample's bytes already: they stay)
        out.sampleData(h.data, 0, h.data.length);
        out.sampleMetadata(pts, dts, flags, h.data.length, crypto);
      } else {
        sendPending(pts, dts, flags, size, crypto);
      }
    }

    private void sendPending(long pts, long dts, int flags, int size, CryptoData crypto) {
      int n = Math.min(Math.max(0, size), pending.size());
      out.sampleData(pending.array(), pending.size() - n, n);
      pending.clear();
      out.sampleMetadata(pts, dts, flags, size, crypto);
    }

    private long shift(long us) {
      return us == C.TIME_UNSET ? us : us + offsetUs;
    }
  }
}
