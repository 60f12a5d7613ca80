package dev.oolong.extractor;

/**
 * A seek map from a bitrate: the byte position of a time is {@code first + (t - firstTime) *
 * rate}. Two uses:
 *
 * <ul>
 *   <li>{@link #exact}: streams without timestamps (ADTS, MP3 without a table): the point's time
 *       is the one its position implies (positions aligned to the frame size when it is
 *       constant), and the extractor counts time on from it;
 *   <li>{@link #estimate}: streams with timestamps (MPEG-TS, FLAC, Ogg): the point keeps the
 *       target time, and the extractor refines the position with a {@link BinarySearchSeeker}.
 * </ul>
 */
public final class BitrateSeekMap implements SeekMap {
  private final long firstPosition;
  private final long firstTimeUs;
  private final long length;
  private final double bytesPerUs;
  private final int frameSize;
  private final boolean refine;
  private final long durationUs;

  private BitrateSeekMap(long firstPosition, long firstTimeUs, long length, double bytesPerUs,
      int frameSize, boolean refine, long durationUs) {
    this.firstPosition = firstPosition;
    this.firstTimeUs = firstTimeUs;
    this.length = length;
    this.bytesPerUs = bytesPerUs;
    this.frameSize = frameSize;
    this.refine = refine;
    this.durationUs = durationUs;
  }

  /**
   * @param frameSize the constant frame size to align positions to, or 0
   */
  public static BitrateSeekMap exact(long firstPosition, long length, double bitsPerSecond,
      int frameSize) {
    double bytesPerUs = bitsPerSecond / 8e6;
    long duration = (long) ((length - firstPosition) / bytesPerUs);
    return new BitrateSeekMap(firstPosition, 0, length, bytesPerUs, frameSize, false, duration);
  }

  /** A first estimate to be refined; {@code firstTimeUs} is the stream's first sync sample time. */
  public static BitrateSeekMap estimate(long firstPosition, long firstTimeUs, long length,
      double bytesPerUs, long durationUs) {
    return new BitrateSeekMap(firstPosition, firstTimeUs, length, bytesPerUs, 0, true, durationUs);
  }

  public double bytesPerUs() {
    return bytesPerUs;
  }

  /** Whether the extractor refines the position (the point's time is then the target). */
  public boolean refines() {
    return refine;
  }

  @Override
  public boolean isSeekable() {
    return length > firstPosition && bytesPerUs > 0;
  }

  @Override
  public long getDurationUs() {
    return durationUs;
  }

  @Override
  public SeekPoint getSeekPoint(long timeUs) {
    if (timeUs <= firstTimeUs) {
      return new SeekPoint(refine ? firstTimeUs : 0, refine ? 0 : firstPosition);
    }
    long offset = (long) ((timeUs - firstTimeUs) * bytesPerUs);
    if (frameSize > 0) {
      offset -= offset % frameSize;
    }
    long position = Math.min(firstPosition + offset, Math.max(firstPosition, length - 1));
    long time = refine ? timeUs : (long) ((position - firstPosition) / bytesPerUs);
    return new SeekPoint(time, position);
  }
}
