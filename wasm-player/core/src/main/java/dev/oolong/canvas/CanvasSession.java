package dev.oolong.canvas;

import static dev.oolong.player.StatsField.AUDIO_CODEC;
import static dev.oolong.player.StatsField.AUDIO_MASTER;
import static dev.oolong.player.StatsField.AUDIO_PLAYED_FRAMES;
import static dev.oolong.player.StatsField.AUDIO_UNDERRUNS;
import static dev.oolong.player.StatsField.DECODER_RESETS;
import static dev.oolong.player.StatsField.DROPPED_ACCESS_UNITS;
import static dev.oolong.player.StatsField.DROPPED_FRAMES;
import static dev.oolong.player.StatsField.HELD_FRAMES;
import static dev.oolong.player.StatsField.RECOVERIES;
import static dev.oolong.player.StatsField.HEIGHT;
import static dev.oolong.player.StatsField.HELD;
import static dev.oolong.player.StatsField.QUEUED_MS;
import static dev.oolong.player.StatsField.LOADING;
import static dev.oolong.player.StatsField.RENDERED_FRAMES;
import static dev.oolong.player.StatsField.STATE;
import static dev.oolong.player.StatsField.VIDEO_CODEC;
import static dev.oolong.player.StatsField.WIDTH;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.Severity;
import dev.oolong.audio.AudioRenderer;
import dev.oolong.audio.PcmOutput;
import dev.oolong.audio.Resampler;
import dev.oolong.decoder.AudioDecoderConfig;
import dev.oolong.decoder.ChunkCollector;
import dev.oolong.decoder.DecoderFeeder;
import dev.oolong.decoder.EncodedChunk;
import dev.oolong.decoder.VideoDecoderConfig;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.PsshBox;
import dev.oolong.media.TrackType;
import dev.oolong.player.PlaybackStateMachine;
import dev.oolong.player.PlayerEvent;
import dev.oolong.player.PlayerState;
import dev.oolong.player.Pipeline;
import dev.oolong.sync.MediaClock;
import dev.oolong.sync.RefreshMeter;
import dev.oolong.sync.VideoScheduler;
import dev.oolong.timeline.MediaEnd;
import dev.oolong.upstream.DataSource;
import dev.oolong.util.Json;
import java.util.List;

/**
 * A player on the canvas path: extraction → decoders (through {@link DecoderFeeder}s, with
 * back-pressure up to the loader) → the {@link VideoScheduler} and the {@link AudioRenderer},
 * paced by a {@link MediaClock} (the audio output's counter while audio plays, else the wall
 * clock). It keeps the player's state (paused, seeking, waiting, ended) and reports it as events
 * named like the media element's. {@link #tick} runs it: call it at every display refresh and
 * whenever a decoder put something out.
 *
 * @param <F> the decoded frame type
 */
public final class CanvasSession<F> {
  /** Frames decoded ahead before playback starts (or resumes after waiting). */
  public static final int START_FRAMES = 4;
  /** Audio buffered ahead before playback starts (or resumes after waiting). */
  public static final long START_AUDIO_US = 150_000;
  /** How often {@code timeupdate} is reported while playing (wall time). */
  public static final long TIMEUPDATE_US = 250_000;
  /**
   * With no frame waiting, how far the clock may run past the frame on screen before playback
   * waits for the decoder (a few frame intervals at usual rates).
   */
  static final long LATE_US = 100_000;

  /** What the session reports. */
  public interface Listener {
    /** An event, named like the media element's, with the session's state in {@code fields}. */
    void event(String name, Json.ObjectWriter fields);

    /** An error: recoverable (playback goes on) or critical (the session stopped). */
    void error(PlayerException error);
  }

