package dev.oolong.player;

import dev.oolong.C;
import dev.oolong.manifest.CatchUp;

/**
 * Live latency control, the same on either path: every half second of wall time the latency at
 * the position (from the segments' program date times) is held against the stream's target (its
 * hold-back), and {@link CatchUp} gives the factor by which playback runs faster (at most 1.1×)
 * or slower (at least 0.95×) until the latency is back within 150 ms of the target. A rate the
 * user chose other than 1 is left alone (the factor is then 1 for them to apply, see
 * {@link #effectiveRate}); so is a stream that is not live or has no program date times. Far
 * behind, the decision would be a jump: there is no seeking in a live window yet, so the rate
 * does what it can.
 */
public final class LiveCatchUp {
  /** How often the factor is decided (µs of wall time). */
  public static final long EVERY_US = 500_000;
  private double factor = 1;
  private long lastUs = Long.MIN_VALUE;

  /** The factor in force (1: none). */
  public double factor() {
    return factor;
  }

  /** The rate to play at: the user's, or 1 × the factor when the user's is 1. */
  public double effectiveRate(double userRate) {
    return userRate == 1 ? factor : userRate;
  }

  /**
   * Decides again when half a second has passed since the last decision.
   *
   * @param positionUs the playback position (media time)
   * @param nowEpochMs the wall clock's time of day when the position was read
   * @param aheadUs media ready ahead of the position (a faster rate with too little would stall)
   * @param nowUs a monotonic clock, for the cadence
   * @return whether the factor changed
   */
  public boolean update(Pipeline pipeline, long positionUs, long nowEpochMs, long aheadUs, long nowUs) {
    return update(pipeline == null ? C.TIME_UNSET : pipeline.latencyUs(positionUs, nowEpochMs),
        pipeline == null ? C.TIME_UNSET : pipeline.targetLatencyUs(), aheadUs, nowUs);
  }

  /** {@link #update(Pipeline, long, long, long, long)} with the latency and its target given (or unset). */
  public boolean update(long latency, long target, long aheadUs, long nowUs) {
    if (lastUs != Long.MIN_VALUE && nowUs - lastUs < EVERY_US) {
      return false;
    }
    lastUs = nowUs;
    double next = 1;
    if (latency != C.TIME_UNSET && target != C.TIME_UNSET) {
      next = CatchUp.decide(latency, target, aheadUs).rate();
    }
    boolean changed = next != factor;
    factor = next;
    return changed;
  }
}
