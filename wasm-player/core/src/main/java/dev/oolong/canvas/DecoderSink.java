package dev.oolong.canvas;

/** Where a {@link MediaDecoder} puts its output: decoded frames or audio, errors, progress. */
public interface DecoderSink<T> {
  /** A decoded video frame or audio buffer whose first sample is at {@code ptsUs}. */
  void output(T decoded, long ptsUs);

  /**
   * The decoder failed ({@code reason}: the error's name and message; a name of {@code
   * NotSupportedError} means the configuration itself is refused).
   */
  void error(String reason);

  /** The decoder took in a chunk: it has room for another. */
  void dequeued();

  /** What a {@link #forwarding} sink does with each output. */
  interface Output<T> {
    void output(T decoded, long ptsUs);
  }

  /**
   * A sink whose outputs go to {@code output} (an adapter's conversion of them) and whose errors
   * and dequeues go straight on to {@code to}.
   */
  static <T> DecoderSink<T> forwarding(DecoderSink<?> to, Output<T> output) {
    return new DecoderSink<>() {
      @Override
      public void output(T decoded, long ptsUs) {
        output.output(decoded, ptsUs);
      }

      @Override
      public void error(String reason) {
        to.error(reason);
      }

      @Override
      public void dequeued() {
        to.dequeued();
      }
    };
  }
}
