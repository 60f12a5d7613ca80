package dev.oolong.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.C;
import org.junit.jupiter.api.Test;

class MediaEndTest {
  @Test
  void theLatestPresentationTimePlusAFrameWithBFrames() {
    MediaEnd end = new MediaEnd(2);
    assertThat(end.endUs()).isEqualTo(C.TIME_UNSET);
    // Decode order I P B B: presentation 0, 100, 33, 66 (decode step 33,333).
    long[][] video = {{0, -66_667}, {100_000, -33_333}, {33_333, 0}, {66_667, 33_333}};
    for (long[] v : video) {
      end.sample(0, v[0], v[1]);
    }
    assertThat(end.endUs()).isBetween(100_000L + 33_333, 100_000L + 33_334);
    end.sample(1, 120_000, 120_000);
    end.sample(1, 141_333, 141_333);
    assertThat(end.endUs()).as("the audio runs longer").isEqualTo(141_333 + 21_333);
    end.sample(1, C.TIME_UNSET, C.TIME_UNSET);
    assertThat(end.endUs()).isEqualTo(162_666);
  }

  /**
   * Matroska video has no decode times: the "decode time" repeats the presentation time, in
   * decode order (with a B-pyramid: I0 P3 B2 B1 P6 B5 B4). The last step (B5 to B4) is one frame
   * back, a P's is several forward: the frame is the smallest step.
   */
  @Test
  void withoutDecodeTimesTheFrameIsTheSmallestStep() {
    MediaEnd end = new MediaEnd(1);
    long f = 33_333;
    for (long i : new long[] {0, 3, 2, 1, 6, 5, 4}) {
      end.sample(0, i * f, i * f);
    }
    assertThat(end.endUs()).isEqualTo(6 * f + f);
  }
}
