package dev.oolong.extractor.mp4;

import static dev.oolong.extractor.mp4.BoxTypes.*;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.util.ParsableByteArray;

/**
 * The samples of one progressive track (at most {@link #MAX_SAMPLES}, about 39 hours at 30
 * fps), expanded from its sample table boxes ({@code stsz}/
 * {@code stz2}, {@code stsc}, {@code stco}/{@code co64}, {@code stts}, {@code ctts}, {@code
 * stss}): file offset, size, decode time and composition offset (in the media timescale) and
 * sync flag of every sample. The sample count is bounded ({@link #MAX_SAMPLES}) and every count
 * read from a box is checked against the box's size before anything is allocated from it.
 */
final class SampleTable {
  static final int MAX_SAMPLES = 1 << 22;

  final int count;
  final long[] offsets;
  final int[] sizes;
  final long[] decodeTimes;
  final int[] compositionOffsets;
  final boolean[] sync;

  private SampleTable(int count) {
    this.count = count;
    offsets = new long[count];
    sizes = new int[count];
    decodeTimes = new long[count];
    compositionOffsets = new int[count];
    sync = new boolean[count];
  }

  static SampleTable build(Movie.Track track, long fileLength) throws PlayerException {
    byte[] d = track.boxData;
    int[] stsz = track.sampleTableBoxes.get(STSZ);
    int[] stz2 = track.sampleTableBoxes.get(STZ2);
    int[] stsc = track.sampleTableBoxes.get(STSC);
    int[] chunkBox = track.sampleTableBoxes.getOrDefault(STCO, track.sampleTableBoxes.get(CO64));
    boolean co64 = !track.sampleTableBoxes.containsKey(STCO);
    if ((stsz == null && stz2 == null) || stsc == null || chunkBox == null
        || !track.sampleTableBoxes.containsKey(STTS)) {
      if (stsz == null && stz2 == null && track.sampleCount == 0) {
        return new SampleTable(0);
      }
      throw malformed(track, "missing sample table box");
    }
    try {
      // sizes
      SampleTable t;
      if (stsz != null) {
        ParsableByteArray b = new ParsableByteArray(d, stsz[0], stsz[1]);
        b.skip(4);
        long fixed = b.readUnsignedInt();
        long n = b.readUnsignedInt();
        // Sizes listed: the box bounds the count. One fixed size: the file does (when known).
        checkCount(track, n, fixed == 0 ? b.bytesLeft() / 4
            : fileLength > 0 ? fileLength / fixed : MAX_SAMPLES);
        t = new SampleTable((int) n);
        for (int i = 0; i < n; i++) {
          long size = fixed != 0 ? fixed : b.readUnsignedInt();
          if (size > Integer.MAX_VALUE) {
            throw malformed(track, "sample size " + size);
          }
          t.sizes[i] = (int) size;
        }
      } else {
        ParsableByteArray b = new ParsableByteArray(d, stz2[0], stz2[1]);
        b.skip(7);
        int fieldSize = b.readUnsignedByte();
        long n = b.readUnsignedInt();
        if (fieldSize != 4 && fieldSize != 8 && fieldSize != 16) {
          throw malformed(track, "stz2 field_size " + fieldSize);
        }
        checkCount(track, n, (long) b.bytesLeft() * 8 / fieldSize);
        t = new SampleTable((int) n);
        for (int i = 0; i < n; i++) {
          if (fieldSize == 4) {
            int v = d[b.position()] & 0xFF;
            t.sizes[i] = (i % 2 == 0) ? v >> 4 : v & 0x0F;
            if (i % 2 == 1) {
              b.skip(1);
            }
          } else {
            t.sizes[i] = fieldSize == 8 ? b.readUnsignedByte() : b.readUnsignedShort();
          }
        }
      }
      t.fillOffsets(track, d, stsc, chunkBox, co64, fileLength);
      t.fillTimes(track, d);
      t.fillSync(d, track.sampleTableBoxes.get(STSS));
      return t;
    } catch (IndexOutOfBoundsException e) {
      throw malformed(track, "sample table: " + e.getMessage());
    }
  }

