package dev.oolong.player;

/**
 * Where a player is. One value at a time, derived by {@link PlaybackStateMachine} from what was
 * asked (play or pause) and what the media allows (metadata known, enough data, seeking, ended).
 */
public enum PlayerState {
  /** Nothing loaded. */
  IDLE,
  /** {@code load()} was called; the tracks and duration are not known yet. */
  LOADING,
  /** The metadata is known; not played since the load. */
  READY,
  /** Playing: the clock runs. */
  PLAYING,
  /** Paused after having played (or after a seek while paused). */
  PAUSED,
  /** A seek is under way: the frame at the target is not shown yet. */
  SEEKING,
  /** Asked to play, but waiting for data (at the start, after a seek, or starved mid-stream). */
  BUFFERING,
  /** Played to the end. */
  ENDED,
  /** A critical error stopped the player. */
  ERROR;

  /** The name the page sees ({@code "playing"}, ...). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
