package dev.oolong.abr;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the level (rendition) of the next segment from the throughput estimate and the buffer.
 *
 * <ul>
 *   <li><b>Throughput rule</b> while the buffer is short (start-up, after a seek, low-latency
 *       live): the highest level whose bit rate (times the playback rate) fits in {@link
 *       #SAFETY} of the estimate. Hysteresis: going up needs {@link #UP_SAFETY} of the estimate,
 *       staying needs the whole of it.
 *   <li><b>Buffer rule</b> (BOLA-like) once the buffer reaches {@link #BUFFER_RULE_FROM_S}, until
 *       it falls under {@link #THROUGHPUT_RULE_BELOW_S}: each level scores {@code (V·(u + γ) −
 *       Q) / bitrate}, {@code u} its utility (log of its bit rate against the lowest), {@code Q}
 *       the buffer; {@code V} and {@code γ} set so that the lowest level is chosen at {@link
 *       #MIN_BUFFER_S} and the highest at {@link #TOP_AT} of the buffer target. It never goes up past what the
 *       throughput sustains (only down on its own).
 *   <li><b>No stall</b>: the next segment is loaded at a level that loads, at the estimate,
 *       within {@link #LOAD_SHARE} of the buffer (lower levels otherwise, in either rule).
 *   <li><b>Size cap</b>: levels larger than needed for the rendered size are left out (the
 *       smallest level covering the view, as players cap to the player's size).
 * </ul>
 * Levels are given lowest bit rate first. The controller only decides; the loader acts.
 */
public final class AbrController {
  public static final double SAFETY = 0.9;
  public static final double UP_SAFETY = 0.8;
  public static final double MIN_BUFFER_S = 10;
  public static final double BUFFER_RULE_FROM_S = 10;
  public static final double THROUGHPUT_RULE_BELOW_S = 6;
  /** The share of the buffer a segment's load may take at the estimate. */
  static final double LOAD_SHARE = 0.5;
  /** The share of the buffer target at which the buffer rule chooses the highest level. */
  static final double TOP_AT = 0.7;

  /** One level: its bit rate (bits per second, peak or average as the manifest gives) and picture size. */
  public record Level(long bitrate, int width, int height) {}

  /**
   * What a decision is made from.
   *
   * @param bufferS media buffered ahead of the playhead (seconds)
   * @param segmentS the next segment's duration (seconds)
   * @param current the level playing now (its index), or -1 at the start
   * @param viewWidth the rendered width in device pixels (0: no cap)
   * @param viewHeight the rendered height in device pixels (0: no cap)
   * @param rate the playback rate
   */
  public record Situation(double bufferS, double segmentS, int current, int viewWidth, int viewHeight, double rate) {}

  private final List<Level> levels;
  private final double bufferTargetS;
  private final ThroughputEstimator estimator;
  private boolean bufferRule;
  /**
   * Buffer the buffer rule counts beyond the real one (seconds): set as it takes over so that it
   * goes on at the level the throughput rule reached, used up as the real buffer grows.
   */
  private double placeholderS;
  private double lastBufferS;
  private final double[] utility;
  private final double gamma;
  private final double v;

  /**
   * @param levels the levels, lowest bit rate first (at least one)
   * @param bufferTargetS the buffer the loader fills to (the buffer rule is used only when it is
   *     at least twice {@link #MIN_BUFFER_S}: not for low-latency live)
   */
  public AbrController(List<Level> levels, double bufferTargetS, ThroughputEstimator estimator) {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("no level");
    }
    for (int i = 1; i < levels.size(); i++) {
      if (levels.get(i).bitrate() < levels.get(i - 1).bitrate()) {
        throw new IllegalArgumentException("levels must be ordered by bit rate");
      }
    }
    this.levels = new ArrayList<>(levels);
    this.bufferTargetS = bufferTargetS;
    this.estimator = estimator;
    utility = new double[levels.size()];
    double low = Math.max(1, levels.get(0).bitrate());
    for (int i = 0; i < utility.length; i++) {
      utility[i] = Math.log(Math.max(1, levels.get(i).bitrate()) / low) + 1;
    }
    double top = utility[utility.length - 1];
    // The highest level at TOP_AT of the target: the loader holds once the target is buffered,
    // so the buffer moves below it (by up to a segment) and would rarely reach the target itself
    double topAtS = Math.max(2 * MIN_BUFFER_S, TOP_AT * bufferTargetS);
    boolean usable = bufferTargetS >= 2 * MIN_BUFFER_S && top > 1;
    gamma = usable ? (top - 1) / (topAtS / MIN_BUFFER_S - 1) : 0;
    v = usable ? MIN_BUFFER_S / gamma : 0;
  }

  /** The estimator the loader feeds. */
  public ThroughputEstimator estimator() {
    return estimator;
  }

  /** Whether the buffer rule decides now (else the throughput rule). */
  public boolean bufferRule() {
    return bufferRule;
  }

  /** The level for the next segment. */
  public int choose(Situation s) {
    int cap = cap(s.viewWidth(), s.viewHeight());
    double rate = s.rate() > 0 ? s.rate() : 1;
    double estimate = estimator.estimateBps() / rate;
    int current = Math.min(s.current(), cap);
    if (v > 0 && !bufferRule && s.bufferS() >= BUFFER_RULE_FROM_S) {
      bufferRule = true;
      placeholderS = current < 0 ? 0 : Math.max(0, lowestBufferFor(current) - s.bufferS());
    } else if (v <= 0 || s.bufferS() < THROUGHPUT_RULE_BELOW_S) {
      bufferRule = false;
      placeholderS = 0;
    } else if (s.bufferS() > lastBufferS) {
      placeholderS = Math.max(0, placeholderS - (s.bufferS() - lastBufferS));
    }
    lastBufferS = s.bufferS();
    int byThroughput = byThroughput(estimate, current, cap);
    int choice;
    if (bufferRule) {
      int byBuffer = byBuffer(s.bufferS() + placeholderS, cap);
      choice = byBuffer > current && current >= 0 ? Math.min(byBuffer, Math.max(current, byThroughput)) : byBuffer;
    } else {
      choice = byThroughput;
    }
    // No stall: the next segment must load, at the estimate, within half the buffer (the other
    // half for the network getting worse while it loads)
    if (current >= 0) {
      while (choice > 0 && loadSeconds(choice, s.segmentS(), estimate) >= s.bufferS() * LOAD_SHARE) {
        choice--;
      }
    }
    return Math.max(0, choice);
  }

  /** Seconds the next segment at {@code level} takes to load at {@code estimate}. */
  private double loadSeconds(int level, double segmentS, double estimate) {
    return estimate <= 0 ? Double.POSITIVE_INFINITY : levels.get(level).bitrate() * segmentS / estimate;
  }

  private int byThroughput(double estimate, int current, int cap) {
    int up = 0;
    for (int i = 0; i <= cap; i++) {
      if (levels.get(i).bitrate() <= estimate * UP_SAFETY) {
        up = i;
      }
    }
    if (current < 0) {
      return highestWithin(estimate * SAFETY, cap); // the start: no level to hold on to
    }
    if (up > current) {
      return up;
    }
    if (levels.get(current).bitrate() <= estimate) {
      return current; // within the band: stay
    }
    return highestWithin(estimate * SAFETY, cap);
  }

  private int highestWithin(double bps, int cap) {
    int best = 0;
    for (int i = 0; i <= cap; i++) {
      if (levels.get(i).bitrate() <= bps) {
        best = i;
      }
    }
    return best;
  }

  /** The buffer from which the buffer rule chooses {@code level} or higher (seconds). */
  private double lowestBufferFor(int level) {
    if (level <= 0) {
      return 0;
    }
    // Where the scores of level and level - 1 meet
    double b0 = Math.max(1, levels.get(level - 1).bitrate());
    double b1 = Math.max(1, levels.get(level).bitrate());
    if (b1 == b0) {
      return lowestBufferFor(level - 1);
    }
    return MIN_BUFFER_S + v * (utility[level] * b0 - utility[level - 1] * b1) / (b0 - b1);
  }

  private int byBuffer(double bufferS, int cap) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= cap; i++) {
      double score = (v * (utility[i] + gamma) - bufferS) / Math.max(1, levels.get(i).bitrate());
      if (score >= bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /** The highest level worth loading for a view of {@code w×h}: the smallest that covers it. */
  int cap(int w, int h) {
    int last = levels.size() - 1;
    if (w <= 0 || h <= 0) {
      return last;
    }
    for (int i = 0; i <= last; i++) {
      Level l = levels.get(i);
      if (l.width() <= 0 || l.height() <= 0) {
        return last; // sizes not given: no cap
      }
      if (l.width() >= w && l.height() >= h) {
        // the smallest covering level (levels of equal size: the highest of them)
        int j = i;
        while (j + 1 <= last && levels.get(j + 1).width() == l.width() && levels.get(j + 1).height() == l.height()) {
          j++;
        }
        return j;
      }
    }
    return last;
  }
}
