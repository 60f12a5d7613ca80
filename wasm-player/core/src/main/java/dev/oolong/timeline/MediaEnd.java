package dev.oolong.timeline;

import dev.oolong.C;

/**
 * Where the media ends, from its samples: the latest presentation time read plus one sample's
 * duration. A sample's duration is the track's smallest step between successive samples' decode
 * times, taken as absolute values: the frame interval even with B-frames, and even where the
 * container has no decode times (Matroska video: the decode time repeats the presentation time,
 * which moves back and forth in decode order — its last step may span several frames). Once the
 * input was read to its end, this is the duration a player reports instead of a seek map's
 * estimate (as MSE's {@code endOfStream} sets it to the end of what was appended).
 */
public final class MediaEnd {
  /** Per track: the latest presentation time, the last decode time, the smallest step. */
  private final long[][] tracks;
  private long endUs = C.TIME_UNSET;

  /** For tracks {@code 0 .. count - 1}. */
  public MediaEnd(int count) {
    tracks = new long[count][];
    for (int i = 0; i < count; i++) {
      tracks[i] = new long[] {C.TIME_UNSET, C.TIME_UNSET, 0};
    }
  }

  /** A sample of {@code track} was read (times µs; unset ones are ignored). */
  public void sample(int track, long ptsUs, long dtsUs) {
    if (ptsUs == C.TIME_UNSET) {
      return;
    }
    long[] t = tracks[track];
    long dts = dtsUs == C.TIME_UNSET ? ptsUs : dtsUs;
    if (t[1] != C.TIME_UNSET && dts != t[1]) {
      long step = Math.abs(dts - t[1]);
      t[2] = t[2] == 0 ? step : Math.min(t[2], step);
    }
    t[1] = dts;
    t[0] = t[0] == C.TIME_UNSET ? ptsUs : Math.max(t[0], ptsUs);
    long end = t[0] + t[2];
    endUs = endUs == C.TIME_UNSET ? end : Math.max(endUs, end);
  }

  /** The end of the media read so far (µs), or {@link C#TIME_UNSET} before any sample. */
  public long endUs() {
    return endUs;
  }
}
