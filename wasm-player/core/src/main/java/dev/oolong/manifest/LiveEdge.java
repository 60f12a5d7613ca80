package dev.oolong.manifest;

import dev.oolong.C;

/**
 * Where live playback starts and how far behind the end of a live list it should stay (RFC
 * 8216bis 4.4.3.8 and 6.3.3): the server's {@code HOLD-BACK} (at least three target durations
 * when not given), or with parts its {@code PART-HOLD-BACK} (three part targets when not given);
 * an {@code EXT-X-START} offset overrides the start. Times are on the list's own timeline: 0 is
 * the start of its first listed segment.
 */
public final class LiveEdge {
  private LiveEdge() {}

  /** How far behind the end of {@code list} playback should stay (µs). */
  public static long holdBackUs(SegmentList list) {
    SegmentList.ServerControl c = list.serverControl();
    if (list.lowLatency()) {
      return c.partHoldBackUs() != C.TIME_UNSET ? c.partHoldBackUs() : 3 * list.partTargetUs();
    }
    return c.holdBackUs() != C.TIME_UNSET ? c.holdBackUs() : 3 * list.targetDurationUs();
  }

  /** The end of what {@code list} offers now (µs): its segments, and the parts listed after them. */
  public static long endUs(SegmentList list) {
    long end = list.durationUs();
    for (SegmentList.Part p : list.trailingParts()) {
      end += p.durationUs();
    }
    return end;
  }

  /**
   * Where playback of {@code list} starts (µs): a VOD or EVENT list from its start (or its
   * {@code EXT-X-START} offset, from the end when negative), a live list at its hold-back from
   * the end; clamped to what the list offers. {@code startOffsetUs}: the multivariant
   * playlist's {@code EXT-X-START}, or {@code C.TIME_UNSET} (the media playlist's own wins).
   */
  public static long startUs(SegmentList list, long startOffsetUs) {
    long end = endUs(list);
    long offset = list.startOffsetUs() != C.TIME_UNSET ? list.startOffsetUs() : startOffsetUs;
    long start;
    if (offset != C.TIME_UNSET) {
      start = offset >= 0 ? offset : end + offset;
    } else if (list.type() == SegmentList.Type.LIVE && !list.ended()) {
      start = end - holdBackUs(list);
    } else {
      start = 0;
    }
    return Math.max(0, Math.min(start, end));
  }

  /** The index in {@code list.segments()} of the segment holding {@code timeUs}, or the last one. */
  public static int segmentAt(SegmentList list, long timeUs) {
    long t = 0;
    int n = list.segments().size();
    for (int i = 0; i < n; i++) {
      t += list.segments().get(i).durationUs();
      if (timeUs < t) {
        return i;
      }
    }
    return Math.max(0, n - 1);
  }
}
