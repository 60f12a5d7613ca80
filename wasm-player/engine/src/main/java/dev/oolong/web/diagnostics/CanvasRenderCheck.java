package dev.oolong.web.diagnostics;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.decoder.ChunkCollector;
import dev.oolong.decoder.DecoderFeeder;
import dev.oolong.decoder.EncodedChunk;
import dev.oolong.decoder.VideoDecoderConfig;
import dev.oolong.extractor.ExtractionLoader;
import dev.oolong.media.TrackType;
import dev.oolong.protocol.MessageType;
import dev.oolong.sync.MediaClock;
import dev.oolong.sync.VideoScheduler;
import dev.oolong.upstream.DataSource;
import dev.oolong.util.Json;
import dev.oolong.web.gl.CanvasBindings;
import dev.oolong.web.gl.GlRenderer;
import dev.oolong.web.jso.WorkerScope;
import dev.oolong.web.webcodecs.WebCodecsBindings;
import dev.oolong.web.webcodecs.WebCodecsVideoDecoder;
import org.teavm.jso.JSObject;

/**
 * The {@code RENDER_VIDEO} diagnostic: a URL's video track played once, from its first frame, at
 * real-time speed on an {@code OffscreenCanvas} the page handed over — the canvas path's video
 * half end to end (extraction held by decoder back-pressure, WebCodecs in this worker, the
 * {@link VideoScheduler} on the worker's display refreshes, the wall clock as master). Answers,
 * once the last frame is shown, with the scheduler's counts.
 */
public final class CanvasRenderCheck extends DiagnosticDecode {
  /** Frames decoded ahead before the clock starts (a decoder's first frames come slower). */
  public static final int START_FRAMES = VideoScheduler.MAX_QUEUED;

  private final GlRenderer gl;
  private final JSObject context;
  private final MediaClock clock = new MediaClock(() -> Math.round(WorkerScope.now() * 1000));
  private final VideoScheduler<JSObject> scheduler;
  private ExtractionLoader loader;
  private WebCodecsVideoDecoder decoder;
  private DecoderFeeder feeder;
  private String codec;
  private boolean inputEnded;
  private boolean flushed;
  private boolean started;
  private long decoded;
  private double startMs;

  private CanvasRenderCheck(int id, JSObject canvas, java.util.function.Consumer<EncodedChunk> sink) {
    super(id, new ChunkCollector(Integer.MAX_VALUE, TrackType.VIDEO, sink));
    gl = GlRenderer.create(canvas);
    context = gl == null ? WebCodecsBindings.context2d(canvas) : null;
    scheduler = new VideoScheduler<>(new VideoScheduler.Renderer<>() {
      @Override
      public void show(JSObject frame) {
        if (gl != null) {
          gl.drawFrame(frame);
        } else {
          CanvasBindings.drawFitted(context, frame);
        }
      }

      @Override
      public void release(JSObject frame) {
        WebCodecsBindings.closeFrame(frame);
      }
    });
  }

  public static void run(int id, String url, JSObject canvas, DataSource source) {
    if (!WebCodecsBindings.available()) {
      reply(id, PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
          "This browser has no WebCodecs VideoDecoder", "codec", "VideoDecoder"));
      return;
    }
    CanvasRenderCheck[] self = new CanvasRenderCheck[1];
    self[0] = new CanvasRenderCheck(id, canvas, chunk -> self[0].add(chunk));
    self[0].begin(source, url);
  }

  private void begin(DataSource source, String url) {
    loader = start(source, url);
    WebCodecsBindings.nextFrame(ignored -> tick());
  }

  /** Every chunk is in (they streamed through {@link #add}): the decoder's last frames are due. */
  @Override
  public void collected() {
    inputEnded = true;
    if (feeder == null && !answered()) {
      // No video chunk came (an audio-only stream): nothing will ever be drawn.
      answer(PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
          "The stream has no video track to render", "codec", "none"));
      return;
    }
    drainAtEnd();
  }

  /** A chunk from the extraction: the decoder is made at the first one (the format is known). */
  private void add(EncodedChunk chunk) {
    if (answered()) {
      return;
    }
    if (feeder == null) {
      VideoDecoderConfig config;
      try {
        config = VideoDecoderConfig.of(collector.format());
      } catch (PlayerException e) {
        answer(e);
        return;
      }
      codec = config.codec();
      decoder = new WebCodecsVideoDecoder(config, frame -> {
        decoded++;
        scheduler.queue(frame, Math.round(WebCodecsBindings.timestamp(frame)));
        feeder.decoded();
        feeder.feed();
      }, error -> {
        if (feeder == null) {
          fail(ErrorCode.CODEC_UNSUPPORTED, error, codec);
        } else {
          feeder.error(error);
        }
      }, ignored -> pump());
      feeder = new DecoderFeeder(decoder, scheduler::wantsMore, e -> {
        if (e.severity() == dev.oolong.Severity.CRITICAL) {
          fail(ErrorCode.CODEC_DECODE_FAILED, e.getMessage(), codec);
        }
      }, codec);
    }
    feeder.add(chunk);
    loader.hold(feeder.full());
  }

  /** Tops the decoder up and lets the extraction go on when the queue has room. */
  private void pump() {
    if (feeder == null || answered()) {
      return;
    }
    feeder.feed();
    if (!feeder.full()) {
      loader.hold(false);
    }
    drainAtEnd();
  }

  /** At the end of the input, once everything is in the decoder, its last frames are flushed out. */
  private void drainAtEnd() {
    if (!inputEnded || flushed || feeder == null || feeder.pending() > 0) {
      return;
    }
    flushed = true;
    decoder.flush(error -> {
      if (error != null) {
        fail(ErrorCode.CODEC_DECODE_FAILED, error, codec);
        return;
      }
      scheduler.endOfStream();
      if (decoded == 0) {
        // Everything went in and nothing came out: no frame will ever be due.
        fail(ErrorCode.CODEC_DECODE_FAILED, "no frame decoded", codec);
      }
    });
  }

  /**
   * One display refresh: the clock starts at the first frame once {@link #START_FRAMES} are
   * decoded; then the frame due is drawn.
   */
  private void tick() {
    if (answered()) {
      scheduler.clear();
      return;
    }
    if (!started && (scheduler.queued() >= START_FRAMES || flushed && scheduler.queued() > 0)) {
      started = true;
      long first = scheduler.firstQueuedPtsUs();
      clock.seek(first);
      clock.play();
      startMs = WorkerScope.now();
    }
    if (started) {
      scheduler.render(clock.positionUs(), true);
      pump();
      if (flushed && scheduler.queued() == 0 && decoder.queueSize() == 0 && scheduler.rendered() > 0
          && claimAnswer()) {
        String json = Json.object().put("codec", codec).put("decoded", decoded)
            .put("rendered", scheduler.rendered()).put("dropped", scheduler.dropped())
            .put("ms", WorkerScope.now() - startMs)
            .put("lastPtsUs", scheduler.onScreenPtsUs()).toString();
        decoder.close();
        scheduler.clear();
        WorkerScope.postMessage(WorkerScope.message(MessageType.RESULT.value, id, json));
        return;
      }
    }
    WebCodecsBindings.nextFrame(ignored -> tick());
  }
}
