package dev.oolong.msefallback;

/**
 * The MSE path's buffering decisions, from what the page reports of its media element (position,
 * ready state, buffered ranges), the engine's own record of what it appended ({@link Spans}) and
 * where the extraction is:
 *
 * <ul>
 *   <li><b>Forward goal</b>: extraction holds once the media produced reaches {@link
 *       #forwardGoal()} seconds past the playhead, and goes on when playback has used some of it.
 *   <li><b>Back buffer</b>: what lies further back than {@link #backBuffer()} seconds is removed.
 *   <li><b>Where to load</b>: playback needs media next at the end of the playhead's buffered
 *       range (or at the playhead, outside any range). When less than the goal is buffered
 *       ahead, nothing appended continues from there, and the extraction is not on its way
 *       there (it started later, or it ended before), the extraction moves there: after a seek
 *       back into what was buffered, or into a range whose continuation was evicted.
 *   <li><b>Holes</b>: an element stuck at the end of a range, with the next range at most {@link
 *       #MAX_HOLE_S} later, is moved to it when the record says the hole was appended (the
 *       slivers where two loads meet, a seek that landed after its target) or is not in the
 *       stream (the start of an MPEG-TS). A hole never appended is loaded, not jumped. A record
 *       the buffer contradicts (appended, but neither buffered nor a hole that can be jumped) is
 *       reported once ({@link #contradiction}), to be corrected so the media is loaded again
 *       instead of the element waiting forever.
 * </ul>
 * Times are the element's (seconds); the page only reports, all decisions are made here.
 */
public final class BufferController {
  public static final double DEFAULT_FORWARD_GOAL_S = 30;
  public static final double DEFAULT_BACK_BUFFER_S = 30;
  /** The longest hole moved over (the timeline sanitiser re-bases longer jumps anyway). */
  public static final double MAX_HOLE_S = 6;
  /** How close to a range's end a stuck element counts as being at the hole after it. */
  static final double END_SLACK_S = 0.25;
  /** {@code HTMLMediaElement.HAVE_FUTURE_DATA}: the element can play on. */
  static final int HAVE_FUTURE_DATA = 3;
  /**
   * How far past a buffered range's end the record must reach to say the media there was
   * appended: the range ends with the track that ends first (audio frames straddle the video's
   * segment boundaries), so the record may reach a few frames further without more being in.
   */
  static final double SLIVER_S = 0.1;
  /** A load asked to start this little after where media is needed still brings it. */
  static final double LOAD_SLACK_S = 0.05;

  /**
   * What the page reports of its element.
   *
   * @param time {@code currentTime}
   * @param readyState {@code readyState}
   * @param ranges {@code buffered} as [start0, end0, start1, end1, ...]
   * @param duration {@code duration} (NaN while unknown)
   */
  public record Playback(double time, int readyState, double[] ranges, double duration) {
    /** The index of the range holding {@code t} (allowing for the rounding of range starts), or -1. */
    int rangeAt(double t) {
      for (int i = 0; i + 1 < ranges.length; i += 2) {
        if (t >= ranges[i] - 0.05 && t < ranges[i + 1]) {
          return i;
        }
      }
      return -1;
    }

    /** Where playback needs media next: the end of the playhead's range, or the playhead. */
    double needed() {
      int r = rangeAt(time);
      return r < 0 ? time : ranges[r + 1];
    }

    /** Whether {@code t} is buffered. */
    public boolean buffered(double t) {
      return rangeAt(t) >= 0;
    }

    /**
     * The same element state with the stream's end as the engine knows it (once an extraction
     * reached it) as the duration when that is earlier: the element's duration may still be an
     * estimate from the seek map.
     */
    public Playback withEnd(double streamEnd) {
      return streamEnd < duration || Double.isNaN(duration) && !Double.isNaN(streamEnd)
          ? new Playback(time, readyState, ranges, streamEnd) : this;
    }

    /** The same element state with the buffered ranges read elsewhere (the worker's MSE). */
    public Playback withRanges(double[] buffered) {
      return new Playback(time, readyState, buffered, duration);
    }
  }

  /**
   * Where the extraction is: asked to start at {@code from}, produced up to {@code until}, ended
   * (reached the end of the stream), with segments still to append ({@code pending}).
   */
  public record Load(double from, double until, boolean ended, boolean pending) {}

  private final double forwardGoal;
  private final double backBuffer;
  private double evictedTo;
  private double jumpedTo = Double.NaN;
  private double correctedAt = Double.NaN;
  private int holesSkipped;

