package dev.oolong.extractor;

import dev.oolong.PlayerException;

/**
 * The bytes an {@link Extractor} reads, with a read position and a separate peek position
 * (after Media3). It never blocks: when bytes are missing it throws {@link
 * NeedMoreDataException}, and the same call is made again later from the same read position.
 * Reading past a known end of input throws a {@code CONTAINER_TRUNCATED} {@link PlayerException},
 * except through the methods that take {@code allowEndOfInput} and return false at a clean end.
 *
 * <p>Peeking reads ahead of the read position without consuming; {@link #resetPeekPosition()}
 * brings the peek position back to the read position. Any read or skip resets it.
 */
public interface ExtractorInput {

  /** The read position: the file offset of the next byte {@link #readFully} returns. */
  long getPosition();

  /** The peek position. */
  long getPeekPosition();

  /** The total length of the input, or {@code C.LENGTH_UNSET}. */
  long getLength();

  /**
   * Reads up to {@code length} bytes that are available now, at least one.
   *
   * @return the number read, or {@link Extractor#RESULT_END_OF_INPUT} at the end of input
   * @throws NeedMoreDataException if no byte is available yet
   */
  int read(byte[] target, int offset, int length);

  /**
   * Reads exactly {@code length} bytes.
   *
   * @return false if the input ended cleanly before the first byte and {@code allowEndOfInput}
   * @throws PlayerException CONTAINER_TRUNCATED if the input ends inside the range
   */
  boolean readFully(byte[] target, int offset, int length, boolean allowEndOfInput)
      throws PlayerException;

  void readFully(byte[] target, int offset, int length) throws PlayerException;

  /** Skips exactly {@code length} bytes (they must all be available or arrive later). */
  void skipFully(int length) throws PlayerException;

  /** Like {@link #readFully} at the peek position, which then advances. */
  boolean peekFully(byte[] target, int offset, int length, boolean allowEndOfInput)
      throws PlayerException;

  void peekFully(byte[] target, int offset, int length) throws PlayerException;

  /** Advances the peek position by {@code length} bytes (which must exist). */
  void advancePeekPosition(int length) throws PlayerException;

  void resetPeekPosition();

  /** Bytes available now from the read position without waiting. */
  int bytesAvailable();

  /** Whether the end of input has been reached at or before {@code getPosition() + bytesAvailable()}. */
  boolean isEndOfInputKnown();
}
