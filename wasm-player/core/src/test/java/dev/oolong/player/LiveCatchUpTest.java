package dev.oolong.player;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.C;
import org.junit.jupiter.api.Test;

/** The live catch-up's cadence, band and the user's rate left alone. */
class LiveCatchUpTest {
  @Test
  void behindItSpeedsUpAheadItSlowsDownWithinTheBandAndNearTheTargetItPlaysAtOne() {
    LiveCatchUp c = new LiveCatchUp();
    assertThat(c.update(7_000_000, 6_000_000, 5_000_000, 0)).isTrue();
    assertThat(c.factor()).isCloseTo(1.05, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.update(20_000_000, 6_000_000, 5_000_000, 100_000)).as("within half a second: no decision").isFalse();
    assertThat(c.update(9_000_000, 6_000_000, 5_000_000, 600_000)).isTrue();
    assertThat(c.factor()).isEqualTo(1.1); // 1.15 clamped to the band
    c.update(5_000_000, 6_000_000, 5_000_000, 1_200_000);
    assertThat(c.factor()).isEqualTo(0.95);
    c.update(6_100_000, 6_000_000, 5_000_000, 1_800_000);
    assertThat(c.factor()).isEqualTo(1);
    // too little ahead to go faster; and no latency (not live): 1
    c.update(8_000_000, 6_000_000, 100_000, 2_400_000);
    assertThat(c.factor()).isEqualTo(1);
    c.update(C.TIME_UNSET, 6_000_000, 5_000_000, 3_000_000);
    assertThat(c.factor()).isEqualTo(1);
  }

  @Test
  void aRateTheUserChoseIsLeftAlone() {
    LiveCatchUp c = new LiveCatchUp();
    c.update(8_000_000, 6_000_000, 5_000_000, 0);
    assertThat(c.effectiveRate(1)).isEqualTo(1.1);
    assertThat(c.effectiveRate(2)).isEqualTo(2);
    assertThat(c.effectiveRate(0.5)).isEqualTo(0.5);
  }
}
