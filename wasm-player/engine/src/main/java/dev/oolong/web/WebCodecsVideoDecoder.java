package dev.oolong.web;

import dev.oolong.canvas.DecoderSink;
import dev.oolong.canvas.MediaDecoder;
import dev.oolong.decoder.DecoderPort;
import dev.oolong.decoder.EncodedChunk;
import dev.oolong.decoder.VideoDecoderConfig;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A WebCodecs {@code VideoDecoder} behind the {@link DecoderPort}: frames go to {@code output};
 * errors (the decoder's callback, a chunk or configuration it refuses) to {@code error}; each chunk
 * it takes in to {@code dequeue}, so its feeder can top it up. A reset makes a new decoder: one
 * that reported an error is closed for good; what a replaced decoder still puts out is dropped.
 */
final class WebCodecsVideoDecoder implements MediaDecoder {
  private final VideoDecoderConfig config;
  private final Int8Array description;
  private final WebCodecsBindings.FrameCallback output;
  private final WebCodecsBindings.TextCallback error;
  private final WebCodecsBindings.TextCallback dequeue;
  private JSObject decoder;
  private int generation;

  WebCodecsVideoDecoder(VideoDecoderConfig config, WebCodecsBindings.FrameCallback output,
      WebCodecsBindings.TextCallback error, WebCodecsBindings.TextCallback dequeue) {
    this.config = config;
    this.description = config.description() == null ? null
        : Int8Array.copyFromJavaArray(config.description());
    this.output = output;
    this.error = error;
    this.dequeue = dequeue;
    open();
  }

  /** A decoder whose output goes to {@code sink}. */
  static WebCodecsVideoDecoder to(VideoDecoderConfig config, DecoderSink<JSObject> sink) {
    return new WebCodecsVideoDecoder(config,
        frame -> sink.output(frame, Math.round(WebCodecsBindings.timestamp(frame))), sink::error,
        ignored -> sink.dequeued());
  }

  private void open() {
    int gen = ++generation;
    decoder = WebCodecsBindings.newVideoDecoder(frame -> {
      if (gen == generation) {
        output.frame(frame);
      } else {
        WebCodecsBindings.closeFrame(frame);
      }
    }, e -> {
      if (gen == generation) {
        error.text(e);
      }
    }, dequeue);
    String e = WebCodecsBindings.configure(decoder, config.codec(), description, config.codedWidth(),
        config.codedHeight());
    if (e != null) {
      error.text(e);
    }
  }

  @Override
  public int queueSize() {
    return WebCodecsBindings.decodeQueueSize(decoder);
  }

  @Override
  public void decode(EncodedChunk chunk) {
    String e = WebCodecsBindings.decode(decoder, Int8Array.copyFromJavaArray(chunk.data()),
        chunk.ptsUs(), chunk.key() ? 1 : 0);
    if (e != null) {
      error.text(e);
    }
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
