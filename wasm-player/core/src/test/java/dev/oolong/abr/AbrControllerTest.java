package dev.oolong.abr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The ABR rules in a simulated session: segments downloaded over a bandwidth trace (time in,
 * bits per second out), the buffer filled by each segment and drained in real time once playing,
 * the loader idle while the buffer is at its target. What is checked is what a viewer sees:
 * stalls after start-up, how many switches, the level reached.
 */
class AbrControllerTest {
  static final List<AbrController.Level> LADDER = List.of(new AbrController.Level(400_000, 320, 180),
      new AbrController.Level(1_000_000, 640, 360), new AbrController.Level(2_500_000, 1280, 720),
      new AbrController.Level(5_000_000, 1920, 1080));
  static final double SEGMENT_S = 4;
  static final double TARGET_S = 30;

  record Run(int stalls, int switches, int[] levels, double stalledS) {
    int last() {
      return levels[levels.length - 1];
    }
  }

  static Run simulate(DoubleUnaryOperator bps, double mediaS, int viewW, int viewH) {
    ThroughputEstimator e = new ThroughputEstimator(1_000_000);
    AbrController abr = new AbrController(LADDER, TARGET_S, e);
    double t = 0;
    double buffer = 0;
    boolean playing = false;
    int stalls = 0;
    double stalledS = 0;
    int current = -1;
    int switches = 0;
    int segments = (int) (mediaS / SEGMENT_S);
    int[] chosen = new int[segments];
    for (int n = 0; n < segments; n++) {
      while (buffer > TARGET_S - SEGMENT_S) { // idle until there is room for a segment
        t += 0.1;
        buffer -= 0.1;
      }
      int level = abr.choose(new AbrController.Situation(buffer, SEGMENT_S, current, viewW, viewH, 1));
      if (current >= 0 && level != current) {
        switches++;
      }
      current = level;
      chosen[n] = level;
      double bits = LADDER.get(level).bitrate() * SEGMENT_S;
      double start = t;
      boolean stalledNow = false;
      while (bits > 0) {
        double step = 0.01;
        bits -= bps.applyAsDouble(t) * step;
        t += step;
        if (playing) {
          buffer -= step;
          if (buffer <= 0) {
            buffer = 0;
            stalledS += step;
            if (!stalledNow) {
              stalls++;
              stalledNow = true;
            }
          }
        }
      }
      e.sample((long) (LADDER.get(level).bitrate() * SEGMENT_S / 8), t - start);
      buffer += SEGMENT_S;
      playing |= buffer >= SEGMENT_S;
    }
    return new Run(stalls, switches, chosen, stalledS);
  }

  @Test
  void aFastSteadyNetworkReachesTheTopLevelAndStaysThere() {
    Run r = simulate(t -> 8_000_000, 300, 0, 0);
    assertThat(r.stalls()).isZero();
    assertThat(r.last()).isEqualTo(3);
    assertThat(r.switches()).isLessThanOrEqualTo(3);
  }

  @Test
  void aNetworkBetweenTwoLevelsDoesNotOscillate() {
    for (double bw : new double[] {1_300_000, 1_800_000, 2_900_000, 4_000_000}) {
      Run r = simulate(t -> bw, 300, 0, 0);
      assertThat(r.stalls()).as("%s bps", bw).isZero();
      assertThat(r.switches()).as("%s bps: %s", bw, java.util.Arrays.toString(r.levels())).isLessThanOrEqualTo(4);
      // the level held in the end is one the network sustains
      assertThat((double) LADDER.get(r.last()).bitrate()).as("%s bps", bw).isLessThanOrEqualTo(bw);
    }
  }

  @Test
  void aStepDownIsFollowedWithoutAStall() {
    Run r = simulate(t -> t < 60 ? 8_000_000 : 1_200_000, 300, 0, 0);
    assertThat(r.stalls()).as("%s", java.util.Arrays.toString(r.levels())).isZero();
    assertThat(r.last()).isLessThanOrEqualTo(1);
  }

  @Test
  void aStepUpIsFollowed() {
    Run r = simulate(t -> t < 60 ? 800_000 : 8_000_000, 300, 0, 0);
    assertThat(r.stalls()).isZero();
    assertThat(r.last()).isEqualTo(3);
  }

  @Test
  void aSawtoothCausesNoStall() {
    Run r = simulate(t -> (t % 40) < 20 ? 6_000_000 : 900_000, 400, 0, 0);
    assertThat(r.stalls()).as("%s", java.util.Arrays.toString(r.levels())).isZero();
  }

  /** Cellular-like: a seeded random walk (0.6 to 7 Mbps, a new value every 2 s). */
  @Test
  void aRandomWalkCausesNoStallAndFewSwitches() {
    for (long seed = 1; seed <= 5; seed++) {
      java.util.Random r = new java.util.Random(seed);
      double[] steps = new double[400];
      double bw = 3_000_000;
      for (int i = 0; i < steps.length; i++) {
        bw = Math.max(600_000, Math.min(7_000_000, bw * Math.exp(r.nextGaussian() * 0.35)));
        steps[i] = bw;
      }
      Run run = simulate(t -> steps[(int) Math.min(steps.length - 1, t / 2)], 600, 0, 0);
      assertThat(run.stalls()).as("seed %d: %s", seed, java.util.Arrays.toString(run.levels())).isZero();
      assertThat(run.switches()).as("seed %d: %s", seed, java.util.Arrays.toString(run.levels()))
          .isLessThanOrEqualTo(run.levels().length / 4);
      System.out.printf("[abr] random walk %d: %d switches over %d segments, mean level %.2f%n", seed,
          run.switches(), run.levels().length, java.util.Arrays.stream(run.levels()).average().orElse(0));
    }
  }

  @Test
  void levelsAreCappedToTheRenderedSize() {
    Run r = simulate(t -> 8_000_000, 120, 640, 360);
    assertThat(java.util.Arrays.stream(r.levels()).max().getAsInt()).isLessThanOrEqualTo(1);
    assertThat(r.last()).isEqualTo(1);
    Run between = simulate(t -> 8_000_000, 120, 700, 400);
    assertThat(between.last()).as("a view between two sizes takes the level that covers it").isEqualTo(2);
  }

  @Test
  void theEstimatorFollowsDropsFastAndRisesSlowly() {
    ThroughputEstimator e = new ThroughputEstimator(500_000);
    assertThat(e.estimateBps()).isEqualTo(500_000);
    e.sample(1_000, 0.001); // too small to measure the network
    assertThat(e.measured()).isFalse();
    for (int i = 0; i < 10; i++) {
      e.sample(1_000_000, 1); // 8 Mbps
    }
    assertThat(e.estimateBps()).isCloseTo(8_000_000, within(1.0));
    e.sample(250_000, 2); // 1 Mbps for 2 s: the fast average drops most of the way at once
    assertThat(e.estimateBps()).isLessThan(6_000_000);
    ThroughputEstimator up = new ThroughputEstimator(500_000);
    for (int i = 0; i < 10; i++) {
      up.sample(125_000, 1); // 1 Mbps
    }
    up.sample(2_000_000, 2); // 8 Mbps for 2 s: the slow average holds the estimate down
    assertThat(up.estimateBps()).isLessThan(4_000_000);
  }
}
