package dev.oolong.web;

import static dev.oolong.player.StatsField.BYTES_APPENDED;
import static dev.oolong.player.StatsField.EVICTIONS;
import static dev.oolong.player.StatsField.FIRST_VIDEO_SAMPLE_AT;
import static dev.oolong.player.StatsField.HELD;
import static dev.oolong.player.StatsField.QUEUED_MS;
import static dev.oolong.player.StatsField.HOLES_SKIPPED;
import static dev.oolong.player.StatsField.LOADING;
import static dev.oolong.player.StatsField.MIME_TYPE;
import static dev.oolong.player.StatsField.RETRIES;
import static dev.oolong.player.StatsField.SEGMENTS_APPENDED;
import static dev.oolong.player.StatsField.SILENT_FRAMES;
import static dev.oolong.player.StatsField.STATE;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.msefallback.BufferController;
import dev.oolong.msefallback.MediaSink;
import dev.oolong.msefallback.MseSession;
import dev.oolong.player.OutputPath;
import dev.oolong.player.LiveCatchUp;
import dev.oolong.player.Pipeline;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.player.StartAfter;
import dev.oolong.player.PlaybackStateMachine;
import dev.oolong.player.PlayerEvent;
import dev.oolong.player.PlayerState;
import dev.oolong.protocol.MessageType;
import dev.oolong.protocol.PlayerCommand;
import dev.oolong.upstream.DataSource;
import dev.oolong.util.Json;
import dev.oolong.player.StatsField;
import dev.oolong.web.jso.WorkerScope;
import dev.oolong.web.mse.MseBindings;
import dev.oolong.web.mse.PageMediaSink;
import dev.oolong.web.mse.WorkerMediaSink;

/**
 * A player on the MSE path inside the engine worker: the one {@link Pipeline} feeds an {@link MseSession},
 * whose {@link MediaSink} is a MediaSource in this worker ({@link WorkerMediaSink}) or, where
 * workers have none, on the page ({@link PageMediaSink}). This class only wires them and carries
 * messages.
 */
final class MsePlayer implements MseSession.Listener, WorkerMediaSink.Events {
  private final int id;
  private final String url;
  private final DataSource source;
  private MediaSink sink;
  private MseSession session;
  /** Source → extractor → timeline → the session; null until started. */
  private Pipeline pipeline;
  private boolean destroyed;
  private int retries;
  private BufferController buffer = new BufferController(0, 0);
  /** The element's position at its last report (seconds). */
  private double time;
  private final LiveCatchUp catchUp = new LiveCatchUp();
  /** The levels of a multivariant playlist were told to the page. */
  private boolean levelsSent;
  /** The last jump over a hole asked of the page, and when (epoch ms). */
  private double lastJump = Double.NaN;
  private double lastJumpAtMs;
  /** When {@link #time} was reported (the worker's epoch clock, ms). */
  private double timeAtMs;
  /** Media is appended from the first key frame after this (µs), or unset. */
  private long startAfterUs = C.TIME_UNSET;
  /** Drops what comes before that key frame; null on a plain load. */
  private StartAfter startFilter;
  /** MediaSources rebuilt before this one for the page's load. */
  private int rebuilds;
  /** The {@code held} of the last stats posted. */
  private boolean heldPosted;
  /**
   * The player's state, the same machine as the canvas path's, told what the element did (its
   * events reach the page's listeners from the element itself, so none are emitted from here;
   * each change is sent with the stats).
   */
  private final PlaybackStateMachine state = new PlaybackStateMachine(new PlaybackStateMachine.Listener() {
    @Override
    public void event(PlayerEvent event) {}

    @Override
    public void stateChanged(PlayerState from, PlayerState to) {
      postStats(); // the page's stats carry the state
    }
  });

  MsePlayer(int id, String url, DataSource source) {
    this.id = id;
    this.url = url;
    this.source = source;
  }

  /** The forward buffer goal and the back-buffer limit in seconds (<= 0 or NaN: the defaults). */
  void configure(double forwardGoal, double backBuffer) {
    buffer = new BufferController(forwardGoal, backBuffer);
  }

  /**
   * A MediaSource rebuilt after its output failed at {@code seconds} (NaN: a plain load): media
   * is appended from the first video key frame after it, what lies between never again;
   * {@code rebuilds}: MediaSources rebuilt for the page's load so far (recoveries, in the stats).
   */
  void startAfter(double seconds, int rebuilds) {
    startAfterUs = Double.isNaN(seconds) || seconds < 0 ? C.TIME_UNSET : Math.round(seconds * 1e6);
    this.rebuilds = Math.max(0, rebuilds);
  }