  /** Goals of {@code <= 0} (or NaN) take the defaults. */
  public BufferController(double forwardGoal, double backBuffer) {
    this.forwardGoal = forwardGoal > 0 ? forwardGoal : DEFAULT_FORWARD_GOAL_S;
    this.backBuffer = backBuffer > 0 ? backBuffer : DEFAULT_BACK_BUFFER_S;
  }

  public double forwardGoal() {
    return forwardGoal;
  }

  public double backBuffer() {
    return backBuffer;
  }

  /** Holes moved over so far. */
  public int holesSkipped() {
    return holesSkipped;
  }

  /** Whether extraction should hold: what it produced reaches the goal past the playhead. */
  public boolean shouldHold(double time, double producedUntil) {
    return producedUntil - time >= forwardGoal;
  }

  /**
   * Where the element should jump to get over a hole, or NaN: it is stuck at the end of a range
   * (or outside any), the next range starts at most {@link #MAX_HOLE_S} later, and the record
   * covers the hole.
   */
  public double holeEnd(Playback p, Spans appended) {
    Stuck s = stuck(p);
    if (s == null || s.next - p.time() > MAX_HOLE_S || !appended.covers(s.from, s.next)) {
      return Double.NaN;
    }
    if (s.next != jumpedTo) {
      jumpedTo = s.next; // reports until the element gets there ask again: count it once
      holesSkipped++;
    }
    return s.next;
  }

  /**
   * What of the record the buffer contradicts, as {from, to}, or null: the element is stuck
   * where the record says media follows, with no hole it may jump (the browser dropped media).
   * That part is to be forgotten, once per position, so {@link #loadFrom} loads it again
   * instead of the element waiting forever.
   */
  public double[] contradiction(Playback p, Spans appended) {
    Stuck s = stuck(p);
    if (s == null || s.next - p.time() <= MAX_HOLE_S && appended.covers(s.from, s.next)) {
      return null;
    }
    boolean streamEnd = !Double.isNaN(p.duration()) && s.from >= p.duration() - END_SLACK_S;
    if (streamEnd || !appended.continuesAt(s.from, SLIVER_S) || s.from == correctedAt) {
      return null;
    }
    correctedAt = s.from;
    return new double[] {s.from, s.next};
  }

  /** Where a stuck element's media ends ({@code from}) and the next range starts. */
  private record Stuck(double from, double next) {}

  /** The element waits for data at the end of a range or outside any; null when it does not. */
  private static Stuck stuck(Playback p) {
    if (p.readyState() >= HAVE_FUTURE_DATA) {
      return null;
    }
    double t = p.time();
    int r = p.rangeAt(t);
    double[] ranges = p.ranges();
    if (r >= 0 && ranges[r + 1] - t > END_SLACK_S) {
      return null; // inside a range: waiting for a decoder, not for data
    }
    double next = Double.POSITIVE_INFINITY;
    for (int i = 0; i + 1 < ranges.length; i += 2) {
      if (ranges[i] > t && i != r) {
        next = Math.min(next, ranges[i]);
      }
    }
    return new Stuck(r >= 0 ? ranges[r + 1] : t, next);
  }

  /**
   * Where the extraction should move to, or NaN: where playback needs media next ({@link
   * Playback#needed}), when that is before the end of the stream, less than the goal ahead,
   * not continued by anything appended, and the extraction is not on its way there. It is when
   * it was asked to start there or before and either has not produced that far yet (and goes
   * on) or has, with segments still to append. Otherwise it started later (a seek back), ended
   * before, or what it produced there did not stay in the buffer.
   */
  public double loadFrom(Playback p, Spans appended, Load load) {
    double needed = p.needed();
    boolean streamEnd = !Double.isNaN(p.duration()) && needed >= p.duration() - END_SLACK_S;
    if (streamEnd || needed - p.time() >= forwardGoal || appended.continuesAt(needed, SLIVER_S)) {
      return Double.NaN;
    }
    boolean comingThere = load.until() <= needed + SLIVER_S ? !load.ended() : load.pending();
    return load.from() <= needed + LOAD_SLACK_S && comingThere ? Double.NaN : needed;
  }

  /** The time before which the buffer should be emptied, or NaN when nothing is due. */
  public double evictBefore(double time) {
    if (time - backBuffer > evictedTo + 1) {
      evictedTo = time - backBuffer;
      return evictedTo;
    }
    return Double.NaN;
  }
}
