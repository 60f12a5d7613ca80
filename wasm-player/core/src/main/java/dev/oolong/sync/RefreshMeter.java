package dev.oolong.sync;

import java.util.Arrays;

/**
 * The display's refresh interval, seen from the refreshes the renderer is called at, and so how
 * far ahead of the clock a frame must be chosen: a frame drawn at one refresh reaches the screen
 * at the next (the compositor takes what was drawn during a refresh for the frame it shows one
 * interval later). Drawing the frame due "now" would show it one interval late, behind the
 * sound.
 *
 * <p>Refreshes that come late (a busy machine skips some) only lengthen the gaps between them,
 * never shorten them, so the interval is a low quantile of the recent gaps, not their mean; it is
 * bounded to {@link #MIN_US}–{@link #MAX_US} (240 Hz to about 30 Hz), and {@link #DEFAULT_US}
 * (60 Hz) until a few refreshes were seen.
 */
public final class RefreshMeter {
  /** The interval assumed before any was measured: 60 Hz. */
  public static final long DEFAULT_US = 16_667;
  /** The shortest interval taken: 240 Hz. */
  public static final long MIN_US = 4_000;
  /** The longest interval taken: a refresh that is later than this is not the display's rate. */
  public static final long MAX_US = 34_000;
  /** Gaps remembered. */
  static final int WINDOW = 32;
  /** Gaps needed before the measured interval replaces the default. */
  static final int MIN_GAPS = 4;
  /** A gap longer than this is a pause in the refreshes (a stalled page), not one interval. */
  static final long STALL_US = 200_000;

  private final long[] gaps = new long[WINDOW];
  private int count;
  private int next;
  private long lastUs = Long.MIN_VALUE;
  private long intervalUs = DEFAULT_US;

  /** A refresh came at {@code nowUs} (the wall clock). */
  public void refreshed(long nowUs) {
    if (lastUs != Long.MIN_VALUE) {
      long gap = nowUs - lastUs;
      if (gap > 0 && gap < STALL_US) {
        gaps[next] = gap;
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
        if (count >= MIN_GAPS) {
          long[] sorted = Arrays.copyOf(gaps, count);
          Arrays.sort(sorted);
          intervalUs = Math.max(MIN_US, Math.min(MAX_US, sorted[count / 4]));
        }
      }
    }
    lastUs = nowUs;
  }

  /** The display's refresh interval (µs of wall time): how long a drawn frame takes to be shown. */
  public long intervalUs() {
    return intervalUs;
  }
}
