package dev.oolong.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RingPcmOutputTest {
  private static float[] ramp(int from, int frames, int channels) {
    float[] f = new float[frames * channels];
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++) {
        f[i * channels + c] = from + i + c * 0.5f;
      }
    }
    return f;
  }

  @Test
  void framesComeOutInOrderAcrossTheWrapOfTheRing() {
    ArrayRingMemory m = new ArrayRingMemory(128, 2);
    RingPcmOutput out = new RingPcmOutput(m, 128, 2);
    out.setState(true, false);
    int next = 0;
    int expected = 0;
    for (int round = 0; round < 20; round++) {
      int n = out.freeFrames();
      out.write(ramp(next, n, 2), n);
      next += n;
      for (float v : m.consume(37)) {
        assertThat(v).isEqualTo(expected++);
      }
    }
    assertThat(out.consumed()).isEqualTo(expected);
    assertThat(out.played()).isEqualTo(expected);
    assertThat(out.underruns()).isZero();
  }

  @Test
  void neverOverwritesWhatIsUnplayed() {
    ArrayRingMemory m = new ArrayRingMemory(64, 1);
    RingPcmOutput out = new RingPcmOutput(m, 64, 1);
    out.write(ramp(0, 64, 1), 64);
    assertThat(out.freeFrames()).isZero();
    assertThatThrownBy(() -> out.write(ramp(0, 1, 1), 1)).isInstanceOf(IllegalStateException.class);
    out.setState(true, false);
    m.consume(10);
    assertThat(out.freeFrames()).isEqualTo(10);
  }

  @Test
  void pausedPlaysSilenceAndKeepsItsPlace() {
    ArrayRingMemory m = new ArrayRingMemory(64, 1);
    RingPcmOutput out = new RingPcmOutput(m, 64, 1);
    out.write(ramp(1, 32, 1), 32);
    assertThat(m.consume(16)).containsOnly(0f);
    assertThat(out.consumed()).isZero();
    out.setState(true, false);
    assertThat(m.consume(16)[0]).isEqualTo(1f);
  }

  @Test
  void aDiscardSkipsWhatWasWrittenAndTheRunAfterItPlays() {
    ArrayRingMemory m = new ArrayRingMemory(64, 1);
    RingPcmOutput out = new RingPcmOutput(m, 64, 1);
    out.setState(true, false);
    out.write(ramp(0, 40, 1), 40);
    m.consume(8);
    out.discard();
    assertThat(out.freeFrames()).as("the skipped frames are free at once").isEqualTo(64);
    out.write(ramp(1000, 20, 1), 20);
    assertThat(m.consume(4)[0]).isEqualTo(1000f);
    assertThat(out.consumed()).isEqualTo(44);
    assertThat(out.played()).isEqualTo(12);
  }

  @Test
  void runningDryCountsUnderrunsOnlyBeforeTheEnd() {
    ArrayRingMemory m = new ArrayRingMemory(64, 1);
    RingPcmOutput out = new RingPcmOutput(m, 64, 1);
    out.setState(true, false);
    out.write(ramp(0, 10, 1), 10);
    m.consume(16);
    assertThat(out.underruns()).isEqualTo(1);
    out.setState(true, true);
    m.consume(16);
    assertThat(out.underruns()).isEqualTo(1);
  }

  @Test
  void countersSurviveTheWrapOf32Bits() {
    ArrayRingMemory m = new ArrayRingMemory(64, 1);
    RingPcmOutput out = new RingPcmOutput(m, 64, 1);
    // Pretend 2^32 - 20 frames went by: both counters near the wrap.
    m.header[AudioRingLayout.READ] = -20;
    m.header[AudioRingLayout.WRITE] = -20;
    out.consumed();
    out.setState(true, false);
    // The producer's own count starts at 0, the ring's at -20: write through the wrap.
    long before = out.consumed();
    m.header[AudioRingLayout.READ] = 30; // 50 frames later, past the wrap
    assertThat(out.consumed() - before).isEqualTo(50);
  }

  @Test
  void samplesCrossThe32BitWrapIntoTheSlotsTheConsumerReads() {
    ArrayRingMemory m = new ArrayRingMemory(128, 2);
    long start = (1L << 32) - 130;
    m.header[AudioRingLayout.READ] = (int) start;
    RingPcmOutput out = new RingPcmOutput(m, 128, 2, start);
    out.setState(true, false);
    int next = 0;
    int expected = 0;
    for (int round = 0; round < 10; round++) {
      int n = out.freeFrames();
      out.write(ramp(next, n, 2), n);
      next += n;
      for (float v : m.consume(37)) {
        assertThat(v).isEqualTo(expected++);
      }
    }
    assertThat(out.consumed() - start).isEqualTo(expected);
    assertThat(expected).isGreaterThan(130);
  }

  @Test
  void aCapacityThatIsNotAPowerOfTwoIsRefused() {
    // 100 does not divide 2^32: where the counters wrap, two unplayed frames would share a slot.
    assertThatThrownBy(() -> new RingPcmOutput(new ArrayRingMemory(100, 1), 100, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AudioRingLayout.capacityFor(24_000)).isEqualTo(32_768);
    assertThat(AudioRingLayout.capacityFor(64)).isEqualTo(64);
    assertThat(AudioRingLayout.capacityFor(65)).isEqualTo(128);
  }
}