  private final CanvasPlatform<F> platform;
  private final Listener listener;
  private final MediaClock clock;
  /** The user's rate and the live catch-up's. */
  private final RateControl rate;
  /** The levels of a multivariant playlist were told to the page. */
  private boolean levelsSent;
  private final VideoScheduler<F> scheduler;
  /** The display's refreshes: a frame drawn at one is seen at the next. */
  private final RefreshMeter refreshes = new RefreshMeter();
  /** What draws (the scheduler's); asked whether it is still busy when drawing unpaced. */
  private final VideoScheduler.Renderer<F> renderer;
  /** Source → extractor → timeline (media time from 0, jumps re-based) → {@link Split}. */
  private Pipeline pipeline;
  /** The player's state and the media element's events. */
  private final PlaybackStateMachine state = new PlaybackStateMachine(this::emit);
  /** Where the media ends (video 0, audio 1); its duration once the input was read to its end. */
  private final MediaEnd mediaEnd = new MediaEnd(2);
  private boolean endRead;

  private boolean tracksKnown;
  private boolean videoTrack;
  private boolean audioTrack;
  private DecodedTrack<F> video;
  private DecodedTrack<dev.oolong.audio.Pcm> audio;
  private AudioRenderer audioRenderer;
  private boolean audioOutputOn = true;
  /** The audio output's latency as the page reported it (µs). */
  private long audioLatencyUs;

  /** The clock was started since the load (it then starts at the first frame decoded). */
  private boolean started;
  private long seekTargetUs;
  /** A seek asked for before the stream could seek. */
  private final DeferredSeek deferred = new DeferredSeek(new DeferredSeek.Stream() {
    @Override
    public boolean canSeek() {
      return pipeline.canSeek();
    }

    @Override
    public boolean maySeekLater() {
      return CanvasSession.this.maySeekLater();
    }

    @Override
    public void moveTo(long targetUs) {
      CanvasSession.this.moveTo(targetUs);
    }

    @Override
    public void seekTo(long targetUs) {
      pipeline.seekTo(targetUs);
    }

    @Override
    public void giveUp() {
      notSeekable();
      seekTargetUs = clock.positionUs();
      state.seeked();
    }
  });
  private long renderedAtSeek;
  private boolean destroyed;
  private boolean inputEnded;
  private long undecodableLimitUs;
  /** How much later than the stream's start its first decoded picture may be and playback still start there. */
  static final long START_GAP_US = 500_000;
  private long firstPtsUs = C.TIME_UNSET;
  private long lastTimeUpdateUs;
  private int generation;

  private final PlaybackStats measured;
  /** Benchmarks: every frame drawn as soon as it is decoded ({@link #setUnpaced}). */
  private boolean unpaced;

  public CanvasSession(CanvasPlatform<F> platform, Listener listener) {
    this.platform = platform;
    this.listener = listener;
    this.clock = new MediaClock(platform.clock());
    this.rate = new RateControl(clock);
    this.measured = new PlaybackStats(platform.clock());
    this.renderer = platform.renderer();
    this.scheduler = new VideoScheduler<>(renderer);
    scheduler.seek(0); // the first frame is shown as soon as it is decoded
  }

  /** Selects the variant to play from the next segment on (a multivariant HLS playlist). */
  public void selectLevel(int index) {
    if (pipeline != null) {
      pipeline.selectLevel(index);
    }
  }

  /** Starts loading {@code url}. */
  public void load(DataSource source, String url) {
    state.load();
    pipeline = new Pipeline(source, url, new Split(), platform.clock(), platform.delay(), platform.cipher(),
        new Pipeline.Events() {
      @Override
      public void inputEnded() {
        inputEnded = true;
        if (!endRead) {
          endRead = true;
          state.durationChanged(); // the end read: the estimate gives way to it
        }
        tick();
      }

      @Override
      public void failed(PlayerException error) {
        fail(error);
      }

      @Override
      public void retrying(PlayerException error) {
        listener.error(error);
      }

      @Override
      public void warning(PlayerException warning) {
        listener.error(warning);
      }

      @Override
      public void seekMapKnown(SeekMap map) {
        state.durationChanged();
        if (!pipeline.levels().isEmpty() && !levelsSent) {
          levelsSent = true;
          listener.event("levels", pipeline.writeLevels(Json.object()));
        }
      }

      @Override
      public void levelSwitched(int index) {
        listener.event(PlayerEvent.LEVELSWITCH.wireName(), Json.object().put("level", index));
      }
    });
    pipeline.start();
  }


