package dev.oolong.media;

import dev.oolong.C;

/** Time unit conversions, exact for any realistic input (no overflow, no floating point). */
public final class Times {
  private Times() {}

  /**
   * {@code ticks} of a {@code timescale} Hz clock in µs, rounded to the nearest microsecond (half
   * away from zero), which is how ffprobe prints times.
   */
  public static long ticksToUs(long ticks, long timescale) {
    if (timescale <= 0) {
      throw new IllegalArgumentException("timescale " + timescale);
    }
    if (timescale == C.MICROS_PER_SECOND) {
      return ticks;
    }
    long whole = ticks / timescale;
    long rest = ticks % timescale;
    long scaled = rest * C.MICROS_PER_SECOND;
    long us = scaled / timescale;
    long remainder = Math.abs(scaled % timescale);
    if (2 * remainder >= timescale) {
      us += scaled < 0 ? -1 : 1;
    }
    return whole * C.MICROS_PER_SECOND + us;
  }
}
