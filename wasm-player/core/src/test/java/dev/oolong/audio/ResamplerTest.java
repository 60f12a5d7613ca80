package dev.oolong.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {
  private static float[][] tone(double hz, int rate, int frames, int channels, int start) {
    float[][] p = new float[channels][frames];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < frames; i++) {
        p[c][i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * (start + i) / rate));
      }
    }
    return p;
  }

  /** Runs a 440 Hz tone through in chunks; returns channel 0 of the output. */
  private static float[] run(int inRate, int outRate, double speed, int seconds) {
    Resampler r = new Resampler(2, outRate);
    int total = inRate * seconds;
    float[] all = new float[(int) (total / speed * outRate / inRate) + 4096];
    int n = 0;
    for (int at = 0; at < total; at += 1024) {
      int frames = Math.min(1024, total - at);
      float[] out = new float[r.maxOutput(frames, inRate, speed) * 2];
      int made = r.process(tone(440, inRate, frames, 2, at), frames, inRate, speed, out);
      for (int i = 0; i < made; i++) {
        all[n++] = out[i * 2];
      }
    }
    return java.util.Arrays.copyOf(all, n);
  }

  private static double frequency(float[] s, int rate) {
    int crossings = 0;
    for (int i = 1; i < s.length; i++) {
      if (s[i - 1] < 0 && s[i] >= 0) {
        crossings++;
      }
    }
    return crossings / ((double) s.length / rate);
  }

  @Test
  void sameRateCopiesTheSamplesExactly() {
    Resampler r = new Resampler(2, 48000);
    float[][] in = tone(440, 48000, 1000, 2, 0);
    float[] out = new float[r.maxOutput(1000, 48000, 1) * 2];
    assertThat(r.process(in, 1000, 48000, 1, out)).isEqualTo(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(out[i * 2]).isEqualTo(in[0][i]);
      assertThat(out[i * 2 + 1]).isEqualTo(in[1][i]);
    }
  }

  @Test
  void resamplingKeepsLengthAndPitch() {
    float[] out = run(44100, 48000, 1, 2);
    assertThat(out.length).isCloseTo(96000, within(4));
    assertThat(frequency(out, 48000)).isCloseTo(440, within(2.0));
    // Against the ideal tone at the output rate (the cubic's error on a 440 Hz tone is tiny).
    double maxErr = 0;
    for (int i = 4; i < out.length - 4; i++) {
      double ideal = 0.5 * Math.sin(2 * Math.PI * 440 * i / 48000.0);
      maxErr = Math.max(maxErr, Math.abs(out[i] - ideal));
    }
    assertThat(maxErr).isLessThan(1e-3);
  }

  @Test
  void downsamplingToo() {
    float[] out = run(48000, 44100, 1, 2);
    assertThat(out.length).isCloseTo(88200, within(4));
    assertThat(frequency(out, 44100)).isCloseTo(440, within(2.0));
  }

  @Test
  void speedShortensAndRaisesThePitch() {
    float[] out = run(48000, 48000, 2, 2);
    assertThat(out.length).isCloseTo(48000, within(4));
    assertThat(frequency(out, 48000)).isCloseTo(880, within(4.0));
    float[] slow = run(48000, 48000, 0.25, 1);
    assertThat(slow.length).isCloseTo(192000, within(8));
  }

  @Test
  void monoStaysMonoAndFiveOneFoldsToStereo() {
    assertThat(Resampler.outputChannels(1)).isEqualTo(1);
    assertThat(Resampler.outputChannels(6)).isEqualTo(2);
    Resampler r = new Resampler(2, 48000);
    float[][] in = new float[6][4];
    for (int c = 0; c < 6; c++) {
      java.util.Arrays.fill(in[c], c + 1); // L=1 R=2 C=3 LFE=4 Ls=5 Rs=6
    }
    float[] out = new float[r.maxOutput(4, 48000, 1) * 2];
    r.process(in, 4, 48000, 1, out);
    assertThat(out[0]).isCloseTo(1 + 0.7071f * (3 + 5), within(1e-4f));
    assertThat(out[1]).isCloseTo(2 + 0.7071f * (3 + 6), within(1e-4f));
  }
}
