package dev.oolong.extractor;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;

/**
 * Runs an {@link Extractor} over a {@link BufferedExtractorInput} until it needs bytes, asks for a
 * seek, or ends. It is the only place that catches {@link NeedMoreDataException}: the input is
 * rewound to where the interrupted {@code read} began, so the call is repeated from the same
 * position once bytes arrive. It also bounds the work: an extractor that keeps answering
 * "continue" without consuming input is stopped with a {@code CONTAINER_MALFORMED} error, and an
 * unexpected runtime exception from a parser becomes a typed error instead of killing the engine.
 */
public final class ExtractorDriver {
  /** {@link #pump} result: feed more bytes (or the end of input) and call again. */
  public static final int NEED_MORE_DATA = 2;
  /** {@link #pump} result: restart the input at {@link #seekPosition()} and call again. */
  public static final int SEEK = Extractor.RESULT_SEEK;
  /** {@link #pump} result: the extractor is done. */
  public static final int END = Extractor.RESULT_END_OF_INPUT;
  /** {@link #pump(BooleanSupplier)} result: stopped between reads because it was asked to hold. */
  public static final int HELD = 3;

  /** Steps in a row without consuming a byte before the extractor is declared stuck. */
  static final int MAX_STEPS_WITHOUT_PROGRESS = 100_000;

  private final Extractor extractor;
  private final BufferedExtractorInput input;
  private final Extractor.PositionHolder holder = new Extractor.PositionHolder();

  public ExtractorDriver(Extractor extractor, BufferedExtractorInput input) {
    this.extractor = extractor;
    this.input = input;
  }

  public long seekPosition() {
    return holder.position;
  }

  /** Reads until the extractor needs bytes ({@link #NEED_MORE_DATA}), a seek, or the end. */
  public int pump() throws PlayerException {
    return pump(() -> false);
  }

  /**
   * As {@link #pump()}, and also stops ({@link #HELD}) between two reads once {@code hold} says
   * so: what a read emits may make the consumer hold (its buffer is full) at any point of the
   * bytes already delivered.
   */
  public int pump(java.util.function.BooleanSupplier hold) throws PlayerException {
    int stalled = 0;
    while (true) {
      long mark = input.getPosition();
      input.keepFrom(mark);
      int result;
      try {
        result = extractor.read(input, holder);
      } catch (NeedMoreDataException e) {
        input.rewindTo(mark);
        return NEED_MORE_DATA;
      } catch (PlayerException e) {
        throw e;
      } catch (RuntimeException e) {
        // A parser bug on hostile bytes must not take the engine down: report it typed.
        throw PlayerException.critical(ErrorCode.CONTAINER_MALFORMED,
            "Unparseable input near offset " + input.getPosition() + ": " + e,
            "offset", input.getPosition(), "reason", String.valueOf(e));
      }
      if (result != Extractor.RESULT_CONTINUE) {
        return result;
      }
      if (hold.getAsBoolean()) {
        return HELD;
      }
      if (input.getPosition() != mark) {
        stalled = 0;
      } else if (++stalled > MAX_STEPS_WITHOUT_PROGRESS) {
        throw PlayerException.critical(ErrorCode.CONTAINER_MALFORMED,
            "The extractor makes no progress at offset " + mark,
            "offset", mark, "reason", "no progress");
      }
    }
  }
}
