package dev.oolong.extractor;

/**
 * Refines a seek in an input without an index. The time of the first sync sample (key frame, or
 * any audio frame) found after a byte position grows with the position; the seeker looks for the
 * last position whose first sync sample is at or before the target, keeping an interval {@code
 * [low, high)} with {@code time(low) <= target < time(high)} and probing inside it — by
 * interpolation from the times at its ends (or the bitrate estimate while the upper time is
 * unknown), every other probe by plain bisection so the interval at least halves every two
 * probes. It stops when the interval is narrower than {@code minInterval} (chosen smaller than
 * the distance between two sync samples, so no later sync sample at or before the target can
 * hide in it) or after {@link #MAX_PROBES} probes.
 */
public final class BinarySearchSeeker {
  /** A probe that reached the end of the input (or its byte budget) without a sync sample. */
  public static final long NO_SYNC = Long.MAX_VALUE;
  static final int MAX_PROBES = 64;

  private final long targetUs;
  private final double bytesPerUs;
  private final long minInterval;
  private final long align;
  private long lowPosition;
  private long lowTimeUs;
  private long highPosition;
  private long highTimeUs;
  private int probes;

  /**
   * @param low a position whose first sync sample is at {@code lowTimeUs <= targetUs}
   * @param high a position at or after which no sync sample is at or before the target (the
   *     input's length at first)
   * @param bytesPerUs the bitrate estimate, used while the upper end's time is unknown
   * @param align probes are rounded down to a multiple of this (188 for MPEG-TS, else 1)
   */
  public BinarySearchSeeker(long targetUs, long low, long lowTimeUs, long high,
      double bytesPerUs, long minInterval, long align) {
    this.targetUs = targetUs;
    this.lowPosition = low;
    this.lowTimeUs = lowTimeUs;
    this.highPosition = high;
    this.highTimeUs = NO_SYNC;
    this.bytesPerUs = bytesPerUs > 0 ? bytesPerUs : 1;
    this.minInterval = Math.max(1, minInterval);
    this.align = Math.max(1, align);
  }

  /** The next position to probe, or -1 when the search is over ({@link #result()}). */
  public long nextProbe() {
    if (highPosition - lowPosition <= minInterval || probes >= MAX_PROBES) {
      return -1;
    }
    long estimate;
    if (probes % 2 == 1) {
      estimate = lowPosition + (highPosition - lowPosition) / 2;
    } else if (highTimeUs != NO_SYNC && highTimeUs > lowTimeUs) {
      double f = (double) (targetUs - lowTimeUs) / (highTimeUs - lowTimeUs);
      estimate = lowPosition + (long) (f * (highPosition - lowPosition));
    } else {
      estimate = lowPosition + (long) ((targetUs - lowTimeUs) * bytesPerUs);
    }
    long min = lowPosition + Math.max(1, minInterval / 2);
    long max = highPosition - Math.max(1, minInterval / 2);
    long p = Math.max(min, Math.min(max, estimate));
    p -= Math.floorMod(p, align);
    if (p <= lowPosition) {
      p = lowPosition + align;
    }
    if (p >= highPosition) {
      return -1;
    }
    probes++;
    return p;
  }

  /** What a probe at {@code position} found: the first sync sample's time, or {@link #NO_SYNC}. */
  public void onProbe(long position, long syncTimeUs) {
    if (syncTimeUs != NO_SYNC && syncTimeUs <= targetUs) {
      lowPosition = position;
      lowTimeUs = syncTimeUs;
    } else {
      highPosition = position;
      highTimeUs = syncTimeUs;
    }
  }

  /** Where to resume: the last probed position whose first sync sample is at or before the target. */
  public long result() {
    return lowPosition;
  }

  public long targetUs() {
    return targetUs;
  }

  /** Probes made so far. */
  public int probes() {
    return probes;
  }
}
