package dev.oolong.sync;

import dev.oolong.C;

/**
 * Turns the audio renderer's played-frames counter into media time. The engine writes PCM into
 * the audio ring in runs, each starting at a media time; the worklet counts the frames it has
 * played (output frames, at the output rate) and that count is the master clock. This class
 * keeps where each run starts in the played count, so the media time of what is heard now is
 * its run's start plus the frames played since, scaled by the playback rate.
 *
 * <p>A run starts at the beginning, after a seek or a flush (the counter keeps counting, the
 * media time starts again), and after a hole in the audio. Runs are bounded: only the newest
 * {@link #MAX_RUNS} are kept (the counter never goes back, so older ones are never needed).
 */
public final class AudioPlayhead {
  /** Runs remembered (a run per seek or hole: a handful at a time). */
  static final int MAX_RUNS = 64;

  private final long[] runFrame = new long[MAX_RUNS];
  private final long[] runPtsUs = new long[MAX_RUNS];
  private final double[] runRate = new double[MAX_RUNS];
  private int count;
  private int first;
  private final int outputRate;
  /** Output frames written so far (the counter's value once all of them are played). */
  private long written;

  /** @param outputRate the audio output's sample rate (the {@code AudioContext}'s) */
  public AudioPlayhead(int outputRate) {
    if (outputRate <= 0) {
      throw new IllegalArgumentException("output rate " + outputRate);
    }
    this.outputRate = outputRate;
  }

  public int outputRate() {
    return outputRate;
  }

  /**
   * {@code frames} output frames were written, holding media from {@code ptsUs} on, played at
   * {@code rate} (media seconds per output second). A run starts when the media does not follow
   * on from the run before (a seek, a hole) or the rate changes.
   */
  public void written(long ptsUs, int frames, double rate) {
    if (frames <= 0) {
      return;
    }
    boolean follows = count > 0 && runRate[last()] == rate
        && Math.abs(ptsUs - mediaAt(written)) <= frameUs(rate);
    if (!follows) {
      if (count == MAX_RUNS) {
        first = (first + 1) % MAX_RUNS;
        count--;
      }
      int i = (first + count) % MAX_RUNS;
      runFrame[i] = written;
      runPtsUs[i] = ptsUs;
      runRate[i] = rate;
      count++;
    }
    written += frames;
  }

  /** Output frames written so far. */
  public long framesWritten() {
    return written;
  }

  /**
   * The media time heard when the counter reads {@code framesPlayed}, or {@link C#TIME_UNSET}
   * before any audio was written. Past what was written (an underrun), the time stops at the end
   * of what was written.
   */
  public long positionUs(long framesPlayed) {
    if (count == 0) {
      return C.TIME_UNSET;
    }
    return mediaAt(Math.min(Math.max(framesPlayed, runFrame[first]), written));
  }

  /** Whether the counter has caught up with what was written (nothing left to play). */
  public boolean starved(long framesPlayed) {
    return framesPlayed >= written;
  }

  private int last() {
    return (first + count - 1) % MAX_RUNS;
  }

  private double frameUs(double rate) {
    return 1e6 * rate / outputRate;
  }

  /** The media time at output frame {@code frame} (within the runs kept). */
  private long mediaAt(long frame) {
    for (int k = count - 1; k >= 0; k--) {
      int i = (first + k) % MAX_RUNS;
      if (frame >= runFrame[i]) {
        return runPtsUs[i] + Math.round((frame - runFrame[i]) * 1e6 * runRate[i] / outputRate);
      }
    }
    return runPtsUs[first];
  }
}