  // --- controls

  /** Plays (from the start again after the end). */
  public void play() {
    if (state.hasFailed() || destroyed) {
      return;
    }
    if (state.ended()) {
      seek(Math.max(0, firstPtsUs == C.TIME_UNSET ? 0 : firstPtsUs) / 1e6);
    }
    state.play();
    tick();
  }

  public void pause() {
    if (state.paused() || destroyed) {
      return;
    }
    stopClock();
    state.pause();
  }

  /** Seeks to {@code seconds} (clamped to the media); the first frame shown is the one at it. */
  public void seek(double seconds) {
    if (state.hasFailed() || destroyed || pipeline == null) {
      return;
    }
    long target = Math.max(0, Math.round(seconds * 1e6));
    long duration = durationUs();
    if (duration != C.TIME_UNSET) {
      target = Math.min(target, duration);
    }
    if (!pipeline.canSeek()) {
      if (!maySeekLater()) {
        // As an element: the seek ends at once where playback is (the page's position, moved
        // to the target when it asked, comes back with the seeked).
        notSeekable();
        seekTargetUs = clock.positionUs();
        state.seek();
        state.seeked();
        return;
      }
      // Like a media element: seeking now, carried out once the stream knows where to go.
      stopClock();
      seekTargetUs = target;
      deferred.defer(target);
      state.seek();
      return;
    }
    deferred.cancel();
    moveTo(target);
    state.seek();
    pipeline.seekTo(target);
    tick();
  }

  /** Whether the stream may still learn to seek: no final seek map yet, and the load goes on. */
  private boolean maySeekLater() {
    return !pipeline.isDone() && (pipeline.seekMap() == null || !pipeline.seekMap().isFinal());
  }

  private void notSeekable() {
    listener.error(PlayerException.recoverable(ErrorCode.PLAYER_INVALID_ARGUMENT,
        "This stream cannot seek", "argument", "seconds", "reason", "not seekable"));
  }

  /** Every stage drops what it holds and starts again at {@code target}. */
  private void moveTo(long target) {
    generation++;
    stopClock();
    seekTargetUs = target;
    renderedAtSeek = scheduler.rendered();
    inputEnded = false;
    measured.reset();
    clock.seek(target);
    scheduler.seek(target);
    for (DecodedTrack<?> t : tracks()) {
      t.seek();
    }
    if (audioRenderer != null) {
      audioRenderer.seek(target);
    }
  }

  /** Called a few times a second: a {@code progress} event while the input is being read. */
  public void progress() {
    if (pipeline != null && !pipeline.isDone() && !pipeline.isHeld()) {
      state.progress();
    }
  }

  /** The playback rate, clamped to 0.25–4; returns the rate applied. */
  public double setRate(double requested) {
    double applied = rate.set(requested);
    state.rateChanged();
    return applied;
  }

  /**
   * Switches the audio output off or on. Off when the browser holds audio until a user gesture
   * (autoplay policy): the picture plays on the wall clock and decoded audio is let go as it
   * passes; on again (after the gesture), audio rejoins where the picture is and is the clock.
   */
  public void setAudioOutput(boolean on) {
    audioOutputOn = on;
    if (audioRenderer != null) {
      audioRenderer.setOutputOn(on, clock.positionUs());
    }
    tick();
  }

  /**
   * For benchmarks ("play as fast as possible"): every frame is drawn as soon as it is decoded,
   * the clock follows the picture, audio is off. Not for viewing.
   */
  public void setUnpaced(boolean on) {
    unpaced = on;
    setAudioOutput(!on);
  }

