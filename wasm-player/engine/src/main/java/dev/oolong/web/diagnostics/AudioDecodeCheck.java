package dev.oolong.web.diagnostics;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.codec.Adts;
import dev.oolong.decoder.AudioDecoderConfig;
import dev.oolong.decoder.ChunkCollector;
import dev.oolong.decoder.EncodedChunk;
import dev.oolong.media.TrackType;
import dev.oolong.protocol.MessageType;
import dev.oolong.upstream.DataSource;
import dev.oolong.util.Json;
import dev.oolong.web.jso.WorkerScope;
import dev.oolong.web.webcodecs.WebCodecsBindings;
import java.util.Arrays;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The {@code DECODE_AUDIO} diagnostic: a URL's audio track (up to {@link #MAX_CHUNKS} chunks)
 * decoded with WebCodecs in this worker; answers what was used and what came out: frames, rate,
 * channels, the first channel's RMS and its frequency by zero crossings (with hysteresis; the
 * test media's tone is 440 Hz).
 */
public final class AudioDecodeCheck extends DiagnosticDecode {
  public static final int MAX_CHUNKS = 1000;

  private JSObject decoder;
  private long frames;
  private int rate;
  private int channels;
  private double sumSquares;
  private long crossings;
  private boolean below;
  /** How far past zero the signal must go to count as having crossed it. */
  public static final float HYSTERESIS = 0.02f;

  private AudioDecodeCheck(int id) {
    super(id, new ChunkCollector(MAX_CHUNKS, TrackType.AUDIO));
  }

  public static void run(int id, String url, DataSource source) {
    if (!WebCodecsBindings.audioAvailable()) {
      reply(id, PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
          "This browser has no WebCodecs AudioDecoder", "codec", "AudioDecoder"));
      return;
    }
    new AudioDecodeCheck(id).start(source, url);
  }

  @Override
  public void collected() {
    AudioDecoderConfig config;
    try {
      if (collector.format() == null) {
        throw PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED, "The stream has no audio track",
            "codec", "none");
      }
      config = AudioDecoderConfig.of(collector.format());
    } catch (PlayerException e) {
      answer(e);
      return;
    }
    Int8Array description = WebCodecsBindings.bytes(config.description());
    WebCodecsBindings.isAudioConfigSupported(config.codec(), config.sampleRate(), config.channels(),
        description, answer -> {
          if (!"yes".equals(answer)) {
            answer(PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
                "WebCodecs cannot decode " + config.codec() + " here (" + answer + ")", "codec",
                config.codec()));
            return;
          }
          start(config, description);
        });
  }

  private void start(AudioDecoderConfig config, Int8Array description) {
    decoder = WebCodecsBindings.newAudioDecoder(this::take,
        error -> fail(ErrorCode.CODEC_DECODE_FAILED, error, config.codec()), ignored -> { });
    String error = WebCodecsBindings.configureAudio(decoder, config.codec(), config.sampleRate(),
        config.channels(), description);
    if (error != null) {
      fail(ErrorCode.CODEC_UNSUPPORTED, error, config.codec());
      return;
    }
    for (EncodedChunk c : collector.chunks()) {
      byte[] data = c.data();
      int header = config.stripAdts() ? Adts.headerSize(data, 0, data.length) : 0;
      if (header > 0) {
        data = Arrays.copyOfRange(data, header, data.length);
      }
      error = WebCodecsBindings.decodeAudio(decoder, Int8Array.copyFromJavaArray(data), c.ptsUs());
      if (error != null) {
        fail(ErrorCode.CODEC_DECODE_FAILED, error, config.codec());
        return;
      }
    }
    WebCodecsBindings.flush(decoder, flushError -> {
      WebCodecsBindings.close(decoder);
      if (flushError != null) {
        fail(ErrorCode.CODEC_DECODE_FAILED, flushError, config.codec());
        return;
      }
      if (!claimAnswer()) {
        return;
      }
      double seconds = rate > 0 ? (double) frames / rate : 0;
      String json = Json.object().put("codec", config.codec())
          .put("description", config.description() != null)
          .put("chunks", collector.chunks().size()).put("frames", frames).put("sampleRate", rate)
          .put("channels", channels).put("rms", frames > 0 ? Math.sqrt(sumSquares / frames) : 0)
          .put("frequency", seconds > 0 ? crossings / seconds : 0).toString();
      WorkerScope.postMessage(WorkerScope.message(MessageType.RESULT.value, id, json));
    });
  }

  /** One decoded {@code AudioData}: counted and measured (its first channel). */
  private void take(JSObject audioData) {
    rate = WebCodecsBindings.sampleRate(audioData);
    channels = WebCodecsBindings.numberOfChannels(audioData);
    float[] samples = WebCodecsBindings.firstChannel(audioData).copyToJavaArray();
    for (float v : samples) {
      sumSquares += (double) v * v;
      // Upward crossings with hysteresis, so coding noise around zero is not counted as cycles.
      if (v < -HYSTERESIS) {
        below = true;
      } else if (below && v > HYSTERESIS) {
        below = false;
        crossings++;
      }
    }
    frames += samples.length;
  }
}
