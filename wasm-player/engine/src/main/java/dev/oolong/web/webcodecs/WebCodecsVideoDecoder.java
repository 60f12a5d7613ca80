package dev.oolong.web.webcodecs;

import dev.oolong.canvas.DecoderSink;
import dev.oolong.decoder.DecoderPort;
import dev.oolong.decoder.EncodedChunk;
import dev.oolong.decoder.VideoDecoderConfig;
import dev.oolong.media.ColorMatrix;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A WebCodecs {@code VideoDecoder} behind the {@link DecoderPort}: frames go to {@code output};
 * errors (the decoder's callback, a chunk or configuration it refuses) to {@code error}; each chunk
 * it takes in to {@code dequeue}, so its feeder can top it up. A reset makes a new decoder: one
 * that reported an error is closed for good; what a replaced decoder still puts out is dropped.
 */
public final class WebCodecsVideoDecoder extends WebCodecsDecoder {
  private final VideoDecoderConfig config;
  private final Int8Array description;
  private final WebCodecsBindings.FrameCallback output;
  private final WebCodecsBindings.TextCallback error;
  private final WebCodecsBindings.TextCallback dequeue;

  public WebCodecsVideoDecoder(VideoDecoderConfig config, WebCodecsBindings.FrameCallback output,
      WebCodecsBindings.TextCallback error, WebCodecsBindings.TextCallback dequeue) {
    this.config = config;
    this.description = WebCodecsBindings.bytes(config.description());
    this.output = output;
    this.error = error;
    this.dequeue = dequeue;
    open();
  }

  /** A decoder whose output goes to {@code sink}. */
  public static WebCodecsVideoDecoder to(VideoDecoderConfig config, DecoderSink<JSObject> sink) {
    return new WebCodecsVideoDecoder(config,
        frame -> sink.output(frame, Math.round(WebCodecsBindings.timestamp(frame))), sink::error,
        ignored -> sink.dequeued());
  }

  @Override
  public JSObject make(int gen) {
    JSObject d = WebCodecsBindings.newVideoDecoder(frame -> {
      if (current(gen)) {
        output.frame(frame);
      } else {
        WebCodecsBindings.closeFrame(frame);
      }
    }, e -> {
      if (current(gen)) {
        error.text(e);
      }
    }, dequeue);
    ColorMatrix color = config.colorMatrix();
    String e = WebCodecsBindings.configure(d, config.codec(), description, config.codedWidth(),
        config.codedHeight(), color == null ? null : color.coefficients().webCodecsName(),
        color != null && color.fullRange());
    if (e != null) {
      error.text(e);
    }
    return d;
  }

  @Override
  public void decode(EncodedChunk chunk) {
    String e = WebCodecsBindings.decode(decoder, Int8Array.copyFromJavaArray(chunk.data()),
        chunk.ptsUs(), chunk.key() ? 1 : 0);
    if (e != null) {
      error.text(e);
    }
  }
}
