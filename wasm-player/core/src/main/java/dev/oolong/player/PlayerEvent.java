package dev.oolong.player;

/**
 * The events a player emits, on every path, named as {@code HTMLMediaElement}'s where one exists.
 * Declared once here; the page's event names are generated from this list.
 */
public enum PlayerEvent {
  LOADSTART,
  DURATIONCHANGE,
  LOADEDMETADATA,
  LOADEDDATA,
  CANPLAY,
  PLAY,
  PLAYING,
  PAUSE,
  SEEKING,
  SEEKED,
  TIMEUPDATE,
  WAITING,
  ENDED,
  RATECHANGE;

  /** The event's name on the page ({@code "loadedmetadata"}, ...). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
