package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The page-side sampler's analysis on hand-made samples (no browser). */
class FramePacingTest {
  private static JsonNode samples(double[][] s) throws Exception {
    return Manifests.JSON.valueToTree(s);
  }

  @Test
  void steadyThirtyFramesASecondAtSixtyRefreshesIsClean() throws Exception {
    double[][] s = new double[120][];
    for (int i = 0; i < 120; i++) {
      s[i] = new double[] {i * 1000.0 / 60, i / 2};
    }
    FramePacing.Result r = FramePacing.analyse(samples(s), 30);
    assertThat(r.shown()).isEqualTo(60);
    assertThat(r.skipped()).isZero();
    assertThat(r.repeated()).isZero();
    assertThat(r.stallMs()).isZero();
    assertThat(r.presentedPerSecond()).isCloseTo(30, org.assertj.core.data.Offset.offset(0.6));
  }

  @Test
  void skipsHoldsStallsAndBackwardsAreCounted() throws Exception {
    // frames 0, 1, 3 (one skipped), 3 held 200 ms, then 2 (backwards), an unreadable sample
    double[][] s = {{0, 0}, {33, 1}, {66, 3}, {100, 3}, {266, 2}, {300, -1}, {333, 4}};
    FramePacing.Result r = FramePacing.analyse(samples(s), 30);
    assertThat(r.shown()).isEqualTo(5);
    assertThat(r.skipped()).isEqualTo(2); // frame 2 between 1 and 3, frame 3 between 2 and 4
    assertThat(r.backwards()).isEqualTo(1);
    assertThat(r.unreadable()).isEqualTo(1);
    assertThat(r.repeated()).isEqualTo(2); // frame 3 held 200 ms, frame 2 held 67 ms
    assertThat(r.longestHoldMs()).isEqualTo(200.0);
    assertThat(r.stallMs()).isCloseTo(200 - 33.333 + 67 - 33.333, org.assertj.core.data.Offset.offset(0.01));
  }
}
