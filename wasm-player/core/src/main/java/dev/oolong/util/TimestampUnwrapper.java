package dev.oolong.util;

/**
 * Unwraps a clock that wraps around (MPEG-TS PTS/DTS: 33 bits of 90 kHz, about 26.5 hours):
 * each value is placed in the wrap period that brings it nearest to the previous one, so a wrap
 * shows as continuing time instead of a jump back.
 */
public final class TimestampUnwrapper {
  private final long period;
  private long last = Long.MIN_VALUE;

  /** @param bits the width of the wrapping counter (33 for MPEG-TS) */
  public TimestampUnwrapper(int bits) {
    this.period = 1L << bits;
  }

  public long unwrap(long wrapped) {
    long v = wrapped & (period - 1);
    if (last == Long.MIN_VALUE) {
      last = v;
      return v;
    }
    long base = last - Math.floorMod(last, period);
    long best = base + v;
    for (long candidate : new long[] {best - period, best + period}) {
      if (Math.abs(candidate - last) < Math.abs(best - last)) {
        best = candidate;
      }
    }
    last = best;
    return best;
  }
}
