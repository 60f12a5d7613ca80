package dev.oolong.audio;

/**
 * Decoded audio as the engine handles it: {@code frames} frames per channel in {@code planar}
 * (one array per channel, 32-bit float), at {@code sampleRate}, the first at {@code ptsUs}.
 */
public record Pcm(float[][] planar, int frames, int sampleRate, long ptsUs) {
  /** The time just after the last frame. */
  public long endUs() {
    return ptsUs + frames * 1_000_000L / sampleRate;
  }
}
