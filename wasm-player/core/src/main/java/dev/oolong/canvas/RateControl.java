package dev.oolong.canvas;

import dev.oolong.audio.AudioRenderer;
import dev.oolong.player.LiveCatchUp;
import dev.oolong.player.Pipeline;
import dev.oolong.sync.MediaClock;

/**
 * The canvas path's playback rate: the user's (what {@code playbackRate} reads), times the live
 * catch-up's factor while the user's is 1 ({@link LiveCatchUp}), applied to the clock and to the
 * sound.
 */
final class RateControl {
  private final MediaClock clock;
  private final LiveCatchUp catchUp = new LiveCatchUp();
  private double userRate = 1;
  private AudioRenderer audio;

  RateControl(MediaClock clock) {
    this.clock = clock;
  }

  /** The user's rate, clamped as the clock clamps it; returns the rate applied. */
  double set(double rate) {
    userRate = clock.setRate(rate);
    apply();
    return userRate;
  }

  /** The user's rate. */
  double user() {
    return userRate;
  }

  /** The sound's renderer follows the rate (null: none). */
  void audio(AudioRenderer renderer) {
    audio = renderer;
    if (renderer != null) {
      renderer.setSpeed(clock.rate());
    }
  }

  /** While playing: the catch-up decides again (every half second) on the pipeline's latency. */
  void tick(Pipeline pipeline, long positionUs, long nowEpochMs, long nowUs) {
    long ahead = pipeline == null ? 0 : pipeline.queues().durationUs();
    if (catchUp.update(pipeline, positionUs, nowEpochMs, ahead, nowUs)) {
      apply();
    }
  }

  private void apply() {
    double applied = clock.setRate(catchUp.effectiveRate(userRate));
    if (audio != null) {
      audio.setSpeed(applied);
    }
  }
}
