package dev.oolong.canvas;

import dev.oolong.C;

/**
 * A seek asked for before the stream could seek (its seek map not known yet, as in a transport
 * stream's first second). Like a media element, the player is seeking meanwhile; the seek is
 * carried out as soon as the stream can seek, or where the reading reaches the target (a stream
 * without an index seeks forward by reading), or given up — playback goes on where it is — once
 * the stream turns out unseekable.
 */
final class DeferredSeek {
  /** What the deferred seek needs of its session. */
  interface Stream {
    /** The stream can seek now. */
    boolean canSeek();

    /** The stream may still learn to seek (no final seek map yet, and the load goes on). */
    boolean maySeekLater();

    /** Every stage starts again at {@code targetUs} (the reading stays where it is). */
    void moveTo(long targetUs);

    /** The reading moves to {@code targetUs}. */
    void seekTo(long targetUs);

    /** The stream cannot seek: the seek ends where playback is. */
    void giveUp();
  }

  private final Stream stream;
  private long targetUs = C.TIME_UNSET;

  DeferredSeek(Stream stream) {
    this.stream = stream;
  }

  /** Whether a seek is waiting. */
  boolean pending() {
    return targetUs != C.TIME_UNSET;
  }

  /** A seek to {@code targetUs} waits for the stream. */
  void defer(long targetUs) {
    this.targetUs = targetUs;
  }

  /** A later seek (or load) replaces the waiting one. */
  void cancel() {
    targetUs = C.TIME_UNSET;
  }

  /** At every heartbeat: carried out once the stream can seek, or given up once it never will. */
  void run() {
    if (!pending()) {
      return;
    }
    long target = targetUs;
    if (stream.canSeek()) {
      targetUs = C.TIME_UNSET;
      stream.moveTo(target);
      stream.seekTo(target);
    } else if (!stream.maySeekLater()) {
      giveUp();
    }
  }

  /**
   * Whether a sample at {@code ptsUs} arriving now is read past, not decoded. The reading reaching
   * the target carries the seek out there (a backward seek in a stream without an index plays on
   * from where the reading is); a stream found unseekable meanwhile plays on from here.
   */
  boolean readPast(long ptsUs) {
    if (!pending()) {
      return false;
    }
    if (ptsUs != C.TIME_UNSET && ptsUs >= targetUs) {
      targetUs = C.TIME_UNSET;
      stream.moveTo(ptsUs); // the reading is there already: the stages start again, the loading goes on
      return false;
    }
    if (stream.maySeekLater() || stream.canSeek()) {
      return true;
    }
    giveUp();
    return false;
  }

  private void giveUp() {
    targetUs = C.TIME_UNSET;
    stream.giveUp();
  }
}
