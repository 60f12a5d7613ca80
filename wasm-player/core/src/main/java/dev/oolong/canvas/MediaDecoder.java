package dev.oolong.canvas;

import dev.oolong.decoder.DecoderPort;

/**
 * A decoder the canvas player drives: the {@link DecoderPort} the feeder submits to, plus the
 * end of the stream. What it decodes goes to the {@link DecoderSink} it was made with. After
 * {@link #reset} nothing submitted before it may reach the sink (an adapter drops late outputs
 * of the decoder it replaced).
 */
public interface MediaDecoder extends DecoderPort {
  /** Puts out everything submitted; {@code done} gets null, or the error. */
  void flush(java.util.function.Consumer<String> done);

  /** Releases the decoder for good. */
  void close();
}
