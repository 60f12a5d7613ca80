package dev.oolong.web.webcodecs;

import dev.oolong.audio.Pcm;
import dev.oolong.canvas.DecoderSink;
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
public final class WebCodecsAudioDecoder extends WebCodecsDecoder {
  private final AudioDecoderConfig config;
  private final Int8Array description;
  private final DecoderSink<Pcm> sink;

  public WebCodecsAudioDecoder(AudioDecoderConfig config, DecoderSink<Pcm> sink) {
    this.config = config;
    this.description = WebCodecsBindings.bytes(config.description());
    this.sink = sink;
    open();
  }

  @Override
  public JSObject make(int gen) {
    JSObject d = WebCodecsBindings.newAudioDecoder(data -> {
      if (!current(gen)) {
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
      if (current(gen)) {
        sink.error(e);
      }
    }, ignored -> sink.dequeued());
    String e = WebCodecsBindings.configureAudio(d, config.codec(), config.sampleRate(),
        config.channels(), description);
    if (e != null) {
      sink.error(e);
    }
    return d;
  }

  @Override
  public void decode(EncodedChunk chunk) {
    String e = WebCodecsBindings.decodeAudio(decoder, Int8Array.copyFromJavaArray(chunk.data()),
        chunk.ptsUs());
    if (e != null) {
      sink.error(e);
    }
  }
}
