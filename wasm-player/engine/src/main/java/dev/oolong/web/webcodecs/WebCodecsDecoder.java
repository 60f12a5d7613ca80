package dev.oolong.web.webcodecs;

import dev.oolong.canvas.MediaDecoder;
import org.teavm.jso.JSObject;

/**
 * What the WebCodecs adapters ({@link WebCodecsVideoDecoder}, {@link WebCodecsAudioDecoder})
 * share: the decoder in use, replaced by a new one on {@link #reset} (one that reported an error
 * is closed for good), and a generation so that what a replaced decoder still puts out is dropped.
 */
public abstract class WebCodecsDecoder implements MediaDecoder {
  /** The decoder in use. */
  public JSObject decoder;
  private int generation;

  /**
   * Makes and configures a decoder whose callbacks pass on only while {@link #current} says
   * {@code generation} is current.
   */
  public abstract JSObject make(int generation);

  /** Makes the first decoder, or the next one. */
  public final void open() {
    decoder = make(++generation);
  }

  /** Whether a callback of the decoder made for {@code generation} still counts. */
  public final boolean current(int generation) {
    return generation == this.generation;
  }

  @Override
  public int queueSize() {
    return WebCodecsBindings.decodeQueueSize(decoder);
  }

  @Override
  public void reset() {
    WebCodecsBindings.close(decoder);
    open();
  }

  @Override
  public void flush(java.util.function.Consumer<String> done) {
    WebCodecsBindings.flush(decoder, done::accept);
  }

  @Override
  public void close() {
    WebCodecsBindings.close(decoder);
  }
}
