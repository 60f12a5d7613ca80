package dev.oolong.extractor.mp4;

import static dev.oolong.extractor.mp4.BoxTypes.*;

import dev.oolong.PlayerException;
import dev.oolong.util.ParsableByteArray;
import java.util.HashMap;
import java.util.Map;

/**
 * Accumulates, per track, the sample count and end of decode time over the {@code moof} boxes
 * of a fragmented file ({@code traf}: {@code tfhd}, {@code tfdt}, {@code trun}).
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
    try {
      Boxes.children(data, start, end, fileOffset, (type, s, e) -> {
        if (type == TRAF) {
          addTraf(data, s, e, fileOffset);
        }
      });
    } catch (IndexOutOfBoundsException ex) {
      throw Boxes.malformed(fileOffset + start, "moof: " + ex.getMessage());
    }
  }

  private void addTraf(byte[] data, int start, int end, long fileOffset) throws PlayerException {
    long[] state = new long[4]; // trackId, defaultDuration, baseTime (-1 = none), hasTfhd
    state[2] = -1;
    Boxes.children(data, start, end, fileOffset, (type, s, e) -> {
      ParsableByteArray b = new ParsableByteArray(data, s, e);
      int version = b.readUnsignedByte();
      int flags = b.readUnsignedInt24();
      if (type == TFHD) {
        int trackId = b.readInt();
        state[0] = trackId;
        state[3] = 1;
        state[1] = movie.trexDefaultSampleDuration.getOrDefault(trackId, 0L);
        if ((flags & 0x01) != 0) {
          b.skip(8); // base_data_offset
        }
        if ((flags & 0x02) != 0) {
          b.skip(4); // sample_description_index
        }
        if ((flags & 0x08) != 0) {
          state[1] = b.readUnsignedInt();
        }
      } else if (type == TFDT) {
        state[2] = version == 1 ? b.readLong() : b.readUnsignedInt();
      } else if (type == TRUN) {
        if (state[3] == 0) {
          throw Boxes.malformed(fileOffset + s, "trun before tfhd");
        }
        TrackTotals t = totals.computeIfAbsent((int) state[0], k -> new TrackTotals());
        if (state[2] >= 0) {
          t.endTime = state[2];
          state[2] = -1;
        }
        long count = b.readUnsignedInt();
        if ((flags & 0x01) != 0) {
          b.skip(4);
        }
        if ((flags & 0x04) != 0) {
          b.skip(4);
        }
        int perSample = Integer.bitCount(flags & 0xF00) * 4;
        if (count > (perSample == 0 ? Integer.MAX_VALUE : b.bytesLeft() / perSample)) {
          throw Boxes.malformed(fileOffset + s, "trun sample_count " + count + " exceeds the box");
        }
        for (long i = 0; i < count; i++) {
          long duration = state[1];
          if ((flags & 0x100) != 0) {
            duration = b.readUnsignedInt();
          }
          b.skip(perSample - ((flags & 0x100) != 0 ? 4 : 0));
          t.endTime += duration;
        }
        t.sampleCount += count;
      }
    });
  }
}
