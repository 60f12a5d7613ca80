package dev.oolong.extractor.mp4;

import dev.oolong.PlayerException;
import dev.oolong.extractor.IndexSeekMap;
import dev.oolong.media.Times;
import java.util.Arrays;

/**
 * Seek maps of fragmented MP4 files from their indexes (ISO/IEC 14496-12): a segment index
 * ({@code sidx}, 8.16.3: subsegments with sizes and durations from an anchor after the box) or a
 * movie fragment random access box ({@code mfra}/{@code tfra}, 8.8.10: the presentation time and
 * {@code moof} offset of sync samples). Entry counts are checked against the box before any array
 * is allocated.
 */
final class FragmentIndex {
  private FragmentIndex() {}

  /** A parsed {@code sidx}: its reference track and its seek points. */
  record SegmentIndex(int referenceId, long[] timesUs, long[] positions, long durationUs) {
    IndexSeekMap seekMap() {
      return new IndexSeekMap(timesUs, positions, durationUs);
    }
  }

  /**
   * Parses a {@code sidx} body. Times are taken as presentation times (writers, ffmpeg among
   * them, put the edited time in earliest_presentation_time). Null when it refers to further
   * {@code sidx} boxes (a hierarchy) or lists nothing.
   *
   * @param boxEnd the file offset just after the box: the anchor of first_offset
   */
  static SegmentIndex parseSidx(byte[] data, int s, int e, long boxEnd, long fileOffset)
      throws PlayerException {
    try {
      int version = data[s] & 0xFF;
      int p = s + 4;
      int referenceId = (int) Boxes.readUnsignedInt(data, p);
      long timescale = Boxes.readUnsignedInt(data, p + 4);
      p += 8;
      long ept;
      long firstOffset;
      if (version == 0) {
        ept = Boxes.readUnsignedInt(data, p);
        firstOffset = Boxes.readUnsignedInt(data, p + 4);
        p += 8;
      } else {
        ept = readLong(data, p);
        firstOffset = readLong(data, p + 8);
        p += 16;
      }
      int count = (data[p + 2] & 0xFF) << 8 | (data[p + 3] & 0xFF);
      p += 4;
      if (timescale == 0 || ept < 0 || firstOffset < 0 || count == 0) {
        return null;
      }
      if (count > (e - p) / 12) {
        throw Boxes.malformed(fileOffset + s, "sidx reference_count " + count + " exceeds its box");
      }
      long[] times = new long[count];
      long[] positions = new long[count];
      long position = boxEnd + firstOffset;
      long time = ept;
      for (int i = 0; i < count; i++, p += 12) {
        long ref = Boxes.readUnsignedInt(data, p);
        if ((ref & 0x80000000L) != 0) {
          return null; // refers to another sidx: a hierarchy, not followed
        }
        times[i] = Times.ticksToUs(time, timescale);
        positions[i] = position;
        position += ref & 0x7FFFFFFFL;
        time += Boxes.readUnsignedInt(data, p + 4);
      }
      return new SegmentIndex(referenceId, times, positions, Times.ticksToUs(time, timescale));
    } catch (IndexOutOfBoundsException ex) {
      throw Boxes.malformed(fileOffset + s, "sidx cut off");
    }
  }

  /**
   * The seek points of one track from an {@code mfra} body ({@code tfra} of {@code trackId}), in
   * µs of presentation time after the track's edit ({@code shiftTicks}, {@code delayUs}); null
   * when the track has no {@code tfra} or it is empty.
   */
  static IndexSeekMap parseMfra(byte[] data, int s, int e, int trackId, long timescale,
      long shiftTicks, long delayUs, long durationUs, long fileOffset) throws PlayerException {
    IndexSeekMap[] found = {null};
    try {
      Boxes.children(data, s, e, fileOffset, (type, bs, be) -> {
        if (type != BoxTypes.TFRA || found[0] != null || be - bs < 16
            || (int) Boxes.readUnsignedInt(data, bs + 4) != trackId) {
          return;
        }
        int version = data[bs] & 0xFF;
        int sizes = (int) Boxes.readUnsignedInt(data, bs + 8);
        int tail = ((sizes >> 4) & 3) + 1 + ((sizes >> 2) & 3) + 1 + (sizes & 3) + 1;
        long count = Boxes.readUnsignedInt(data, bs + 12);
        int entry = (version == 1 ? 16 : 8) + tail;
        int p = bs + 16;
        if (count > (be - p) / entry) {
          throw Boxes.malformed(fileOffset + bs, "tfra number_of_entry " + count + " exceeds its box");
        }
        if (count == 0) {
          return;
        }
        long[][] points = new long[(int) count][];
        for (int i = 0; i < count; i++, p += entry) {
          long time = version == 1 ? readLong(data, p) : Boxes.readUnsignedInt(data, p);
          long offset = version == 1 ? readLong(data, p + 8) : Boxes.readUnsignedInt(data, p + 4);
          points[i] = new long[] {Times.ticksToUs(time - shiftTicks, timescale) + delayUs, offset};
        }
        Arrays.sort(points, (a, b) -> Long.compare(a[0], b[0]));
        long[] times = new long[points.length];
        long[] positions = new long[points.length];
        for (int i = 0; i < points.length; i++) {
          times[i] = points[i][0];
          positions[i] = points[i][1];
        }
        found[0] = new IndexSeekMap(times, positions, durationUs);
      });
    } catch (IndexOutOfBoundsException ex) {
      throw Boxes.malformed(fileOffset + s, "mfra cut off");
    }
    return found[0];
  }

  /** The size an {@code mfro} box (the last 16 bytes of a file) gives its {@code mfra}, or -1. */
  static long mfraSize(byte[] mfro) {
    if (Boxes.readUnsignedInt(mfro, 0) != 16 || (int) Boxes.readUnsignedInt(mfro, 4) != BoxTypes.MFRO) {
      return -1;
    }
    return Boxes.readUnsignedInt(mfro, 12);
  }

  private static long readLong(byte[] d, int p) {
    return Boxes.readUnsignedInt(d, p) << 32 | Boxes.readUnsignedInt(d, p + 4);
  }
}