  /** The drawing surface was resized (and so cleared): the frame on screen is drawn again. */
  public void redraw() {
    if (!destroyed) {
      scheduler.redraw();
    }
  }

  /**
   * How much media may go into a failing decoder with nothing decoded before playback ends with a
   * critical error (µs; 0 or less: {@link DecoderFeeder#DEFAULT_UNDECODABLE_LIMIT_US}). Set
   * before {@link #load}.
   */
  public void setUndecodableLimitUs(long limitUs) {
    undecodableLimitUs = limitUs;
  }

  /** What is heard lags what the audio output consumed by this (its reported latency). */
  public void setAudioLatencyUs(long latencyUs) {
    audioLatencyUs = latencyUs; // kept for an audio track found later
    if (audioRenderer != null) {
      audioRenderer.setLatencyUs(latencyUs);
    }
  }

  public void destroy() {
    destroyed = true;
    if (pipeline != null) {
      pipeline.cancel();
    }
    for (DecodedTrack<?> t : tracks()) {
      t.decoder.close();
    }
    if (audioRenderer != null) {
      audioRenderer.setPlaying(false);
    }
    scheduler.clear();
  }

  // --- state

  /** The position in seconds (the target while seeking). */
  public double currentTime() {
    long t = state.seeking() ? seekTargetUs : clock.positionUs();
    long end = endRead ? mediaEnd.endUs() : C.TIME_UNSET;
    // The clock may run on past the end (the last frame's time, the audio's tail draining):
    // the position stops at the media's end, as the element's does.
    return (end != C.TIME_UNSET && t > end ? end : t) / 1e6;
  }

  /**
   * The duration in µs: once the input was read to its end, where its samples end; before, the
   * seek map's (exact from an index, else an estimate; media time starts at 0), or unset (not
   * known yet: never a guess).
   */
  public long durationUs() {
    if (endRead && mediaEnd.endUs() != C.TIME_UNSET) {
      return mediaEnd.endUs();
    }
    return pipeline == null ? C.TIME_UNSET : pipeline.durationUs();
  }

  public boolean paused() {
    return state.paused();
  }

  public boolean ended() {
    return state.ended();
  }

  /** Where the player is (loading, playing, buffering, ...). */
  public PlayerState state() {
    return state.state();
  }

  // --- the engine's heartbeat

  /** A display refresh came at {@code nowUs} (the wall clock); {@link #tick} should follow. */
  public void refreshed(long nowUs) {
    refreshes.refreshed(nowUs);
  }

  /**
   * Runs the session: feeds the decoders, starts or stops the clock, draws the frame due,
   * reports progress. Call it at every display refresh and when a decoder put something out.
   */
  public void tick() {
    if (destroyed || state.hasFailed()) {
      return;
    }
    deferred.run();
    long wallUs = platform.clock().nowUs();
    for (DecodedTrack<?> t : tracks()) {
      t.pump();
      t.feeder.tick(wallUs);
    }
    if (audioRenderer != null) {
      // Unpaced, the picture runs ahead of any clock: decoded audio must not hold the loader.
      audioRenderer.passed(unpaced ? Long.MAX_VALUE : clock.positionUs());
      audioRenderer.pump();
    }
    if (pipeline != null) {
      // A seek waiting for the seek map reads on (and decodes nothing) until the map comes.
      pipeline.hold(!deferred.pending()
          && (video != null && video.feeder.full() || audio != null && audio.feeder.full()));
    }
    if (tracksKnown && (!videoTrack || video != null && video.triage.answered())
        && (!audioTrack || audio != null)) {
      state.metadataKnown(); // once
    }
    boolean ready = ready();
    if (state.wantsToRun() && ready) {
      startClock();
    } else if (state.running() && starving()) {
      stopClock();
      state.starved();
    }
    if (unpaced && state.running()) {
      drawUnpaced();
    } else {
      // Drawn now, seen one refresh later (and for one refresh): the frame covering most of that
      // refresh, in step with the sound heard then.
      long refresh = state.running() ? Math.round(refreshes.intervalUs() * clock.rate()) : 0;
      render(clock.positionUs() + refresh, Math.max(VideoScheduler.EARLY_US, refresh / 2));
    }
    long poster = scheduler.onScreenPtsUs();
    if (!started && !state.seeking() && poster != C.TIME_UNSET && poster - clock.positionUs() > START_GAP_US) {
      clock.seek(poster); // the stream's start cannot be decoded: the position is the first picture's
    }
    if (scheduler.rendered() > 0 || !videoTrack && ready) {
      state.dataKnown(); // once, after the metadata
    }
    if (state.seeking() && seekDone()) {
      state.seeked();
    }
    if (state.running() && allDone()) {
      stopClock();
      if (endRead && mediaEnd.endUs() != C.TIME_UNSET) {
        // At the end the position is the duration, as the element's: the audio clock stops
        // short of it by what the output had not played when the ring ran dry.
        clock.seek(mediaEnd.endUs());
      }
      state.reachedEnd();
      return;
    }
    long now = platform.clock().nowUs();
    if (pipeline != null) {
      pipeline.setBufferAheadUs(pipeline.queues().durationUs()); // what waits for the decoders
    }
    if (state.running()) {
      rate.tick(pipeline, clock.positionUs(), platform.epochMs(), now);
    }
    if (state.running() && now - lastTimeUpdateUs >= TIMEUPDATE_US) {
      lastTimeUpdateUs = now;
      state.timeUpdate();
    }
  }

