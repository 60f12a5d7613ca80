package dev.oolong.web;

import dev.oolong.audio.Pcm;
import dev.oolong.canvas.DecoderSink;
import dev.oolong.canvas.MediaDecoder;
import dev.oolong.decoder.AudioDecoderConfig;
import dev.oolong.decoder.EncodedChunk;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A WebCodecs {@code AudioDecoder} behind the {@link MediaDecoder} port: each {@code AudioData}
 * is copied out as 32-bit float planes ({@link Pcm}) and closed. A reset makes a new decoder;
 * what a replaced one still puts out is dropped.
 */
final class WebCodecsAudioDecoder implements MediaDecoder {
  private final AudioDecoderConfig config;
  private final Int8Array description;
  private final DecoderSink<Pcm> sink;
  private JSObject decoder;
  private int generation;

  WebCodecsAudioDecoder(AudioDecoderConfig config, DecoderSink<Pcm> sink) {
    this.config = config;
    this.description = config.description() == null ? null
        : Int8Array.copyFromJavaArray(config.description());
    this.sink = sink;
    open();
  }

  private void open() {
    int gen = ++generation;
    decoder = WebCodecsBindings.newAudioDecoder(data -> {
      if (gen != generation) {
        WebCodecsBindings.closeFrame(data);
        return;
      }
      long pts = Math.round(WebCodecsBindings.timestamp(data));
      int rate = WebCodecsBindings.sampleRate(data);
      JSArray<Float32Array> planes = WebCodecsBindings.planes(data);
      float[][] pcm = new float[planes.getLength()][];
      for (int c = 0; c < pcm.length; c++) {
        pcm[c] = planes.get(c).copyToJavaArray();
      }
      sink.output(new Pcm(pcm, pcm.length == 0 ? 0 : pcm[0].length, rate, pts), pts);
    }, e -> {
      if (gen == generation) {
        sink.error(e);
      }
    }, ignored -> sink.dequeued());
    String e = WebCodecsBindings.configureAudio(decoder, config.codec(), config.sampleRate(),
        config.channels(), description);
    if (e != null) {
      sink.error(e);
    }
  }

  @Override
  public int queueSize() {
    return WebCodecsBindings.decodeQueueSize(decoder);
  }

  @Override
  public void decode(EncodedChunk chunk) {
    String e = WebCodecsBindings.decodeAudio(decoder, Int8Array.copyFromJavaArray(chunk.data()),
        chunk.ptsUs());
    if (e != null) {
      sink.error(e);
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
