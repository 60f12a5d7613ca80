package dev.oolong.manifest;

/**
 * Live latency control: the playback rate that brings the latency back to its target, within a
 * small band ({@link #MAX_RATE}), or a jump when playback is too far behind for the rate to catch
 * up soon. Slowing down is allowed too ({@link #MIN_RATE}), when playback is ahead of the target
 * (close to the live edge, where a stall is near). Within {@link #TOLERANCE_US} of the target the
 * rate is 1 (no audible change for small errors).
 */
public final class CatchUp {
  public static final double MAX_RATE = 1.1;
  public static final double MIN_RATE = 0.95;
  /** Latency errors smaller than this are left alone (µs). */
  public static final long TOLERANCE_US = 150_000;
  /** Behind by more than this (µs) past the target, playback jumps instead. */
  public static final long JUMP_AFTER_US = 6_000_000;
  /** The rate grows by this per second of error (so 1 s behind → 1.05×). */
  static final double GAIN_PER_S = 0.05;

  /** A decision: a playback rate, or a jump to the target latency behind the live edge. */
  public record Decision(double rate, boolean jump) {}

  private CatchUp() {}

  /**
   * What to do at {@code latencyUs} from the live edge with {@code targetUs} wanted, and {@code
   * bufferedUs} of media ahead of the playhead (a faster rate with little buffered would stall:
   * it is allowed only with at least {@code 2 × TOLERANCE_US} ahead).
   */
  public static Decision decide(long latencyUs, long targetUs, long bufferedUs) {
    long error = latencyUs - targetUs;
    if (error > JUMP_AFTER_US) {
      return new Decision(1, true);
    }
    if (Math.abs(error) <= TOLERANCE_US) {
      return new Decision(1, false);
    }
    double rate = 1 + GAIN_PER_S * error / 1e6;
    if (rate > 1 && bufferedUs < 2 * TOLERANCE_US) {
      return new Decision(1, false);
    }
    return new Decision(Math.max(MIN_RATE, Math.min(MAX_RATE, rate)), false);
  }
}
