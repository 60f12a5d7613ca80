package dev.oolong.sync;

import dev.oolong.util.Clock;
import dev.oolong.C;

/**
 * The playback position. While audio plays, the audio is master: the position is what the audio
 * renderer reports as heard now ({@link AudioSource}); otherwise (no audio track, audio ended or
 * starved, not started yet after a seek) the wall clock carries it on from the last position,
 * scaled by the playback rate. Switching either way never makes the position jump back: the wall
 * clock is re-anchored at every audio reading, and a reading behind the position already given
 * out (an audio start that lags the video) holds the position until the audio catches up.
 */
public final class MediaClock {
  /** The lowest and highest playback rates. */
  public static final double MIN_RATE = 0.25;
  public static final double MAX_RATE = 4;

  /** The audio renderer's view of the position. */
  public interface AudioSource {
    /**
     * The media time being heard now, or {@link C#TIME_UNSET} when audio is not playing (not
     * started, ended, starved).
     */
    long positionUs();
  }

  private final Clock wall;
  private AudioSource audio;
  private boolean playing;
  private double rate = 1;
  /** Media time at {@link #anchorWallUs}. */
  private long anchorMediaUs;
  private long anchorWallUs;
  private boolean audioMaster;
  /** The last position given out: never returned lower while playing on. */
  private long lastUs;

  public MediaClock(Clock wall) {
    this.wall = wall;
    this.anchorWallUs = wall.nowUs();
  }

  /** The audio track's renderer, or null when there is none (the wall clock is then master). */
  public void setAudio(AudioSource audio) {
    this.audio = audio;
  }

  /** Starts (or resumes) the clock from where it stands. */
  public void play() {
    if (!playing) {
      anchorWallUs = wall.nowUs();
      playing = true;
    }
  }

  /** Stops the clock where it stands. */
  public void pause() {
    if (playing) {
      anchorMediaUs = positionUs();
      playing = false;
      audioMaster = false;
    }
  }

  public boolean isPlaying() {
    return playing;
  }

  /** A seek: the position is {@code targetUs}, the audio master until audio plays again. */
  public void seek(long targetUs) {
    anchorMediaUs = targetUs;
    anchorWallUs = wall.nowUs();
    lastUs = targetUs;
    audioMaster = false;
  }

  /**
   * The playback rate, clamped to [{@link #MIN_RATE}, {@link #MAX_RATE}]; the wall clock is
   * re-anchored so the position goes on from where it is. Returns the rate applied.
   */
  public double setRate(double requested) {
    double r = Double.isNaN(requested) ? 1 : Math.max(MIN_RATE, Math.min(MAX_RATE, requested));
    anchorMediaUs = positionUs();
    anchorWallUs = wall.nowUs();
    rate = r;
    return r;
  }

  public double rate() {
    return rate;
  }

  /** Whether the position currently comes from the audio. */
  public boolean audioMaster() {
    return audioMaster;
  }

  /** The position now (µs of media time). */
  public long positionUs() {
    if (!playing) {
      return anchorMediaUs;
    }
    long now = wall.nowUs();
    long heard = audio == null ? C.TIME_UNSET : audio.positionUs();
    long position;
    if (heard != C.TIME_UNSET) {
      audioMaster = true;
      position = Math.max(heard, lastUs);
      anchorMediaUs = position;
      anchorWallUs = now;
    } else {
      audioMaster = false;
      position = anchorMediaUs + Math.round((now - anchorWallUs) * rate);
    }
    lastUs = Math.max(lastUs, position);
    return lastUs;
  }
}
