package dev.oolong.extractor.audio;

/**
 * The framing of a framed audio stream (ADTS, MPEG audio) as it is read, in a file or in TS PES:
 * the last frame taken, against which the next header is judged ({@link AudioFrames#confirmed}),
 * and the resyncs — runs of bytes skipped between two frames taken.
 */
public final class FrameSync {
  private AudioFrames.Frame last;
  private boolean skipping;
  private long resyncs;

  /** Whether {@code f}, followed by {@code next} (or by the end), is a real frame. */
  public boolean confirmed(AudioFrames.Frame f, AudioFrames.Frame next, boolean atEnd) {
    return AudioFrames.confirmed(last, f, next, atEnd);
  }

  /** A byte was skipped: not a frame. */
  public void skipped() {
    skipping = true;
  }

  /** {@code f} was taken; bytes skipped since the last frame count as one resync. */
  public void taken(AudioFrames.Frame f) {
    if (skipping && last != null) {
      resyncs++;
    }
    skipping = false;
    last = f;
  }

  /** A seek: it lands mid-frame, so what is skipped there is no damage. */
  public void seeked() {
    skipping = false;
  }

  /** The stream starts again: nothing taken yet. */
  public void reset() {
    last = null;
    skipping = false;
  }

  public long resyncs() {
    return resyncs;
  }
}
