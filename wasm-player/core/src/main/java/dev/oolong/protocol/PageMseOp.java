package dev.oolong.protocol;

/**
 * The operations of a {@link MessageType#PLAYER_MSE} message ({@code op}): what the engine asks
 * the page to do on a MediaSource that lives on the main thread (browsers without MediaSource in
 * workers). The engine decides every operation; the page only carries it out and answers with a
 * {@link PageMseEvent}. Declared once here; the page uses the generated constants.
 */
public enum PageMseOp {
  /** Make the MediaSource and give it to the element. */
  ATTACH(1),
  /** Add SourceBuffer {@code buffer} for {@code mime} (refused types answer {@code ERROR}). */
  CREATE(2),
  /** Append {@code data} (transferred) to SourceBuffer {@code buffer}. */
  APPEND(3),
  /** Set the MediaSource's duration to {@code seconds}. */
  DURATION(4),
  /** Set SourceBuffer {@code buffer}'s timestamp offset to {@code seconds}. */
  OFFSET(5),
  /** Remove from 0 to {@code seconds} in SourceBuffer {@code buffer}. */
  REMOVE(6),
  /** Abort SourceBuffer {@code buffer}'s current append (the MediaSource open). */
  ABORT(7),
  /** End the stream (the MediaSource open). */
  END_OF_STREAM(8);

  public final int value;

  PageMseOp(int value) {
    this.value = value;
  }

  /** The operation with this value, or null. */
  public static PageMseOp of(int value) {
    for (PageMseOp o : values()) {
      if (o.value == value) {
        return o;
      }
    }
    return null;
  }
}
