package dev.oolong.extractor;

import dev.oolong.C;
import dev.oolong.PlayerException;

/**
 * Moves an extractor's input forward to a target position: by reading when the target is a
 * little ahead (over as many {@link Extractor#read} calls as the bytes take to arrive; the target
 * is remembered between calls), by asking for a seek otherwise.
 */
public final class InputSkipper {
  private final int maxSkipBytes;
  private long target = -1;

  /** @param maxSkipBytes gaps up to this are read through; larger ones are seeked over */
  public InputSkipper(int maxSkipBytes) {
    this.maxSkipBytes = maxSkipBytes;
  }

  /** Whether a skip begun earlier is still under way ({@link #resume} continues it). */
  public boolean active() {
    return target >= 0;
  }

  public void cancel() {
    target = -1;
  }

  /** Continues the skip under way. */
  public int resume(ExtractorInput input, Extractor.PositionHolder holder) throws PlayerException {
    return skipTo(input, target, holder);
  }

  /**
   * Moves toward {@code to}.
   *
   * @return {@link Extractor#RESULT_CONTINUE} (moved, possibly not all the way yet), {@link
   *     Extractor#RESULT_SEEK} ({@code holder} is set), or {@link Extractor#RESULT_END_OF_INPUT}
   *     when the input ends before {@code to}
   */
  public int skipTo(ExtractorInput input, long to, Extractor.PositionHolder holder)
      throws PlayerException {
    long position = input.getPosition();
    if (position == to) {
      target = -1;
      return Extractor.RESULT_CONTINUE;
    }
    long length = input.getLength();
    if (length != C.LENGTH_UNSET && to > length) {
      target = -1;
      return Extractor.RESULT_END_OF_INPUT;
    }
    if (to > position && to - position <= maxSkipBytes) {
      int n = (int) Math.min(to - position, input.bytesAvailable());
      if (n == 0) {
        if (input.isEndOfInputKnown()) {
          target = -1;
          return Extractor.RESULT_END_OF_INPUT;
        }
        input.skipFully(1); // no byte yet: "need more data"
      }
      input.skipFully(n);
      target = position + n == to ? -1 : to;
      return Extractor.RESULT_CONTINUE;
    }
    target = -1;
    holder.position = to;
    return Extractor.RESULT_SEEK;
  }
}