  /**
   * What the page reports of its element (on its events and a few times a second): the
   * back buffer is trimmed, extraction held or resumed against the forward goal, a hole in the
   * buffer jumped over, extraction moved back to where playback needs it.
   */
  void onPlayback(BufferController.Playback reported) {
    if (session == null || destroyed) {
      return;
    }
    // A MediaSource in this worker: its own ranges are current, the element's lag behind.
    double[] own = sink instanceof WorkerMediaSink w ? w.buffered() : null;
    BufferController.Playback p = (own == null ? reported : reported.withRanges(own))
        .withEnd(session.streamEnd());
    time = p.time();
    timeAtMs = WorkerScope.epochMs();
    session.setCurrentTime(time);
    if (pipeline != null) {
      pipeline.setBufferAheadUs(aheadUs(p));
    }
    if (catchUp.update(pipeline, Math.round(time * 1e6), Math.round(timeAtMs), aheadUs(p),
        Math.round(timeAtMs * 1000))) {
      // the page plays at this factor while its user's rate is 1
      MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id,
          Json.object().put("event", "catchup").put("rate", catchUp.factor()).toString());
    }
    double evict = buffer.evictBefore(time);
    if (!Double.isNaN(evict)) {
      session.evict(evict);
    }
    if (pipeline == null) {
      return;
    }
    BufferController.Load load = new BufferController.Load(session.loadFrom(),
        session.producedUntil(), session.allProduced(), session.pending());
    double reload = buffer.loadFrom(p, session.appended(), load);
    if (!Double.isNaN(reload) && moveExtraction(reload)) {
      return;
    }
    hold(buffer.shouldHold(time, session.producedUntil()));
    double[] wrong = buffer.contradiction(p, session.appended());
    if (wrong != null) {
      session.forget(wrong[0], wrong[1]);
    }
    double hole = buffer.holeEnd(p, session.appended());
    // Reports keep coming while the element seeks there: the same jump is asked again only
    // after a second (a seek that did not land), not once per report (a burst of seeks)
    if (!Double.isNaN(hole) && (hole != lastJump || timeAtMs - lastJumpAtMs >= 1000)) {
      lastJump = hole;
      lastJumpAtMs = timeAtMs;
      MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id,
          Json.object().put("event", "jump").put("time", hole).put("from", time).toString());
      postStats();
    }
  }

  /** A control from the page: only the level is the engine's on this path (the element does the rest). */
  void control(PlayerCommand op, double value) {
    if (op == PlayerCommand.LEVEL && pipeline != null && !destroyed) {
      pipeline.selectLevel((int) value);
    }
  }

  /** Media buffered ahead of the position, µs (0 outside a range). */
  private static long aheadUs(BufferController.Playback p) {
    double[] r = p.ranges();
    for (int i = 0; i + 1 < r.length; i += 2) {
      if (p.time() >= r[i] - 0.05 && p.time() < r[i + 1]) {
        return Math.round((r[i + 1] - p.time()) * 1e6);
      }
    }
    return 0;
  }

  /**
   * Starts: the MediaSource lives in this worker where the browser allows it (or unless the page
   * asks for the main thread), else on the page, driven by messages.
   */
  void start(boolean mainThread) {
    boolean inWorker = !mainThread && MseBindings.workerMseSupported();
    sink = inWorker ? new WorkerMediaSink(id, this) : new PageMediaSink(id, this);
    session = new MseSession(sink, this);
    state.load();
    load();
  }

  /** The element emitted {@code name} (a media element event): the state follows it. */
  void onElementEvent(String name) {
    PlayerEvent event = PlayerEvent.ofWireName(name);
    if (event == null || destroyed) {
      return;
    }
    switch (event) {
      case LOADEDMETADATA -> state.metadataKnown();
      case LOADEDDATA, CANPLAY -> state.dataKnown();
      case PLAY -> state.play();
      case PLAYING -> state.clockStarted();
      case WAITING -> state.starved();
      case PAUSE -> state.pause();
      case SEEKING -> state.seek();
      case SEEKED -> state.seeked();
      case ENDED -> state.reachedEnd();
      default -> { }
    }
  }

  /** An event of the page's MediaSource (main-thread MSE). */
  void onPageEvent(dev.oolong.protocol.PageMseEvent event, int buffer, String reason) {
    if (sink instanceof PageMediaSink page && !destroyed) {
      page.onPageEvent(event, buffer, reason);
    }
  }

  @Override
  public void opened() {
    session.pump();
  }

  @Override
  public void onProduced() {
    if (pipeline != null && buffer.shouldHold(time, session.producedUntil())) {
      hold(true);
    }
  }

  @Override
  public void appended() {
    postStats();
    session.pump();
  }

  @Override
  public void failed(PlayerException e) {
    session.fail(e);
  }

  private void load() {
    // The first sample's arrival is read on the epoch clock: the page compares it with its own.
    startFilter = startAfterUs == C.TIME_UNSET ? null : new StartAfter(session.output(), startAfterUs);
    ExtractorOutput output = startFilter == null ? session.output() : startFilter;
    pipeline = new Pipeline(source, url, output, () -> Math.round(WorkerScope.epochMs() * 1000), EngineMain.DELAY, EngineMain.CIPHER,
        new Pipeline.Events() {
          @Override
          public void inputEnded() {
            if (destroyed) {
              return;
            }
            if (startFilter != null && !startFilter.started()) {
              // Rebuilt past a failure, and no key frame follows it: playback ends there.
              onError(PlayerException.critical(ErrorCode.CONTAINER_TRUNCATED,
                  "Nothing decodable follows the failure at " + startAfterUs / 1e6 + " s (no key frame after it)",
                  "offset", "", "reason", "no key frame after the failure"));
              return;
            }
            session.inputEnded();
          }

          @Override
          public void failed(PlayerException error) {
            session.fail(error);
          }

          @Override
          public void retrying(PlayerException error) {
            retries++;
            postStats();
          }

          @Override
          public void seekMapKnown(dev.oolong.extractor.SeekMap map) {
            if (!destroyed && !levelsSent && !pipeline.levels().isEmpty()) {
              levelsSent = true;
              MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id,
                  pipeline.writeLevels(Json.object().put("event", "levels")).toString());
            }
          }

          @Override
          public void levelSwitched(int index) {
            if (!destroyed) {
              MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id,
                  Json.object().put("event", PlayerEvent.LEVELSWITCH.wireName()).put("level", index).toString());
            }
          }

          @Override
          public void warning(PlayerException warning) {
            if (!destroyed) {
              MseBindings.postError(id, warning);
            }
          }
        });
    pipeline.start();
  }

  /**
   * The element is seeking to {@code p.time()} (media time: the stream's start is 0). When the target is
   * buffered already, MSE seeks in its buffer and the download goes on (moved later if the
   * playhead's range needs it); otherwise the extraction moves to the seek point before the
   * target (also after it reached the end: what was evicted loads again).
   */
  void seek(BufferController.Playback p) {
    if (destroyed || session == null || p.buffered(p.time())) {
      return;
    }
    time = p.time();
    moveExtraction(time);
  }

  /** Holds the pipeline or lets it go on; the page hears when loading pauses or resumes. */
  private void hold(boolean hold) {
    pipeline.hold(hold);
    if (pipeline.isHolding() != heldPosted) {
      postStats();
    }
  }

  private boolean moveExtraction(double seconds) {
    if (pipeline == null || !pipeline.canSeek()) {
      return false;
    }
    session.seek(seconds);
    return pipeline.seekTo(Math.round(seconds * 1e6));
  }

  void destroy() {
    destroyed = true;
    if (pipeline != null) {
      pipeline.cancel();
    }
  }

  // --- MseSession.Listener

  @Override
  public void onAppended(int segments, long bytes) {}

  private void postStats() {
    if (session == null) {
      return;
    }
    // The latency as of the page's last report of the position (the two move together while playing)
    Json.ObjectWriter live = Pipeline.writeLive(pipeline, Math.round(time * 1e6), Math.round(timeAtMs), Json.object());
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id, Pipeline.writeDamage(pipeline, live
        .put("event", "stats")
        .put(MIME_TYPE.key, session.mimeType() == null ? "" : session.mimeType())
        .put(SEGMENTS_APPENDED.key, session.segmentsAppended())
        .put(BYTES_APPENDED.key, session.bytesAppended())
        .put(SILENT_FRAMES.key, session.silentFrames())
        .put(RETRIES.key, retries)
        .put(EVICTIONS.key, session.evictions())
        .put(HOLES_SKIPPED.key, buffer.holesSkipped())
        .put(FIRST_VIDEO_SAMPLE_AT.key, pipeline == null || pipeline.firstSampleAtUs() == C.TIME_UNSET ? -1
            : pipeline.firstSampleAtUs() / 1000.0)
        .put(STATE.key, state.state().wireName())
        .put(HELD.key, heldPosted = pipeline != null && pipeline.isHolding())
        .put(QUEUED_MS.key, pipeline == null ? 0 : pipeline.queues().durationUs() / 1000.0)
        .put(LOADING.key, pipeline != null && !pipeline.isDone())
        .put(StatsField.RECOVERIES.key, rebuilds + (pipeline == null ? 0 : pipeline.recoveries())))
        .toString());
  }

  @Override
  public void onEndOfStream() {
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id,
        Json.object().put("event", "endOfStream").toString());
  }

  @Override
  public void onError(PlayerException error) {
    state.failed();
    if (pipeline != null) {
      pipeline.cancel();
    }
    Failover.report(id, OutputPath.MSE, error, time);
  }

  /** The element failed (its {@code error} event): the path has failed. */
  void elementFailed(String reason) {
    if (destroyed || state.hasFailed()) {
      return;
    }
    String why = reason == null || reason.isEmpty() ? "unknown" : reason;
    onError(PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED, "The media element failed: " + why,
        "operation", "play", "reason", why));
  }
}
