package dev.oolong.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.C;
import org.junit.jupiter.api.Test;

class MediaClockTest {
  private final FakeClock wall = new FakeClock();
  private final MediaClock clock = new MediaClock(wall);

  @Test
  void withoutAudioTheWallClockIsMasterScaledByTheRate() {
    clock.seek(5_000_000);
    wall.advanceMs(100);
    assertThat(clock.positionUs()).as("paused: stands").isEqualTo(5_000_000);
    clock.play();
    wall.advanceMs(100);
    assertThat(clock.positionUs()).isEqualTo(5_100_000);
    assertThat(clock.audioMaster()).isFalse();
    assertThat(clock.setRate(2)).isEqualTo(2);
    wall.advanceMs(100);
    assertThat(clock.positionUs()).isEqualTo(5_300_000);
    clock.pause();
    wall.advanceMs(500);
    assertThat(clock.positionUs()).isEqualTo(5_300_000);
    clock.play();
    wall.advanceMs(50);
    assertThat(clock.positionUs()).isEqualTo(5_400_000);
  }

  @Test
  void ratesAreClamped() {
    assertThat(clock.setRate(10)).isEqualTo(MediaClock.MAX_RATE);
    assertThat(clock.setRate(0)).isEqualTo(MediaClock.MIN_RATE);
    assertThat(clock.setRate(Double.NaN)).isEqualTo(1);
  }

  @Test
  void audioIsMasterWhileItPlaysAndTheWallCarriesOnWhenItEnds() {
    long[] heard = {C.TIME_UNSET};
    clock.setAudio(() -> heard[0]);
    clock.seek(0);
    clock.play();
    wall.advanceMs(20);
    assertThat(clock.positionUs()).as("audio not started: the wall").isEqualTo(20_000);
    heard[0] = 30_000; // the audio runs slightly ahead of the wall: it wins
    wall.advanceMs(10);
    assertThat(clock.positionUs()).isEqualTo(30_000);
    assertThat(clock.audioMaster()).isTrue();
    heard[0] = 1_000_000;
    wall.advanceMs(970);
    assertThat(clock.positionUs()).isEqualTo(1_000_000);
    // The audio track ends: the wall goes on from the last audio reading, without a jump.
    heard[0] = C.TIME_UNSET;
    wall.advanceMs(40);
    assertThat(clock.positionUs()).isEqualTo(1_040_000);
    assertThat(clock.audioMaster()).isFalse();
  }

  @Test
  void anAudioReadingBehindThePositionHoldsItInsteadOfGoingBack() {
    long[] heard = {C.TIME_UNSET};
    clock.setAudio(() -> heard[0]);
    clock.seek(2_000_000);
    clock.play();
    wall.advanceMs(50);
    assertThat(clock.positionUs()).isEqualTo(2_050_000);
    heard[0] = 2_010_000; // the audio starts late (output latency): the video waits for it
    wall.advanceMs(10);
    assertThat(clock.positionUs()).isEqualTo(2_050_000);
    heard[0] = 2_070_000;
    wall.advanceMs(10);
    assertThat(clock.positionUs()).isEqualTo(2_070_000);
  }

  @Test
  void aSeekMovesThePositionEvenBackwards() {
    clock.seek(10_000_000);
    clock.play();
    wall.advanceMs(100);
    assertThat(clock.positionUs()).isEqualTo(10_100_000);
    clock.seek(1_000_000);
    assertThat(clock.positionUs()).isEqualTo(1_000_000);
    wall.advanceMs(100);
    assertThat(clock.positionUs()).isEqualTo(1_100_000);
  }
}
