package dev.oolong.web.diagnostics;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.decoder.ChunkCollector;
import dev.oolong.decoder.DecoderFeeder;
import dev.oolong.decoder.EncodedChunk;
import dev.oolong.decoder.VideoDecoderConfig;
import dev.oolong.protocol.MessageType;
import dev.oolong.upstream.DataSource;
import dev.oolong.util.Json;
import dev.oolong.web.webcodecs.WebCodecsBindings;
import dev.oolong.web.webcodecs.WebCodecsVideoDecoder;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The {@code DECODE_VIDEO} diagnostic: the first frames of a URL's video track, extracted and
 * decoded with WebCodecs in this worker, sent back (transferred) with what was used. It checks the
 * canvas path's decoder input (configuration, chunks) on its own, before the player drives it.
 */
public final class DecodeCheck extends DiagnosticDecode {
  /** Frames decoded at most. */
  public static final int MAX_FRAMES = 120;

  private final JSObject decoded = WebCodecsBindings.newArray();
  private final StringBuilder frameJson = new StringBuilder();
  private int count;
  private int errors;
  private boolean flushing;
  private WebCodecsVideoDecoder decoder;
  private DecoderFeeder feeder;

  private DecodeCheck(int id, int frames) {
    super(id, new ChunkCollector(Math.max(1, Math.min(MAX_FRAMES, frames))));
  }

  public static void run(int id, String url, int frames, DataSource source) {
    if (!WebCodecsBindings.available()) {
      reply(id, PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
          "This browser has no WebCodecs VideoDecoder", "codec", "VideoDecoder"));
      return;
    }
    new DecodeCheck(id, frames).start(source, url);
  }

  @Override
  public void collected() {
    VideoDecoderConfig config;
    try {
      if (collector.format() == null) {
        throw PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED, "The stream has no video track",
            "codec", "none");
      }
      config = VideoDecoderConfig.of(collector.format());
    } catch (PlayerException e) {
      answer(e);
      return;
    }
    Int8Array description = WebCodecsBindings.bytes(config.description());
    WebCodecsBindings.isConfigSupported(config.codec(), description, config.codedWidth(),
        config.codedHeight(), answer -> {
          if (!"yes".equals(answer)) {
            answer(PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
                "WebCodecs cannot decode " + config.codec() + " here (" + answer + ")", "codec",
                config.codec()));
            return;
          }
          start(config);
        });
  }

  private void start(VideoDecoderConfig config) {
    decoder = new WebCodecsVideoDecoder(config, frame -> {
      WebCodecsBindings.push(decoded, frame);
      frameJson.append(count++ == 0 ? "" : ",").append("{\"timestamp\":")
          .append((long) WebCodecsBindings.timestamp(frame)).append(",\"width\":")
          .append(WebCodecsBindings.displayWidth(frame)).append(",\"height\":")
          .append(WebCodecsBindings.displayHeight(frame)).append('}');
      if (feeder != null) {
        feeder.decoded();
      }
      next(config);
    }, error -> {
      if (feeder == null) {
        fail(ErrorCode.CODEC_UNSUPPORTED, error, config.codec());
      } else {
        feeder.error(error);
      }
    }, ignored -> next(config));
    feeder = new DecoderFeeder(decoder, () -> true, e -> {
      errors++;
      if (e.severity() == dev.oolong.Severity.CRITICAL) {
        fail(ErrorCode.CODEC_DECODE_FAILED, e.getMessage(), config.codec());
      }
    }, config.codec());
    for (EncodedChunk c : collector.chunks()) {
      feeder.add(c);
    }
    next(config);
  }

  /** Tops the decoder up; once everything is in, flushes it and sends the frames. */
  private void next(VideoDecoderConfig config) {
    if (feeder == null || answered()) {
      return;
    }
    feeder.feed();
    if (flushing || feeder.pending() > 0) {
      return;
    }
    flushing = true;
    decoder.flush(flushError -> {
      decoder.close();
      if (flushError != null) {
        fail(ErrorCode.CODEC_DECODE_FAILED, flushError, config.codec());
        return;
      }
      if (!claimAnswer()) {
        return;
      }
      String json = Json.object().put("codec", config.codec())
          .put("description", config.description() != null)
          .put("chunks", collector.chunks().size()).put("errors", errors)
          .put("skipped", feeder.skipped()).putRaw("frames", "[" + frameJson + "]").toString();
      WebCodecsBindings.postWithFrames(MessageType.RESULT.value, id, json, decoded);
    });
  }
}
