package dev.oolong.extractor.mp4;

import dev.oolong.PlayerException;
import java.util.HashMap;
import java.util.Map;

/**
 * Accumulates, per track, the sample count and end of decode time over the {@code moof} boxes
 * of a fragmented file (what probing needs without reading the media).
 */
public final class FragmentStats {
  /** Per-track totals. */
  public static final class TrackTotals {
    public long sampleCount;
    /** End of the last sample in the media timescale (tfdt + durations). */
    public long endTime;
  }

  private final Movie movie;
  private final Map<Integer, TrackTotals> totals = new HashMap<>();
  private final Map<Integer, Long> nextDecodeTime = new HashMap<>();
  private int fragments;

  public FragmentStats(Movie movie) {
    this.movie = movie;
  }

  public int fragments() {
    return fragments;
  }

  /** The totals of a track, or null if no fragment had samples of it. */
  public TrackTotals totals(int trackId) {
    return totals.get(trackId);
  }

  /** Adds one {@code moof} body. */
  public void addMoof(byte[] data, int start, int end, long fileOffset) throws PlayerException {
    fragments++;
    long moofStart = fileOffset + start - 8;
    for (FragmentParser.Sample s :
        FragmentParser.parse(data, start, end, moofStart, fileOffset, movie, nextDecodeTime)) {
      totals.computeIfAbsent(s.trackId(), k -> new TrackTotals()).sampleCount++;
    }
    for (Map.Entry<Integer, Long> e : nextDecodeTime.entrySet()) {
      TrackTotals t = totals.get(e.getKey());
      if (t != null) {
        t.endTime = e.getValue();
      }
    }
  }
}
