package dev.oolong.player;

/**
 * The events a player emits, the same on every path, named as {@code HTMLMediaElement}'s where
 * one exists. Declared once here; the page's event names are generated from this list. The
 * engine's {@link PlaybackStateMachine} emits most; the page emits the ones only it can know
 * ({@link #VOLUMECHANGE}, {@link #AUTOPLAYBLOCKED}); on the MSE path the element's own events are
 * passed on, which follow the same rules.
 */
public enum PlayerEvent {
  LOADSTART,
  DURATIONCHANGE,
  LOADEDMETADATA,
  LOADEDDATA,
  CANPLAY,
  CANPLAYTHROUGH,
  PLAY,
  PLAYING,
  PAUSE,
  SEEKING,
  SEEKED,
  TIMEUPDATE,
  WAITING,
  ENDED,
  RATECHANGE,
  /** Bytes arrived (a few times a second while loading). */
  PROGRESS,
  /** The volume or muting changed (the page's). */
  VOLUMECHANGE,
  /**
   * The browser refused to start playback or its sound without a user gesture (autoplay policy):
   * the canvas path then plays muted, the MSE path stays paused until {@code play()} is called
   * from a gesture.
   */
  AUTOPLAYBLOCKED,
  /**
   * The output path changed (by {@code setPath()}, or after the other path failed in mode
   * {@code auto}): {@code path} and {@code element} are the new path's, playback goes on at the
   * same position.
   */
  PATHCHANGE,
  /**
   * The variant of a multivariant HLS playlist playing changed ({@code currentLevel} set): the
   * reading goes on with it from the next segment (what is buffered plays first).
   */
  LEVELSWITCH;

  /** The event's name on the page ({@code "loadedmetadata"}, ...). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The event with this page name, or null. */
  public static PlayerEvent ofWireName(String name) {
    for (PlayerEvent e : values()) {
      if (e.wireName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