  private void startClock() {
    if (!started) {
      started = true;
      long first = firstQueuedUs();
      if (first != C.TIME_UNSET) {
        clock.seek(first);
      }
    }
    clock.play();
    if (audioRenderer != null) {
      audioRenderer.setPlaying(true);
    }
    lastTimeUpdateUs = platform.clock().nowUs();
    state.clockStarted();
  }

  private void stopClock() {
    clock.pause();
    if (audioRenderer != null) {
      audioRenderer.setPlaying(false);
    }
  }

  /**
   * Where playback starts: the earliest media time read, or the first picture decoded when that
   * comes more than {@link #START_GAP_US} later (the stream's start cannot be decoded — a damaged
   * key frame: playback begins with the picture, not with a frame held far ahead of the clock).
   */
  private long firstQueuedUs() {
    long v = scheduler.firstQueuedPtsUs();
    if (firstPtsUs != C.TIME_UNSET && (v == C.TIME_UNSET || firstPtsUs < v && v - firstPtsUs <= START_GAP_US)) {
      v = firstPtsUs;
    }
    return v;
  }

  /** Enough is decoded to start: frames queued and audio buffered (or their tracks ended). */
  private boolean ready() {
    if (!tracksKnown || state.seeking() && !seekDone()) {
      return false;
    }
    boolean videoReady = !videoTrack || video != null
        && (video.flushed || scheduler.queued() >= START_FRAMES);
    boolean audioReady = !audioTrack || unpaced || audio == null && inputEnded || audio != null
        && (audio.flushed || audioRenderer.bufferedUs() >= START_AUDIO_US);
    return videoReady && audioReady;
  }

  /** Playing, and the media ran out before its end: wait for more. */
  private boolean starving() {
    long position = clock.positionUs();
    boolean videoLate = !unpaced && videoTrack && video != null && !video.flushed && scheduler.queued() == 0
        && scheduler.onScreenPtsUs() != C.TIME_UNSET
        && position - scheduler.onScreenPtsUs() > LATE_US;
    boolean audioDry = !unpaced && audioRenderer != null && !audio.flushed && audioRenderer.bufferedUs() == 0;
    return videoLate || audioDry;
  }

  private boolean seekDone() {
    if (deferred.pending()) {
      return false;
    }
    if (videoTrack) {
      return scheduler.rendered() > renderedAtSeek || video != null && video.flushed
          && scheduler.queued() == 0;
    }
    return audioRenderer == null || audioRenderer.bufferedUs() > 0 || audio.flushed;
  }

