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

  /** A time and the byte position to resume from. */
  record SeekPoint(long timeUs, long position) {}

  /** An input that cannot seek: only a restart from its beginning. */
  static SeekMap unseekable(long durationUs) {
    return new SeekMap() {
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
    };
  }
}
