package dev.oolong.abr;

/**
 * The network's throughput from the downloads a player makes: two exponentially weighted moving
 * averages of the bits per second of each download, weighted by its duration (a download of two
 * seconds counts as much as two of one second), one with a short half-life that reacts to a drop
 * and one with a long half-life that does not chase noise. The estimate is the lower of the two:
 * quick to go down, slow to go up.
 *
 * <p>Downloads too small to measure the network (under {@link #MIN_BYTES}, where latency rather
 * than bandwidth sets the time) are ignored. Until enough was measured the estimate is the
 * configured default.
 */
public final class ThroughputEstimator {
  /** Smaller downloads are not counted (bytes). */
  public static final long MIN_BYTES = 16_000;
  /** The fast and slow half-lives (seconds of download time). */
  public static final double FAST_HALF_LIFE_S = 3;
  public static final double SLOW_HALF_LIFE_S = 9;
  /** Download time to measure before the averages replace the default (seconds). */
  static final double WARM_UP_S = 0.5;

  private final Ewma fast = new Ewma(FAST_HALF_LIFE_S);
  private final Ewma slow = new Ewma(SLOW_HALF_LIFE_S);
  private double defaultBps;

  /** An estimator that answers {@code defaultBps} until it measured enough. */
  public ThroughputEstimator(double defaultBps) {
    this.defaultBps = defaultBps;
  }

  /** Counts a download of {@code bytes} that took {@code seconds} (from its first to its last byte). */
  public void sample(long bytes, double seconds) {
    if (bytes < MIN_BYTES || !(seconds > 0) || Double.isInfinite(seconds)) {
      return;
    }
    double bps = bytes * 8 / seconds;
    fast.add(seconds, bps);
    slow.add(seconds, bps);
  }

  /** The estimated throughput (bits per second). */
  public double estimateBps() {
    if (fast.weight() < WARM_UP_S) {
      return defaultBps;
    }
    return Math.min(fast.value(), slow.value());
  }

  /** Replaces the default answered before anything was measured. */
  public void setDefault(double bps) {
    defaultBps = bps;
  }

  /** Whether anything was measured yet. */
  public boolean measured() {
    return fast.weight() >= WARM_UP_S;
  }

  /** A duration-weighted moving average with a half-life, corrected for its zero start. */
  static final class Ewma {
    private final double alphaPerSecond;
    private double estimate;
    private double weight;

    Ewma(double halfLifeS) {
      this.alphaPerSecond = Math.exp(Math.log(0.5) / halfLifeS);
    }

    void add(double seconds, double value) {
      double alpha = Math.pow(alphaPerSecond, seconds);
      estimate = value * (1 - alpha) + alpha * estimate;
      weight += seconds;
    }

    /** The average, divided by what its zero start still weighs in it. */
    double value() {
      double zeroFactor = 1 - Math.pow(alphaPerSecond, weight);
      return zeroFactor <= 0 ? 0 : estimate / zeroFactor;
    }

    double weight() {
      return weight;
    }
  }
}
