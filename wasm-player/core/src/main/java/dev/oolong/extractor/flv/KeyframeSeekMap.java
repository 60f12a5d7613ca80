package dev.oolong.extractor.flv;

import dev.oolong.extractor.SeekMap;
import java.util.List;

/**
 * A seek map from FLV {@code onMetaData.keyframes} (times in seconds, file positions). The times
 * are decode times; a key frame is presented {@link #setPresentationDelayUs later} when the
 * stream reorders frames, so a seek picks the last key frame presented at or before the target.
 */
final class KeyframeSeekMap implements SeekMap {
  private final long[] timesUs;
  private final long[] positions;
  private final long durationUs;
  private volatile long presentationDelayUs;

  private KeyframeSeekMap(long[] timesUs, long[] positions, long durationUs) {
    this.timesUs = timesUs;
    this.positions = positions;
    this.durationUs = durationUs;
  }

  /** Null unless both lists hold numbers, times not decreasing and positions increasing. */
  static KeyframeSeekMap of(List<Object> times, List<Object> positions, long durationUs) {
    int n = times.size();
    long[] t = new long[n];
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      if (!(times.get(i) instanceof Double time) || !(positions.get(i) instanceof Double pos)
          || time < 0 || pos < 0 || (i > 0 && (time * 1e6 < t[i - 1] || pos <= p[i - 1]))) {
        return null;
      }
      t[i] = (long) (time * 1e6);
      p[i] = (long) (double) pos;
    }
    return new KeyframeSeekMap(t, p, durationUs);
  }

  /** The composition offset of key frames seen so far (pts − dts), in µs. */
  void setPresentationDelayUs(long delayUs) {
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
