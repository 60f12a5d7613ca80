package dev.oolong.extractor;

/**
 * A seek map from an index of key frames (times ascending, byte positions): the latest entry at
 * or before the target. When the index gives decode times and frames are presented later (B-frame
 * reordering), {@link #setPresentationDelayUs} makes the choice by presentation time.
 */
public final class IndexSeekMap implements SeekMap {
  private final long[] timesUs;
  private final long[] positions;
  private final long durationUs;
  private volatile long presentationDelayUs;

  /** @throws IllegalArgumentException when the arrays are empty or of different lengths */
  public IndexSeekMap(long[] timesUs, long[] positions, long durationUs) {
    if (timesUs.length == 0 || timesUs.length != positions.length) {
      throw new IllegalArgumentException("index of " + timesUs.length + " times and "
          + positions.length + " positions");
    }
    this.timesUs = timesUs;
    this.positions = positions;
    this.durationUs = durationUs;
  }

  /** How much later than its indexed time a key frame is presented, in µs. */
  public void setPresentationDelayUs(long delayUs) {
    presentationDelayUs = Math.max(0, delayUs);
  }

  @Override
  public boolean isSeekable() {
    return true;
  }

  @Override
  public long getDurationUs() {
    return durationUs;
  }

  @Override
  public SeekPoint getSeekPoint(long timeUs) {
    int i = java.util.Arrays.binarySearch(timesUs, timeUs - presentationDelayUs);
    if (i < 0) {
      i = Math.max(0, -i - 2);
    }
    return new SeekPoint(timesUs[i], positions[i]);
  }
}
