package dev.oolong.extractor;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;

/**
 * An {@link ExtractorInput} over bytes pushed into it as they arrive ({@link #append}), never
 * blocking. The feeder appends at {@link #writePosition()}; consumed bytes are dropped as the
 * read position moves on, so memory stays bounded by what the extractor has not consumed yet.
 */
public final class BufferedExtractorInput implements ExtractorInput {
  private byte[] buffer = new byte[64 * 1024];
  private long bufferPosition; // file offset of buffer[0]
  private int size; // valid bytes in buffer
  private long position;
  private long peekPosition;
  private long length;
  private boolean endOfInput;

  public BufferedExtractorInput(long startPosition, long length) {
    this.bufferPosition = startPosition;
    this.position = startPosition;
    this.peekPosition = startPosition;
    this.length = length;
  }

  // ---- feeder side

  /** Appends bytes that follow the last appended ones. */
  public void append(byte[] data, int offset, int count) {
    if (endOfInput) {
      throw new IllegalStateException("append after end of input");
    }
    compact();
    if (size + count > buffer.length) {
      int capacity = buffer.length;
      while (capacity < size + count) {
        capacity *= 2;
      }
      byte[] bigger = new byte[capacity];
      System.arraycopy(buffer, 0, bigger, 0, size);
      buffer = bigger;
    }
    System.arraycopy(data, offset, buffer, size, count);
    size += count;
  }

  /** No bytes follow the last appended ones. */
  public void setEndOfInput() {
    setEndOfInput(true);
  }

  /**
   * No more bytes follow; with {@code learnLength} an input of unknown length now knows it (not
   * for a source whose positions are an index, where the end of one reading says nothing of the
   * positions another reading starts at).
   */
  public void setEndOfInput(boolean learnLength) {
    endOfInput = true;
    if (learnLength && length == C.LENGTH_UNSET) {
      length = writePosition();
    }
  }

  /** Where the next appended byte belongs. */
  public long writePosition() {
    return bufferPosition + size;
  }

  /** Bytes buffered beyond the read position (what the feeder has delivered ahead). */
  public int bufferedAhead() {
    return (int) (writePosition() - position);
  }

  /** Drops everything and restarts at {@code newPosition} (a seek). */
  public void reset(long newPosition) {
    bufferPosition = newPosition;
    position = newPosition;
    peekPosition = newPosition;
    size = 0;
    keepFrom = Long.MIN_VALUE; // a mark from before the move is gone with its bytes
    endOfInput = length != C.LENGTH_UNSET && newPosition >= length;
  }

  /**
   * Moves the read position back to {@code mark} (it must still be buffered): the driver's undo
   * of an interrupted {@link Extractor#read} call.
   */
  public void rewindTo(long mark) {
    if (mark < bufferPosition || mark > writePosition()) {
      throw new IllegalStateException("mark " + mark + " is no longer buffered");
    }
    position = mark;
    peekPosition = mark;
  }

  /** The earliest position {@link #rewindTo} can still reach; bytes before it may be dropped. */
  private long keepFrom = Long.MIN_VALUE;

  /** Keeps bytes from {@code mark} on until the next call (the driver's undo point). */
  public void keepFrom(long mark) {
    keepFrom = mark;
  }

  private void compact() {
    long dropUpTo = Math.min(position, keepFrom == Long.MIN_VALUE ? position : Math.max(keepFrom, bufferPosition));
    int drop = (int) (dropUpTo - bufferPosition);
    if (drop > 0 && drop >= size / 2) {
      System.arraycopy(buffer, drop, buffer, 0, size - drop);
      size -= drop;
      bufferPosition += drop;
    }
  }

  // ---- extractor side

  @Override
  public long getPosition() {
    return position;
  }

  @Override
  public long getPeekPosition() {
    return peekPosition;
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public int bytesAvailable() {
    return (int) (writePosition() - position);
  }

  @Override
  public boolean isEndOfInputKnown() {
    return endOfInput;
  }

  @Override
  public int read(byte[] target, int offset, int count) {
    int available = bytesAvailable();
    if (available == 0) {
      if (endOfInput) {
        return Extractor.RESULT_END_OF_INPUT;
      }
      throw NeedMoreDataException.INSTANCE;
    }
    int n = Math.min(count, available);
    System.arraycopy(buffer, (int) (position - bufferPosition), target, offset, n);
    position += n;
    peekPosition = position;
    return n;
  }

  @Override
  public boolean readFully(byte[] target, int offset, int count, boolean allowEndOfInput)
      throws PlayerException {
    if (!ensure(position, count, allowEndOfInput)) {
      return false;
    }
    System.arraycopy(buffer, (int) (position - bufferPosition), target, offset, count);
    position += count;
    peekPosition = position;
    return true;
  }

  @Override
  public void readFully(byte[] target, int offset, int count) throws PlayerException {
    readFully(target, offset, count, false);
  }

  @Override
  public void skipFully(int count) throws PlayerException {
    ensure(position, count, false);
    position += count;
    peekPosition = position;
  }

  @Override
  public boolean peekFully(byte[] target, int offset, int count, boolean allowEndOfInput)
      throws PlayerException {
    if (!ensure(peekPosition, count, allowEndOfInput)) {
      return false;
    }
    System.arraycopy(buffer, (int) (peekPosition - bufferPosition), target, offset, count);
    peekPosition += count;
    return true;
  }

  @Override
  public void peekFully(byte[] target, int offset, int count) throws PlayerException {
    peekFully(target, offset, count, false);
  }

  @Override
  public void advancePeekPosition(int count) throws PlayerException {
    ensure(peekPosition, count, false);
    peekPosition += count;
  }

  @Override
  public void resetPeekPosition() {
    peekPosition = position;
  }

  /** Whether [from, from+count) is buffered; throws when it is not yet or never will be. */
  private boolean ensure(long from, int count, boolean allowEndOfInput) throws PlayerException {
    if (count < 0) {
      throw new IllegalArgumentException("count " + count);
    }
    long end = from + count;
    if (end <= writePosition()) {
      return true;
    }
    if (!endOfInput) {
      throw NeedMoreDataException.INSTANCE;
    }
    if (allowEndOfInput && from == writePosition()) {
      return false;
    }
    throw PlayerException.critical(ErrorCode.CONTAINER_TRUNCATED,
        "The input ends at " + writePosition() + ", inside a structure that needs bytes up to " + end,
        "offset", from, "reason", "end of input inside a structure");
  }
}
