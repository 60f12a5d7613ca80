package dev.oolong.audio;

/**
 * Converts decoded planar PCM to interleaved frames at the output rate: mixes the source's
 * channels to the output's (mono stays mono, 5.1 folds down to stereo, more than two otherwise
 * keeps the first two), then resamples by {@code inRate × speed / outRate} source frames per
 * output frame with 4-point cubic (Catmull-Rom) interpolation. Stateful across calls, so
 * consecutive chunks join without a click; {@link #reset} after a seek. At a ratio of exactly 1
 * the samples are copied unchanged.
 */
public final class Resampler {
  /** Source frames kept from one call to the next (the interpolation's left context). */
  static final int HISTORY = 3;
  private static final float FOLD = 0.70710677f;

  private final int outChannels;
  private final int outRate;
  /** The last {@link #HISTORY} mixed source frames, per output channel. */
  private final float[][] history;
  private boolean primed;
  /** Position of the next output frame, in source frames from the start of the next input. */
  private double position;
  private float[][] mixed = new float[0][];

  public Resampler(int outChannels, int outRate) {
    if (outChannels < 1 || outRate <= 0) {
      throw new IllegalArgumentException("channels " + outChannels + ", rate " + outRate);
    }
    this.outChannels = outChannels;
    this.outRate = outRate;
    this.history = new float[outChannels][HISTORY];
  }

  /** The output channels for a source of {@code channels}: one or two. */
  public static int outputChannels(int channels) {
    return channels <= 1 ? 1 : 2;
  }

  /** Forgets the previous input (a seek, a discontinuity). */
  public void reset() {
    primed = false;
    position = 0;
  }

  /**
   * The position, in source frames relative to the next input's first frame, of the next output
   * frame (negative: it falls in the previous input's last frames).
   */
  public double position() {
    return position;
  }

  /** Output frames that {@code frames} source frames make at most (for sizing buffers). */
  public int maxOutput(int frames, int inRate, double speed) {
    return (int) Math.ceil((frames + HISTORY) / step(inRate, speed)) + 1;
  }

  private double step(int inRate, double speed) {
    return inRate * speed / outRate;
  }

  /**
   * Resamples {@code frames} frames of {@code planar} (one array per source channel) at {@code
   * inRate}, played at {@code speed}; writes interleaved frames into {@code out} (at least {@link
   * #maxOutput} frames long) and returns how many.
   */
  public int process(float[][] planar, int frames, int inRate, double speed, float[] out) {
    if (frames <= 0) {
      return 0;
    }
    mix(planar, frames);
    if (!primed) {
      for (int c = 0; c < outChannels; c++) {
        java.util.Arrays.fill(history[c], mixed[c][0]);
      }
      primed = true;
    }
    double step = step(inRate, speed);
    int n = 0;
    if (step == 1 && position == Math.rint(position)) {
      // No rate change: a copy from the position on.
      for (int i = (int) position; i < frames; i++, n++) {
        for (int c = 0; c < outChannels; c++) {
          out[n * outChannels + c] = at(c, i, frames);
        }
      }
      position = Math.max(position, frames) - frames;
    } else {
      while (Math.floor(position) <= frames - 3) {
        int i = (int) Math.floor(position);
        float t = (float) (position - i);
        for (int c = 0; c < outChannels; c++) {
          float x0 = at(c, i - 1, frames);
          float x1 = at(c, i, frames);
          float x2 = at(c, i + 1, frames);
          float x3 = at(c, i + 2, frames);
          out[n * outChannels + c] = x1 + 0.5f * t * (x2 - x0 + t * (2 * x0 - 5 * x1 + 4 * x2 - x3
              + t * (3 * (x1 - x2) + x3 - x0)));
        }
        n++;
        position += step;
      }
      position -= frames;
    }
    for (int c = 0; c < outChannels; c++) {
      for (int k = 0; k < HISTORY; k++) {
        history[c][k] = at(c, frames - HISTORY + k, frames);
      }
    }
    return n;
  }

  /** Mixed source frame {@code i} of output channel {@code c} (negative: from the history). */
  private float at(int c, int i, int frames) {
    return i >= 0 ? mixed[c][i] : history[c][HISTORY + i];
  }

  private void mix(float[][] planar, int frames) {
    if (mixed.length != outChannels || mixed[0].length < frames) {
      mixed = new float[outChannels][Math.max(frames, 1024)];
    }
    int in = planar.length;
    for (int c = 0; c < outChannels; c++) {
      float[] dst = mixed[c];
      if (in == 6 && outChannels == 2) {
        // 5.1 (L R C LFE Ls Rs) to stereo: centre and surround folded in at -3 dB, LFE left out.
        float[] front = planar[c];
        float[] centre = planar[2];
        float[] surround = planar[4 + c];
        for (int i = 0; i < frames; i++) {
          dst[i] = front[i] + FOLD * (centre[i] + surround[i]);
        }
      } else {
        System.arraycopy(planar[Math.min(c, in - 1)], 0, dst, 0, frames);
      }
    }
  }
}
