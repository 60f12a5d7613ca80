package dev.oolong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefreshMeterTest {
  @Test
  void sixtyHertzUntilMeasured() {
    RefreshMeter m = new RefreshMeter();
    assertThat(m.intervalUs()).isEqualTo(RefreshMeter.DEFAULT_US);
    m.refreshed(0);
    m.refreshed(8_333);
    m.refreshed(16_666);
    assertThat(m.intervalUs()).as("two gaps are not enough").isEqualTo(RefreshMeter.DEFAULT_US);
  }

  @Test
  void aSteadyRateIsMeasured() {
    RefreshMeter m = new RefreshMeter();
    for (int i = 0; i < 20; i++) {
      m.refreshed(1_000_000 + i * 8_333L); // 120 Hz
    }
    assertThat(m.intervalUs()).isEqualTo(8_333);
  }

  @Test
  void skippedRefreshesDoNotLengthenTheInterval() {
    RefreshMeter m = new RefreshMeter();
    long t = 0;
    // A busy machine: half the refreshes come one or two intervals late.
    for (int i = 0; i < 64; i++) {
      t += (i % 2 == 0 ? 16_667 : (i % 4 == 1 ? 33_333 : 50_000));
      m.refreshed(t);
    }
    assertThat(m.intervalUs()).isEqualTo(16_667);
  }

  @Test
  void stallsAreIgnoredAndTheIntervalIsBounded() {
    RefreshMeter m = new RefreshMeter();
    long t = 0;
    for (int i = 0; i < 10; i++) {
      t += 16_667;
      m.refreshed(t);
      t += 1_000_000; // the page was hidden: no refreshes for a second
      m.refreshed(t);
    }
    assertThat(m.intervalUs()).isEqualTo(16_667);
    RefreshMeter slow = new RefreshMeter();
    RefreshMeter fast = new RefreshMeter();
    for (int i = 0; i < 40; i++) {
      slow.refreshed(i * 100_000L); // 10 Hz: the worker's refreshes, not the display's
      fast.refreshed(i * 1_000L);
    }
    assertThat(slow.intervalUs()).isEqualTo(RefreshMeter.MAX_US);
    assertThat(fast.intervalUs()).isEqualTo(RefreshMeter.MIN_US);
  }
}
