package dev.oolong.web;

import static dev.oolong.player.StatsField.AUDIO_PATH;
import static dev.oolong.player.StatsField.GL_RENDERER;
import static dev.oolong.player.StatsField.MEDIA_TIME;
import static dev.oolong.player.StatsField.REFRESH_STALLS;
import static dev.oolong.player.StatsField.RENDERER;
import static dev.oolong.player.StatsField.RING_DROPS;
import static dev.oolong.player.StatsField.VIDEO_RENDER;

import dev.oolong.PlayerException;
import dev.oolong.audio.AudioRingLayout;
import dev.oolong.audio.Pcm;
import dev.oolong.audio.PcmOutput;
import dev.oolong.audio.RingPcmOutput;
import dev.oolong.canvas.CanvasPlatform;
import dev.oolong.canvas.CanvasSession;
import dev.oolong.canvas.DecoderSink;
import dev.oolong.canvas.MediaDecoder;
import dev.oolong.decoder.AudioDecoderConfig;
import dev.oolong.decoder.VideoDecoderConfig;
import dev.oolong.player.OutputPath;
import dev.oolong.player.StatsField;
import dev.oolong.protocol.MessageType;
import dev.oolong.protocol.PlayerCommand;
import dev.oolong.render.FrameIndexBarcode;
import dev.oolong.render.FrameInfo;
import dev.oolong.render.FrameRing;
import dev.oolong.render.FrameRingLayout;
import dev.oolong.render.VideoRender;
import dev.oolong.sync.VideoScheduler;
import dev.oolong.upstream.DataSource;
import dev.oolong.util.Clock;
import dev.oolong.util.Json;
import dev.oolong.web.gl.CanvasBindings;
import dev.oolong.web.gl.GlRenderer;
import dev.oolong.web.jso.WorkerScope;
import dev.oolong.web.memory.FrameRingMemory;
import dev.oolong.web.memory.PostedRingMemory;
import dev.oolong.web.memory.SabRingMemory;
import dev.oolong.web.mse.MseBindings;
import dev.oolong.web.webcodecs.Picture;
import dev.oolong.web.webcodecs.RingCopyDecoder;
import dev.oolong.web.webcodecs.WebCodecsAudioDecoder;
import dev.oolong.web.webcodecs.WebCodecsBindings;
import dev.oolong.web.webcodecs.WebCodecsVideoDecoder;
import org.teavm.jso.JSObject;

/**
 * A player on the canvas path inside the engine worker: binds a {@link CanvasSession} to
 * WebCodecs, the {@code OffscreenCanvas} the page handed over, and the audio ring shared with the
 * page's AudioWorklet; runs it at every display refresh of the worker; carries the page's
 * controls in and the session's events out. No playback logic lives here.
 */
final class CanvasPlayer implements CanvasPlatform<Picture>, CanvasSession.Listener {
  /** Without a display refresh for this long, a timer gives the heartbeat (ms). */
  static final double WATCHDOG_MS = 100;
  /** How often the statistics go to the page (ms). */
  static final double STATS_MS = 250;
  /** The audio ring's least capacity in seconds (the renderer keeps it ~0.2 s full). */
  static final double RING_SECONDS = 0.5;

  private final int id;
  /** Frame ring slots: the scheduler's queue, the frame on screen, one being copied, one spare. */
  static final int RING_SLOTS = VideoScheduler.MAX_QUEUED + 3;

  private final JSObject canvas;
  /** WebGL2, or null where it cannot be had: then {@link #context} (2D) draws. */
  private final GlRenderer gl;
  private final JSObject context;
  /** Frames copied out as planes into the frame ring and drawn with the YUV shader. */
  private final boolean planes;
  /** The WebGL renderer's name (empty without WebGL2 or when the browser withholds it). */
  private final String rendererName;
  private FrameRing ring;
  private FrameRingMemory ringMemory;
  private RingCopyDecoder copier;
  private final JSObject audioPort;
  private final int audioRate;
  private final CanvasSession<Picture> session;
  private final Clock clock = () -> Math.round(WorkerScope.now() * 1000);
  private boolean destroyed;
  private double lastStatsMs;
  /** When the last display refresh came (ms, {@link WorkerScope#now}). */
  private double lastRefreshMs = WorkerScope.now();
  /** Heartbeats the watchdog gave because no display refresh came. */
  private int refreshStalls;
  /** Test oracle: the barcode read back after each frame drawn, or null (off). */
  private FrameProbe probe;
  private String audioPath = "none";

