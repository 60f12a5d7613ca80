package dev.oolong.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oolong.C;
import org.junit.jupiter.api.Test;

class AudioPlayheadTest {
  @Test
  void thePlayedCounterMapsToTheMediaTimeOfWhatWasWritten() {
    AudioPlayhead p = new AudioPlayhead(48_000);
    assertThat(p.positionUs(0)).isEqualTo(C.TIME_UNSET);
    // 1 s of audio from 10 s, in 1024-frame chunks that follow on.
    long pts = 10_000_000;
    for (int i = 0; i < 47; i++) {
      p.written(pts, 1024, 1);
      pts += Math.round(1024 * 1e6 / 48_000);
    }
    assertThat(p.positionUs(0)).isEqualTo(10_000_000);
    assertThat(p.positionUs(24_000)).isEqualTo(10_500_000);
    // Past what was written (an underrun): the time stops at the end of it.
    assertThat(p.positionUs(1_000_000)).isEqualTo(p.positionUs(p.framesWritten()));
    assertThat(p.starved(p.framesWritten())).isTrue();
    assertThat(p.starved(p.framesWritten() - 1)).isFalse();
  }

  @Test
  void aSeekStartsANewRunOnTheSameCounter() {
    AudioPlayhead p = new AudioPlayhead(48_000);
    p.written(0, 48_000, 1); // [0, 1 s)
    p.written(30_000_000, 48_000, 1); // after a seek to 30 s
    assertThat(p.positionUs(47_999)).isEqualTo(999_979);
    assertThat(p.positionUs(48_000)).isEqualTo(30_000_000);
    assertThat(p.positionUs(72_000)).isEqualTo(30_500_000);
  }

  @Test
  void aRateCountsMediaTimeFasterThanOutputFrames() {
    AudioPlayhead p = new AudioPlayhead(48_000);
    p.written(0, 48_000, 1);
    p.written(1_000_000, 48_000, 2); // the rate changed: 1 s of output is 2 s of media
    assertThat(p.positionUs(48_000 + 24_000)).isEqualTo(2_000_000);
    assertThat(p.positionUs(96_000)).isEqualTo(3_000_000);
  }

  @Test
  void runsAreBounded() {
    AudioPlayhead p = new AudioPlayhead(8_000);
    for (int i = 0; i < 1000; i++) {
      p.written(i * 10_000_000L, 80, 1); // every chunk a new run (a seek each time)
    }
    assertThat(p.positionUs(p.framesWritten() - 80)).isEqualTo(999 * 10_000_000L);
    // The oldest runs are forgotten: a counter that far back reads the oldest run kept.
    assertThat(p.positionUs(0)).isEqualTo((1000 - AudioPlayhead.MAX_RUNS) * 10_000_000L);
    assertThatThrownBy(() -> new AudioPlayhead(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