  private boolean allDone() {
    boolean videoDone = !videoTrack || video != null && video.flushed && scheduler.queued() == 0;
    boolean audioDone = !audioTrack || audioRenderer == null && inputEnded
        || audioRenderer != null && audio.flushed && audioRenderer.ended();
    return videoDone && audioDone && (videoTrack || audioTrack || inputEnded);
  }

  /** Unpaced: every frame waiting is drawn, in order, the clock following the picture. */
  private void drawUnpaced() {
    for (int i = scheduler.queued(); i > 0 && !renderer.busy(); i--) {
      long pts = scheduler.firstQueuedPtsUs();
      clock.seek(pts);
      render(pts, VideoScheduler.EARLY_US);
    }
  }

  /** Draws what is due at {@code position}; a frame that went on screen is measured. */
  private void render(long position, long earlyUs) {
    long before = scheduler.rendered();
    scheduler.render(position, state.running(), earlyUs);
    if (scheduler.rendered() != before) {
      long pts = scheduler.onScreenPtsUs();
      measured.shown(pts, state.running() && clock.audioMaster() ? (Long) (pts - position) : null);
    }
  }

  /** The canvas path has no EME: encrypted tracks (a {@code pssh}, or samples marked so) stop it. */
  private static PlayerException encrypted(String codec) {
    return PlayerException.critical(ErrorCode.DRM_NO_KEY_SYSTEM,
        "The media is encrypted and no key system is configured (DRM is not supported yet)",
        "codec", String.valueOf(codec));
  }

  private void fail(PlayerException e) {
    if (state.hasFailed() || destroyed) {
      return;
    }
    long heard = audioRenderer == null ? C.TIME_UNSET : audioRenderer.positionUs();
    stopClock();
    // The position stays with the last media shown: the picture on screen, or the sound heard
    // (the clock may have run on while a decoder was failing).
    long shown = Math.max(scheduler.onScreenPtsUs(), heard);
    if (started && shown >= 0 && clock.positionUs() > shown) { // (unset is negative)
      clock.seek(shown);
    }
    state.failed();
    if (pipeline != null) {
      pipeline.cancel();
    }
    listener.error(e);
  }

  /**
   * Reports an event with the state as it is now; {@code duration} is null while it is not known
   * (the page reads that as {@code NaN} before the metadata, {@code Infinity} after).
   */
  private void emit(PlayerEvent event) {
    long d = durationUs();
    Json.ObjectWriter fields = Json.object().put("time", currentTime())
        .put("duration", d == C.TIME_UNSET ? Double.NaN : d / 1e6)
        .put("paused", state.paused()).put("rate", rate.user()).put("state", state.state().wireName());
    if (event == PlayerEvent.LOADEDMETADATA && video != null) {
      fields.put("width", video.width).put("height", video.height);
    }
    listener.event(event.wireName(), fields);
  }

  // --- statistics