  CanvasPlayer(int id, JSObject message) throws PlayerException {
    this.id = id;
    this.canvas = WorkerScope.objectField(message, "canvas");
    this.gl = GlRenderer.create(canvas);
    this.context = gl == null ? WebCodecsBindings.context2d(canvas) : null;
    this.rendererName = gl == null ? "" : gl.rendererName();
    this.planes = gl != null && VideoRender.choose(WorkerScope.stringField(message, "videoRender"), rendererName)
        == VideoRender.PLANES;
    this.audioPort = WorkerScope.objectField(message, "audioPort");
    this.audioRate = Math.max(8000, WorkerScope.intField(message, "audioRate"));
    resize(WorkerScope.intField(message, "width"), WorkerScope.intField(message, "height"));
    this.session = new CanvasSession<>(this, this);
    session.setAudioLatencyUs(Math.round(MseBindings.doubleField(message, "audioLatency") * 1e6));
    double undecodable = MseBindings.doubleField(message, "undecodableTimeout");
    session.setUndecodableLimitUs(Double.isNaN(undecodable) ? 0 : Math.round(undecodable * 1e6));
  }

  void start(DataSource source, String url) {
    session.load(source, url);
    WebCodecsBindings.nextFrame(ignored -> refresh());
    watchdog();
  }

  /** At every display refresh: the session's heartbeat. */
  private void refresh() {
    if (destroyed) {
      return;
    }
    lastRefreshMs = WorkerScope.now();
    session.refreshed(Math.round(lastRefreshMs * 1000));
    beat();
    WebCodecsBindings.nextFrame(ignored -> refresh());
  }

  /**
   * The worker's {@code requestAnimationFrame} can stop coming for a while (a compositor that
   * has not attached the canvas yet, or is starved: seen once in a run of many players in one
   * page, where a load then waited for ever since metadata is sent from the heartbeat). A timer
   * then beats instead, every {@link #WATCHDOG_MS}, until the refreshes come back: slower, never
   * stopped. Each beat it takes is counted ({@code refreshStalls}).
   */
  private void watchdog() {
    WebCodecsBindings.after(WATCHDOG_MS, ignored -> {
      if (destroyed) {
        return;
      }
      if (WorkerScope.now() - lastRefreshMs >= WATCHDOG_MS) {
        refreshStalls++;
        beat();
      }
      watchdog();
    });
  }

  private void beat() {
    session.tick();
    double now = WorkerScope.now();
    if (now - lastStatsMs >= STATS_MS) {
      lastStatsMs = now;
      session.progress();
      post(session.stats().put("event", "stats").put(AUDIO_PATH.key, audioPath)
          .put(RENDERER.key, gl == null ? "2d" : "webgl2").put(GL_RENDERER.key, rendererName)
          .put(VIDEO_RENDER.key, planes ? "planes" : "frame")
          .put(RING_DROPS.key, copier == null ? 0 : copier.ringDrops())
          .put(REFRESH_STALLS.key, refreshStalls)
          .putRaw(StatsField.PROBE.key, probe == null ? "null" : probe.toJson())
          .put(MEDIA_TIME.key, session.currentTime())
          .put("time", session.currentTime())); // the page's clock follows it
    }
  }

  /** A control from the page ({@link PlayerCommand} says what {@code value} and {@code value2} carry). */
  void control(PlayerCommand op, double value, double value2) {
    if (destroyed || op == null) {
      return;
    }
    switch (op) {
      case PLAY -> session.play();
      case PAUSE -> session.pause();
      case SEEK -> session.seek(value);
      case RATE -> session.setRate(value);
      case SIZE -> resize((int) value, (int) value2);
      case AUDIO_LATENCY -> session.setAudioLatencyUs(Math.round(value * 1e6));
      case AUDIO_OUTPUT -> session.setAudioOutput(value != 0);
      case UNPACED -> session.setUnpaced(value != 0);
      case PROBE -> probe = value != 0 ? new FrameProbe() : null;
      case LEVEL -> session.selectLevel((int) value);
    }
  }

  private void resize(int width, int height) {
    CanvasBindings.resize(canvas, width, height);
    if (session != null) {
      session.redraw(); // a resized canvas is cleared: paused, nothing else would draw it again
    }
  }

  void destroy() {
    destroyed = true;
    session.destroy();
  }

