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
}