  /** The session's counts as JSON (decoded/rendered/dropped frames, decode time, A/V offset, ...). */
  public Json.ObjectWriter stats() {
    Json.ObjectWriter w = measured.write(Json.object())
        .put(RENDERED_FRAMES.key, scheduler.rendered())
        .put(DROPPED_FRAMES.key, scheduler.dropped())
        .put(AUDIO_UNDERRUNS.key, audioRenderer == null ? 0 : audioRenderer.underruns())
        .put(AUDIO_PLAYED_FRAMES.key, audioRenderer == null ? 0 : audioRenderer.playedFrames())
        .put(AUDIO_MASTER.key, clock.audioMaster())
        .put(VIDEO_CODEC.key, video == null ? "" : video.codec)
        .put(AUDIO_CODEC.key, audio == null ? "" : audio.codec)
        .put(WIDTH.key, video == null ? 0 : video.width)
        .put(HEIGHT.key, video == null ? 0 : video.height)
        .put(STATE.key, state.state().wireName())
        .put(LOADING.key, pipeline != null && !pipeline.isDone())
        .put(HELD.key, pipeline != null && pipeline.isHolding())
        .put(QUEUED_MS.key, pipeline == null ? 0 : pipeline.queues().durationUs() / 1000.0);
    int resets = (video == null ? 0 : video.feeder.resets()) + (audio == null ? 0 : audio.feeder.resets());
    long held = video == null ? 0 : video.feeder.resets() + video.feeder.skippedAfterFailure();
    long droppedUnits = held + (audio == null ? 0 : audio.feeder.resets() + audio.feeder.skippedAfterFailure());
    w.put(DECODER_RESETS.key, resets).put(DROPPED_ACCESS_UNITS.key, droppedUnits).put(HELD_FRAMES.key, held)
        .put(RECOVERIES.key, resets + (pipeline == null ? 0 : pipeline.recoveries()));
    Pipeline.writeLive(pipeline, clock.positionUs(), platform.epochMs(), w);
    return Pipeline.writeDamage(pipeline, w);
  }

  // --- tracks

  private List<DecodedTrack<?>> tracks() {
    List<DecodedTrack<?>> list = new java.util.ArrayList<>(2);
    if (video != null) {
      list.add(video);
    }
    if (audio != null) {
      list.add(audio);
    }
    return list;
  }

  /** What the tracks need of the session. */
  private final DecodedTrack.Host host = new DecodedTrack.Host() {
    @Override
    public boolean stopped() {
      return destroyed || state.hasFailed();
    }

    @Override
    public boolean inputEnded() {
      return inputEnded;
    }

    @Override
    public int generation() {
      return generation;
    }

    @Override
    public void ran() {
      tick();
    }

    @Override
    public void ended(DecodedTrack<?> track) {
      if (track.isVideo) {
        scheduler.endOfStream();
      } else if (audioRenderer != null) {
        audioRenderer.endOfStream();
      }
    }

    @Override
    public void failed(PlayerException e) {
      if (e.severity() == Severity.CRITICAL) {
        fail(e);
      } else {
        listener.error(e);
      }
    }

    @Override
    public void unsupported(DecodedTrack<?> track, PlayerException e) {
      if (track.isVideo) {
        fail(e);
        return;
      }
      // Audio that cannot be decoded: the video plays on alone, and the page is told.
      listener.error(e.asRecoverable());
      audioTrack = false;
      clock.setAudio(null);
      if (audioRenderer != null) {
        audioRenderer.setPlaying(false);
      }
      audioRenderer = null;
      rate.audio(null);
      audio = null;
      track.close();
    }
  };

  private DecodedTrack<F> makeVideoTrack(VideoDecoderConfig config) {
    DecodedTrack<F> t = new DecodedTrack<F>(true, config.codec(), false, config.codedWidth(), config.codedHeight(),
        host, answer -> platform.videoSupported(config, answer), sink -> platform.videoDecoder(config, sink),
        measured::timed, scheduler::wantsMore, (frame, ptsUs) -> {
          measured.decoded(ptsUs);
          scheduler.queue(frame, ptsUs);
          if (unpaced && state.running()) {
            drawUnpaced();
          } else if (state.seeking()) {
            render(clock.positionUs(), VideoScheduler.EARLY_US); // the target frame, as soon as it is there
          }
        });
    // Asked at once: the metadata (and so load()) waits for the answer, so a codec the browser
    // cannot decode fails the load instead of following it.
    t.triage.ask();
    t.feeder.setUndecodableLimitUs(undecodableLimitUs);
    return t;
  }

