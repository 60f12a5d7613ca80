package dev.oolong.extractor;

import dev.oolong.PlayerException;

/**
 * A container parser (after Media3's five-method contract). It pulls bytes from an {@link
 * ExtractorInput} and writes only to the {@link ExtractorOutput} it was given in {@link #init}.
 * It never blocks: when bytes are missing the input throws {@link NeedMoreDataException}, and
 * the same {@link #read} call is repeated later from the same position. To make that safe, a
 * {@code read} call must not change the extractor's state before its last input access, or must
 * only change it in ways a repeat of the call reproduces (each call does one step).
 */
public interface Extractor {
  /** Call {@link #read} again. */
  int RESULT_CONTINUE = 0;
  /** Reposition the input to {@link PositionHolder#position} and call {@link #read} again. */
  int RESULT_SEEK = 1;
  /** The input is finished; no more samples. */
  int RESULT_END_OF_INPUT = -1;

  /**
   * Whether the input starts with this container. May only peek; the caller resets the peek
   * position afterwards.
   */
  boolean sniff(ExtractorInput input) throws PlayerException;

  /** The container's name as probing reports it ({@code mp4}, {@code mpegts}, ...). */
  String containerName();

  /** Gives the extractor its output. Called once, before the first {@link #read}. */
  void init(ExtractorOutput output);

  /**
   * Reads one step.
   *
   * @param seekPosition set when the result is {@link #RESULT_SEEK}
   * @return {@link #RESULT_CONTINUE}, {@link #RESULT_SEEK} or {@link #RESULT_END_OF_INPUT}
   * @throws NeedMoreDataException when the input has not got the bytes yet (not an error)
   * @throws PlayerException a CONTAINER error: the input cannot be parsed
   */
  int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException;

  /**
   * The input is about to restart at {@code position} (a seek, from the {@link SeekMap} or from a
   * {@link #RESULT_SEEK}); {@code timeUs} is the target time, or 0 for a restart from the
   * beginning.
   */
  void seek(long position, long timeUs);

  /** Frees resources. */
  void release();

  /**
   * Units of the container found damaged so far and skipped or cut short (transport packets after
   * a continuity gap, FLV tags, Ogg pages): what {@code getStats().corruptedPackets} counts.
   */
  default long damagedUnits() {
    return 0;
  }

  /** Times the extractor lost the container's structure and searched for the next unit. */
  default long resyncs() {
    return 0;
  }

  /** Where to continue reading. */
  final class PositionHolder {
    public long position;
  }
}