  private void post(Json.ObjectWriter json) {
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id, json.toString());
  }

  // --- CanvasSession.Listener

  @Override
  public void event(String name, Json.ObjectWriter fields) {
    post(fields.put("event", name));
  }

  @Override
  public void error(PlayerException error) {
    Failover.report(id, OutputPath.CANVAS, error);
  }

  // --- CanvasPlatform

  @Override
  public MediaDecoder videoDecoder(VideoDecoderConfig config, DecoderSink<Picture> sink) {
    if (planes) {
      if (ring == null) {
        int slotBytes = FrameRingLayout.planes(FrameRingLayout.FORMAT_I420, Math.max(16, config.codedWidth()),
            Math.max(16, config.codedHeight()))[2][0];
        ringMemory = new FrameRingMemory(RING_SLOTS, slotBytes);
        ring = new FrameRing(ringMemory, RING_SLOTS, slotBytes);
      }
      copier = new RingCopyDecoder(config, sink, ring, ringMemory.bytes());
      return copier;
    }
    return WebCodecsVideoDecoder.to(config,
        DecoderSink.<JSObject>forwarding(sink, (frame, ptsUs) -> sink.output(Picture.of(frame), ptsUs)));
  }

  @Override
  public void videoSupported(VideoDecoderConfig config, java.util.function.Consumer<Boolean> answer) {
    WebCodecsBindings.isConfigSupported(config.codec(), WebCodecsBindings.bytes(config.description()),
        config.codedWidth(), config.codedHeight(),
        a -> answer.accept(!"no".equals(a))); // "error: ..." is not a "no": the data decides then
  }

  @Override
  public void audioSupported(AudioDecoderConfig config, java.util.function.Consumer<Boolean> answer) {
    WebCodecsBindings.isAudioConfigSupported(config.codec(), config.sampleRate(), config.channels(),
        WebCodecsBindings.bytes(config.description()), a -> answer.accept(!"no".equals(a)));
  }

  @Override
  public MediaDecoder audioDecoder(AudioDecoderConfig config, DecoderSink<Pcm> sink) {
    return new WebCodecsAudioDecoder(config, sink);
  }

  @Override
  public PcmOutput audioOutput(int channels) {
    if (audioPort == null) {
      return null; // the page could not make its audio graph, and said so
    }
    int capacity = AudioRingLayout.capacityFor((int) Math.round(audioRate * RING_SECONDS));
    if (!CanvasBindings.sharedMemory()) {
      // Not cross-origin isolated: the same ring, kept by the worklet and written by messages.
      audioPath = "posted";
      return new RingPcmOutput(new PostedRingMemory(audioPort, capacity, channels), capacity, channels);
    }
    SabRingMemory memory = new SabRingMemory(capacity, channels);
    RingPcmOutput output = new RingPcmOutput(memory, capacity, channels);
    CanvasBindings.postRing(audioPort, memory.buffer());
    audioPath = "ring";
    return output;
  }

  @Override
  public int audioRate() {
    return audioRate;
  }

  @Override
  public VideoScheduler.Renderer<Picture> renderer() {
    return new VideoScheduler.Renderer<>() {
      @Override
      public void show(Picture picture) {
        if (picture.frame == null) {
          gl.drawPlanes(ringMemory.bytes(), ring.slotOffset(picture.slot), ring.info(picture.slot));
        } else if (gl != null) {
          gl.drawFrame(picture.frame);
        } else {
          CanvasBindings.drawFitted(context, picture.frame);
        }
        if (probe != null && gl != null) {
          FrameInfo info = picture.frame == null ? ring.info(picture.slot) : null;
          int videoWidth = info != null ? info.width() : WebCodecsBindings.visibleWidth(picture.frame);
          int videoHeight = info != null ? info.height() : WebCodecsBindings.visibleHeight(picture.frame);
          long pts = info != null ? info.ptsUs() : Math.round(WebCodecsBindings.timestamp(picture.frame));
          int rows = FrameIndexBarcode.bandRows(gl.pictureHeight(), videoHeight);
          probe.add(pts, FrameIndexBarcode.read(gl.readPictureTop(rows), gl.pictureWidth(), rows, videoWidth));
        }
      }

      @Override
      public boolean busy() {
        return gl != null && gl.busy();
      }

      @Override
      public void release(Picture picture) {
        if (picture.frame == null) {
          ring.release(picture.slot);
          if (copier != null) {
            copier.slotReleased();
          }
        } else {
          WebCodecsBindings.closeFrame(picture.frame);
        }
      }
    };
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public long epochMs() {
    return Math.round(dev.oolong.web.jso.WorkerScope.epochMs());
  }

  @Override
  public dev.oolong.upstream.Cipher cipher() {
    return EngineMain.CIPHER;
  }

  @Override
  public dev.oolong.upstream.Delay delay() {
    return EngineMain.DELAY;
  }
}