  private DecodedTrack<dev.oolong.audio.Pcm> makeAudioTrack(AudioDecoderConfig config, PcmOutput output) {
    AudioRenderer renderer = new AudioRenderer(output, platform.audioRate(), platform.clock());
    renderer.setLatencyUs(audioLatencyUs);
    renderer.setOutputOn(audioOutputOn, clock.positionUs());
    audioRenderer = renderer;
    rate.audio(renderer);
    clock.setAudio(renderer);
    DecodedTrack<dev.oolong.audio.Pcm> t = new DecodedTrack<>(false, config.codec(), config.stripAdts(), 0, 0,
        host, answer -> platform.audioSupported(config, answer), sink -> platform.audioDecoder(config, sink),
        d -> d, renderer::wantsMore, (pcm, ptsUs) -> renderer.queue(pcm));
    t.feeder.setUndecodableLimitUs(undecodableLimitUs);
    return t;
  }

  private void videoChunk(ChunkCollector collector, EncodedChunk chunk) {
    if (state.hasFailed() || destroyed) {
      return;
    }
    if (video == null) {
      if (collector.format().encrypted()) {
        fail(encrypted(collector.format().codecString()));
        return;
      }
      try {
        video = makeVideoTrack(VideoDecoderConfig.of(collector.format()).withFirstFrame(chunk.data()));
      } catch (PlayerException e) {
        fail(e);
        return;
      }
      if (state.hasFailed()) {
        return; // the decoder refused its configuration as it was made
      }
    }
    if (deferred.readPast(chunk.ptsUs())) {
      return;
    }
    notePts(chunk);
    mediaEnd.sample(0, chunk.ptsUs(), chunk.dtsUs());
    measured.arrived(chunk.ptsUs());
    video.add(chunk);
    tick();
  }

  private void audioChunk(ChunkCollector collector, EncodedChunk chunk) {
    if (state.hasFailed() || destroyed || !audioTrack) {
      return;
    }
    if (audio == null) {
      if (collector.format().encrypted()) {
        fail(encrypted(collector.format().codecString()));
        return;
      }
      AudioDecoderConfig config;
      try {
        config = AudioDecoderConfig.of(collector.format());
      } catch (PlayerException e) {
        listener.error(e.asRecoverable());
        audioTrack = false;
        return;
      }
      PcmOutput output = platform.audioOutput(Resampler.outputChannels(config.channels()));
      if (output == null) {
        audioTrack = false;
        return;
      }
      audio = makeAudioTrack(config, output);
      if (!audioTrack) {
        audio = null; // the decoder refused its configuration as it was made
        return;
      }
    }
    if (deferred.readPast(chunk.ptsUs())) {
      return;
    }
    notePts(chunk);
    mediaEnd.sample(1, chunk.ptsUs(), chunk.dtsUs());
    audio.add(chunk);
  }

  private void notePts(EncodedChunk chunk) {
    if (!started && (firstPtsUs == C.TIME_UNSET || chunk.ptsUs() < firstPtsUs)) {
      firstPtsUs = chunk.ptsUs();
    }
  }

  /** The extractor's output, split by track type into the two decoders. */
  private final class Split implements ExtractorOutput {
    private final ChunkCollector videoChunks = new ChunkCollector(Integer.MAX_VALUE, TrackType.VIDEO,
        c -> videoChunk(this.videoChunks, c));
    private final ChunkCollector audioChunks = new ChunkCollector(Integer.MAX_VALUE, TrackType.AUDIO,
        c -> audioChunk(this.audioChunks, c));

    @Override
    public TrackOutput track(int id, TrackType type) {
      if (type == TrackType.VIDEO) {
        videoTrack = true;
        return videoChunks.track(id, type);
      }
      if (type == TrackType.AUDIO) {
        audioTrack = audioTrack || !tracksKnown;
        return audioChunks.track(id, type);
      }
      return videoChunks.track(id, type); // ignored
    }

    @Override
    public void endTracks() {
      tracksKnown = true;
      tick();
    }

    @Override
    public void seekMap(SeekMap map) {
      // The pipeline keeps the map (and reports it: a durationchange).
    }

    @Override
    public void drmInitData(List<PsshBox> boxes) {
      if (!boxes.isEmpty()) {
        fail(encrypted("pssh"));
      }
    }
  }
}
