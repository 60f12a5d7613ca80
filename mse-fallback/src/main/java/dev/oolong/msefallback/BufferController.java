package dev.oolong.msefallback;

/**
 * The MSE path's buffering decisions, from what the page reports of its media element (position,
 * ready state, buffered ranges) and how far the extraction has produced media:
 *
 * <ul>
 *   <li><b>Forward goal</b>: extraction holds once the media produced reaches {@link
 *       #forwardGoal()} seconds past the playhead, and goes on when playback has used some of
 *       it. It never holds while the element is starving, so a miscount cannot stall playback.
 *   <li><b>Back buffer</b>: what lies further back than {@link #backBuffer()} seconds is removed.
 *   <li><b>Holes</b>: an element stuck at the end of a buffered range, with the next range
 *       starting at most {@link #MAX_HOLE_S} later and the extraction already past that start
 *       (so the hole is in the media, not still loading), is moved to the next range. A stream
 *       whose first range starts after 0 is a hole at the start.
 *   <li><b>Reloading</b>: when the playhead's range ends before the end of the stream while the
 *       extraction appends elsewhere (after a seek back into what was buffered), extraction
 *       moves to the end of that range.
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
  /** Below this much ahead the element is starving: extraction is never held. */
  static final double STARVING_S = 1;
  /** {@code HTMLMediaElement.HAVE_FUTURE_DATA}: the element can play on. */
  static final int HAVE_FUTURE_DATA = 3;
  /**
   * How far outside the playhead's range the appends may end and still continue it (the page's
   * report of the ranges may be older than the last appends).
   */
  static final double ADJACENT_S = 3;

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

    /** Seconds buffered from the playhead on. */
    double ahead() {
      int r = rangeAt(time);
      return r < 0 ? 0 : ranges[r + 1] - time;
    }

    /** Whether {@code t} is buffered. */
    public boolean buffered(double t) {
      return rangeAt(t) >= 0;
    }
  }

  private final double forwardGoal;
  private final double backBuffer;
  private double evictedTo;
  private double reloadedAt = Double.NaN;
  private double jumpedTo = Double.NaN;
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

  /**
   * Whether extraction should hold: what it produced reaches the goal past the playhead, and the
   * element is not starving (less than a second at its position and not ready to play on) —
   * unless nothing is buffered yet while the first appends are on their way (the browser is
   * still taking them in). Whatever the counts say, a starving element gets more media.
   *
   * @param producedUntil how far the media cut into segments reaches
   * @param appendedUntil how far the media appended reaches
   */
  public boolean shouldHold(Playback p, double producedUntil, double appendedUntil) {
    boolean firstAppendsInFlight = p.ranges().length == 0 && appendedUntil >= p.time() + STARVING_S;
    boolean starving = p.readyState() < HAVE_FUTURE_DATA && p.ahead() < STARVING_S
        && !firstAppendsInFlight;
    return !starving && shouldHold(p.time(), producedUntil);
  }

  /** Whether extraction should hold, judged between reports from the last known position. */
  public boolean shouldHold(double time, double producedUntil) {
    return producedUntil - time >= forwardGoal;
  }

  /**
   * Where the element should jump to get over a hole, or NaN. {@code producedUntil}: how far the
   * extraction has produced since it last moved; {@code allProduced}: it reached the end.
   */
  public double holeEnd(Playback p, double producedUntil, boolean allProduced) {
    if (p.readyState() >= HAVE_FUTURE_DATA) {
      return Double.NaN;
    }
    double t = p.time();
    int r = p.rangeAt(t);
    if (r >= 0 && p.ranges()[r + 1] - t > END_SLACK_S) {
      return Double.NaN; // inside a range: waiting for a decoder, not for data
    }
    double[] ranges = p.ranges();
    for (int i = 0; i + 1 < ranges.length; i += 2) {
      double start = ranges[i];
      if (start > t && start - t <= MAX_HOLE_S && i != r) {
        if (!allProduced && producedUntil < start) {
          return Double.NaN; // the extraction has not got there: it may still fill the hole
        }
        if (start != jumpedTo) {
          jumpedTo = start; // reports until the element gets there ask again: count it once
          holesSkipped++;
        }
        return start;
      }
    }
    return Double.NaN;
  }

  /**
   * Where extraction should move to, or NaN: the end of the playhead's range when that range
   * ends before the stream does, holds less than the goal, and what was last appended lies
   * elsewhere (behind the range, or well beyond it: after a seek back into what was buffered,
   * or into a range whose continuation was evicted). Each range end is reloaded once.
   *
   * @param appendedUntil how far the media appended since the extraction last moved reaches
   *     (negative infinity before the first append: nothing to compare yet)
   */
  public double reloadFrom(Playback p, double appendedUntil) {
    int r = p.rangeAt(p.time());
    if (r < 0 || Double.isInfinite(appendedUntil) || Double.isNaN(appendedUntil)) {
      return Double.NaN;
    }
    double start = p.ranges()[r];
    double end = p.ranges()[r + 1];
    boolean streamEnd = !Double.isNaN(p.duration()) && end >= p.duration() - 0.5;
    boolean adjacent = appendedUntil >= start - ADJACENT_S && appendedUntil <= end + ADJACENT_S;
    if (streamEnd || adjacent || end - p.time() >= forwardGoal || Math.abs(end - reloadedAt) < 0.5) {
      return Double.NaN;
    }
    reloadedAt = end;
    return end;
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