  private void fillOffsets(Movie.Track track, byte[] d, int[] stsc, int[] chunkBox, boolean co64,
      long fileLength) throws PlayerException {
    ParsableByteArray chunks = new ParsableByteArray(d, chunkBox[0], chunkBox[1]);
    chunks.skip(4);
    long chunkCount = chunks.readUnsignedInt();
    if (chunkCount > chunks.bytesLeft() / (co64 ? 8 : 4)) {
      throw malformed(track, "chunk offset count " + chunkCount + " exceeds its box");
    }
    ParsableByteArray sc = new ParsableByteArray(d, stsc[0], stsc[1]);
    sc.skip(4);
    long entries = sc.readUnsignedInt();
    if (entries > sc.bytesLeft() / 12) {
      throw malformed(track, "stsc entry count " + entries + " exceeds its box");
    }
    long[] firstChunk = new long[(int) entries];
    long[] perChunk = new long[(int) entries];
    for (int i = 0; i < entries; i++) {
      firstChunk[i] = sc.readUnsignedInt();
      perChunk[i] = sc.readUnsignedInt();
      sc.skip(4);
    }
    int sample = 0;
    int entry = 0;
    for (long chunk = 1; chunk <= chunkCount && sample < count; chunk++) {
      while (entry + 1 < entries && firstChunk[entry + 1] <= chunk) {
        entry++;
      }
      long offset = co64 ? chunks.readLong() : chunks.readUnsignedInt();
      long inChunk = entries == 0 ? 0 : perChunk[entry];
      for (long k = 0; k < inChunk && sample < count; k++) {
        offsets[sample] = offset;
        offset += sizes[sample];
        sample++;
      }
    }
    if (sample < count) {
      throw malformed(track, "chunks hold " + sample + " of " + count + " samples");
    }
  }

  private void fillTimes(Movie.Track track, byte[] d) throws PlayerException {
    int[] stts = track.sampleTableBoxes.get(STTS);
    ParsableByteArray b = new ParsableByteArray(d, stts[0], stts[1]);
    b.skip(4);
    long entries = b.readUnsignedInt();
    if (entries > b.bytesLeft() / 8) {
      throw malformed(track, "stts entry count " + entries + " exceeds its box");
    }
    long time = 0;
    long delta = 0;
    int sample = 0;
    for (long e = 0; e < entries && sample < count; e++) {
      long n = b.readUnsignedInt();
      delta = b.readUnsignedInt();
      for (long k = 0; k < n && sample < count; k++) {
        decodeTimes[sample++] = time;
        time += delta;
      }
    }
    while (sample < count) { // a short stts: the last delta continues
      decodeTimes[sample++] = time;
      time += delta;
    }
    int[] ctts = track.sampleTableBoxes.get(CTTS);
    if (ctts != null) {
      ParsableByteArray c = new ParsableByteArray(d, ctts[0], ctts[1]);
      c.skip(4);
      long n = c.readUnsignedInt();
      if (n > c.bytesLeft() / 8) {
        throw malformed(track, "ctts entry count " + n + " exceeds its box");
      }
      sample = 0;
      for (long e = 0; e < n && sample < count; e++) {
        long k = c.readUnsignedInt();
        // Version 0 declares the offset unsigned; writers put negative values there anyway, and
        // ffmpeg reads it as signed: so do we.
        int offset = c.readInt();
        for (long j = 0; j < k && sample < count; j++) {
          compositionOffsets[sample++] = offset;
        }
      }
    }
  }

  private void fillSync(byte[] d, int[] stss) {
    if (stss == null) {
      java.util.Arrays.fill(sync, true);
      return;
    }
    ParsableByteArray b = new ParsableByteArray(d, stss[0], stss[1]);
    b.skip(4);
    long n = Math.min(b.readUnsignedInt(), b.bytesLeft() / 4);
    for (long i = 0; i < n; i++) {
      long s = b.readUnsignedInt();
      if (s >= 1 && s <= count) {
        sync[(int) s - 1] = true;
      }
    }
  }

  private static void checkCount(Movie.Track track, long n, long max) throws PlayerException {
    if (n > MAX_SAMPLES || n > max) {
      throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE,
          "Track " + track.trackId + " claims " + n + " samples", "offset", -1, "size", n,
          "limit", Math.min(MAX_SAMPLES, max));
    }
  }

  private static PlayerException malformed(Movie.Track track, String reason) {
    return PlayerException.critical(ErrorCode.CONTAINER_MALFORMED,
        "Track " + track.trackId + ": " + reason, "offset", -1, "reason", reason);
  }
}
