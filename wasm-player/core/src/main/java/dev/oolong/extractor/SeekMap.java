package dev.oolong.extractor;

/** Maps a time to a byte position from which an extractor can resume. */
public interface SeekMap {
  boolean isSeekable();

  /** The duration in µs, or {@code C.TIME_UNSET}. */
  long getDurationUs();

  /**
   * The latest key frame at or before {@code timeUs} (or the first one).
   *
   * @return the point's time and byte position
   */
  SeekPoint getSeekPoint(long timeUs);

  /**
   * Whether this map is the container's last word. False for a stand-in published before the
   * extractor could know better (a transport stream before a second of key frames, an Ogg or
   * elementary audio stream before its bitrate or index is read): a seekable map may follow.
   */
  default boolean isFinal() {
    return true;
  }

  /**
   * Whether this map's times are media times (a manifest's segment index, which knows the
   * playlist's clock, not the container's) rather than the container's own.
   */
  default boolean inMediaTime() {
    return false;
  }

  /** A time and the byte position to resume from. */
  record SeekPoint(long timeUs, long position) {}

  /**
   * No seek yet, length not known: the stand-in an extractor publishes until it has read enough
   * for a real map ({@link #isFinal} false).
   */
  static SeekMap notYet() {
    return new Unseekable(dev.oolong.C.TIME_UNSET, false);
  }

  /** An input that cannot seek: only a restart from its beginning. */
  static SeekMap unseekable(long durationUs) {
    return new Unseekable(durationUs, true);
  }

  /** A map without seek points: every seek is a restart from the beginning. */
  record Unseekable(long durationUs, boolean isFinal) implements SeekMap {
    @Override
    public boolean isSeekable() {
      return false;
    }

    @Override
    public long getDurationUs() {
      return durationUs;
    }

    @Override
    public SeekPoint getSeekPoint(long timeUs) {
      return new SeekPoint(0, 0);
    }
  }
}
