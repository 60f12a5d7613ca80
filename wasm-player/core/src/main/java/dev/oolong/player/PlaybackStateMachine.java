package dev.oolong.player;

/**
 * The player's state, one machine for every path: it is told what was asked ({@link #play},
 * {@link #pause}, {@link #seek}) and what the media did ({@link #metadataKnown}, {@link
 * #clockStarted}, {@link #starved}, {@link #seeked}, {@link #reachedEnd}, {@link #failed}), keeps
 * the state, and emits the media element's events in the element's order, each once where the
 * element emits it once.
 *
 * <pre>
 *   IDLE ─load─► LOADING ─metadata─► READY ─play─► BUFFERING ─clock─► PLAYING ─end─► ENDED
 *                                      ▲              ▲   │ starved ◄──┘ │ pause       │ play
 *                                      │              └───┴─ seeked ◄─ SEEKING ◄─ seek (any)
 *                                      └ PAUSED ◄─────────────────────────┘
 *   any ─critical error─► ERROR
 * </pre>
 *
 * It decides nothing about media: the output says when data suffices, the machine only keeps
 * the answers consistent. Not thread-safe (the engine is single-threaded).
 */
public final class PlaybackStateMachine {
  /** Receives the events and the state changes. */
  public interface Listener {
    /** An event, to report with the player's position, duration and rate as they are now. */
    void event(PlayerEvent event);

    /** The state changed (called before the event that caused it, if any, is emitted). */
    default void stateChanged(PlayerState from, PlayerState to) {}
  }

  private final Listener listener;
  private PlayerState state = PlayerState.IDLE;
  private boolean loaded;
  private boolean metadata;
  private boolean data;
  /** What was asked: true until {@link #play}, again after {@link #pause} and at the end. */
  private boolean paused = true;
  /** Played (asked to play) since the load: paused then reads PAUSED, else READY. */
  private boolean started;
  private boolean running;
  private boolean seeking;
  private boolean ended;
  private boolean failed;

  public PlaybackStateMachine(Listener listener) {
    this.listener = listener;
  }

  // --- what was asked

  /** A new load: everything known of the previous media is forgotten. */
  public void load() {
    loaded = true;
    metadata = false;
    data = false;
    paused = true;
    started = false;
    running = false;
    seeking = false;
    ended = false;
    failed = false;
    update();
    listener.event(PlayerEvent.LOADSTART);
  }

  /**
   * Asked to play. Returns false when nothing changes (playing already, failed, nothing loaded).
   * At the end, the caller seeks to the start first ({@link #ended()} tells it so).
   */
  public boolean play() {
    if (failed || !loaded || !paused) {
      return false;
    }
    paused = false;
    started = true;
    update();
    listener.event(PlayerEvent.PLAY);
    return true;
  }

  /** Asked to pause. Returns false when paused already. */
  public boolean pause() {
    if (paused || !loaded) {
      return false;
    }
    paused = true;
    running = false;
    update();
    listener.event(PlayerEvent.PAUSE);
    listener.event(PlayerEvent.TIMEUPDATE);
    return true;
  }

  /** A seek began (a new one may supersede one under way: each emits {@code seeking}). */
  public void seek() {
    if (failed || !loaded) {
      return;
    }
    seeking = true;
    running = false;
    ended = false;
    update();
    listener.event(PlayerEvent.SEEKING);
  }

  /** The playback rate changed. */
  public void rateChanged() {
    listener.event(PlayerEvent.RATECHANGE);
  }

  // --- what the media did

  /** The tracks and the duration are known (once per load; later calls are ignored). */
  public void metadataKnown() {
    if (metadata || !loaded || failed) {
      return;
    }
    metadata = true;
    update();
    listener.event(PlayerEvent.DURATIONCHANGE);
    listener.event(PlayerEvent.LOADEDMETADATA);
  }

  /** The duration changed after the metadata (an estimate refined, the end read). */
  public void durationChanged() {
    if (metadata) {
      listener.event(PlayerEvent.DURATIONCHANGE);
    }
  }

  /** The first frame can be shown (or, without video, playback could start): once per load. */
  public void dataKnown() {
    if (data || !metadata || failed) {
      return;
    }
    data = true;
    listener.event(PlayerEvent.LOADEDDATA);
    listener.event(PlayerEvent.CANPLAY);
    listener.event(PlayerEvent.CANPLAYTHROUGH); // loading runs ahead of playback from here
  }

  /** The seek under way is done: its frame is shown. */
  public void seeked() {
    if (!seeking) {
      return;
    }
    seeking = false;
    update();
    listener.event(PlayerEvent.SEEKED);
    listener.event(PlayerEvent.TIMEUPDATE);
  }

  /** The clock started: enough data, asked to play. */
  public void clockStarted() {
    if (running || failed) {
      return;
    }
    running = true;
    update();
    listener.event(PlayerEvent.PLAYING);
  }

  /** Playing, the data ran out before the end: waiting for more. */
  public void starved() {
    if (!running) {
      return;
    }
    running = false;
    update();
    listener.event(PlayerEvent.WAITING);
  }

  /** Played to the end: paused there. */
  public void reachedEnd() {
    if (ended || failed) {
      return;
    }
    ended = true;
    paused = true;
    running = false;
    update();
    listener.event(PlayerEvent.TIMEUPDATE);
    listener.event(PlayerEvent.PAUSE);
    listener.event(PlayerEvent.ENDED);
  }

  /** A critical error stopped the player (the caller reports the error itself). */
  public void failed() {
    failed = true;
    running = false;
    update();
  }

  /** Bytes arrived since the last report (a few times a second at most). */
  public void progress() {
    if (loaded && !failed) {
      listener.event(PlayerEvent.PROGRESS);
    }
  }

  /** A periodic progress report while playing. */
  public void timeUpdate() {
    listener.event(PlayerEvent.TIMEUPDATE);
  }

  // --- queries

  public PlayerState state() {
    return state;
  }

  /** Whether the clock should be started now: asked to play, nothing in the way but data. */
  public boolean wantsToRun() {
    return metadata && !paused && !running && !ended && !seeking && !failed;
  }

  public boolean paused() {
    return paused;
  }

  /** The clock runs (playing, not waiting). */
  public boolean running() {
    return running;
  }

  public boolean seeking() {
    return seeking;
  }

  public boolean ended() {
    return ended;
  }

  public boolean hasFailed() {
    return failed;
  }

  public boolean metadataSent() {
    return metadata;
  }

  public boolean dataSent() {
    return data;
  }

  private void update() {
    PlayerState next = derive();
    if (next != state) {
      PlayerState from = state;
      state = next;
      listener.stateChanged(from, next);
    }
  }

  private PlayerState derive() {
    if (failed) {
      return PlayerState.ERROR;
    }
    if (!loaded) {
      return PlayerState.IDLE;
    }
    if (!metadata) {
      return PlayerState.LOADING;
    }
    if (seeking) {
      return PlayerState.SEEKING;
    }
    if (ended) {
      return PlayerState.ENDED;
    }
    if (paused) {
      return started ? PlayerState.PAUSED : PlayerState.READY;
    }
    return running ? PlayerState.PLAYING : PlayerState.BUFFERING;
  }
}
