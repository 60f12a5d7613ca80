package dev.oolong.protocol;

/**
 * What the page reports of its main-thread MediaSource in a {@link MessageType#PLAYER_MSE_EVENT}
 * message ({@code event}, with the SourceBuffer's number in {@code buffer} and, for an error, a
 * {@code reason}). Declared once here; the page uses the generated constants.
 */
public enum PageMseEvent {
  /** The MediaSource opened. */
  SOURCE_OPEN(1),
  /** SourceBuffer {@code buffer} finished an append or a removal. */
  UPDATE_END(2),
  /** An operation failed ({@code reason}: the exception's name and message, or the event's). */
  ERROR(3);

  public final int value;

  PageMseEvent(int value) {
    this.value = value;
  }

  /** The event with this value, or null. */
  public static PageMseEvent of(int value) {
    for (PageMseEvent e : values()) {
      if (e.value == value) {
        return e;
      }
    }
    return null;
  }
}
