package dev.oolong.audio;

/**
 * Where the audio renderer writes interleaved PCM at the output rate: the shared audio ring
 * ({@link RingPcmOutput}), or, without cross-origin isolation, buffers posted to the worklet. It
 * reports the consumer's frame counter, the master clock.
 */
public interface PcmOutput {
  /** Interleaved channels per frame. */
  int channels();

  /** Frames that can be written now without overwriting unplayed ones. */
  int freeFrames();

  /** Writes {@code frames} interleaved frames (at most {@link #freeFrames}). */
  void write(float[] interleaved, int frames);

  /** Frames written so far (the count the next frame gets). */
  long written();

  /** Frames the consumer has gone past (played or skipped): never decreases. */
  long consumed();

  /** Render quanta that ran dry while playing. */
  int underruns();

  /** Frames actually played (statistics). */
  long played();

  /** Plays or pauses; {@code ended}: nothing more will be written. */
  void setState(boolean playing, boolean ended);

  /** Drops everything written and not yet consumed (a seek): the consumer goes to {@link #written}. */
  void discard();
}
