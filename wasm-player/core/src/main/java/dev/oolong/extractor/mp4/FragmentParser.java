package dev.oolong.extractor.mp4;

import static dev.oolong.extractor.mp4.BoxTypes.*;

import dev.oolong.PlayerException;
import dev.oolong.extractor.CryptoData;
import dev.oolong.util.ParsableByteArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a {@code moof} box into its samples ({@code traf}: {@code tfhd}, {@code tfdt}, {@code
 * trun}), with absolute file offsets (ISO/IEC 14496-12 8.8.7: base-data-offset, default-base-is-
 * moof, or the end of the previous track fragment's data), sizes, decode times and composition
 * offsets in the media timescale, and sync flags.
 */
final class FragmentParser {
  static final int MAX_SAMPLES_PER_FRAGMENT = 1 << 20;

  /** One sample of a fragment. */
  record Sample(int trackId, long offset, int size, long decodeTime, int compositionOffset,
      boolean sync, CryptoData crypto) {}

  private FragmentParser() {}

  /**
   * @param moofStart the file offset of the {@code moof} box's first byte
   * @param nextDecodeTime per track: where its previous fragment ended (used without tfdt);
   *     updated with this fragment's end
   */
  static List<Sample> parse(byte[] data, int bodyStart, int bodyEnd, long moofStart,
      long fileOffsetOfData, Movie movie, Map<Integer, Long> nextDecodeTime) throws PlayerException {
    List<Sample> out = new ArrayList<>();
    long[] previousTrafEnd = {moofStart};
    try {
      Boxes.children(data, bodyStart, bodyEnd, fileOffsetOfData, (type, s, e) -> {
        if (type == TRAF) {
          previousTrafEnd[0] = parseTraf(data, s, e, moofStart, previousTrafEnd[0],
              fileOffsetOfData, movie, nextDecodeTime, out);
        }
      });
    } catch (IndexOutOfBoundsException ex) {
      throw Boxes.malformed(fileOffsetOfData + bodyStart, "moof: " + ex.getMessage());
    }
    return out;
  }

  private static long parseTraf(byte[] data, int start, int end, long moofStart,
      long previousTrafEnd, long fileOffsetOfData, Movie movie, Map<Integer, Long> nextDecodeTime,
      List<Sample> out) throws PlayerException {
    // tfhd and tfdt come before the truns (ISO/IEC 14496-12 box order); read them first anyway.
    long[] tfhd = null; // trackId, base, defaultDuration, defaultSize, defaultFlags
    long tfdt = -1;
    int[] senc = null;
    int[] saiz = null;
    int[] saio = null;
    for (int pos = start; pos + 8 <= end; ) {
      long size = Boxes.readUnsignedInt(data, pos);
      int type = (int) Boxes.readUnsignedInt(data, pos + 4);
      if (size < 8 || size > end - pos) {
        throw Boxes.malformed(fileOffsetOfData + pos, "traf child size " + size);
      }
      ParsableByteArray b = new ParsableByteArray(data, pos + 8, pos + (int) size);
      if (type == TFHD) {
        b.skip(1);
        int flags = b.readUnsignedInt24();
        int trackId = b.readInt();
        Movie.Trex trex = movie.trex.getOrDefault(trackId, new Movie.Trex(0, 0, 0));
        long base = (flags & 0x01) != 0 ? b.readLong()
            : (flags & 0x20000) != 0 ? moofStart : previousTrafEnd;
        if ((flags & 0x02) != 0) {
          b.skip(4);
        }
        long duration = (flags & 0x08) != 0 ? b.readUnsignedInt() : trex.defaultSampleDuration();
        long sz = (flags & 0x10) != 0 ? b.readUnsignedInt() : trex.defaultSampleSize();
        long fl = (flags & 0x20) != 0 ? b.readInt() : trex.defaultSampleFlags();
        tfhd = new long[] {trackId, base, duration, sz, fl};
      } else if (type == TFDT) {
        int version = b.readUnsignedByte();
        b.skip(3);
        tfdt = version == 1 ? b.readLong() : b.readUnsignedInt();
      } else if (type == SENC) {
        senc = new int[] {pos + 8, pos + (int) size};
      } else if (type == SAIZ) {
        saiz = new int[] {pos + 8, pos + (int) size};
      } else if (type == SAIO) {
        saio = new int[] {pos + 8, pos + (int) size};
      }
      pos += (int) size;
    }
    if (tfhd == null) {
      throw Boxes.malformed(fileOffsetOfData + start, "traf without tfhd");
    }
    int trackId = (int) tfhd[0];
    long time = tfdt >= 0 ? tfdt : nextDecodeTime.getOrDefault(trackId, 0L);
    long dataEnd = tfhd[1];
    boolean firstTrun = true;
    CryptoData[] crypto = null;
    CommonEncryption.TrackEncryption tenc = movie.encryption(trackId);
    if (tenc != null) {
      if (senc != null) {
        crypto = CommonEncryption.parseSenc(data, senc[0], senc[1], tenc, fileOffsetOfData);
      } else if (saiz != null && saio != null) {
        // saio offsets in a traf count from the base data offset (ISO/IEC 14496-12 8.7.9).
        long at = tfhd[1] + CommonEncryption.parseSaioFirstOffset(data, saio[0], saio[1], fileOffsetOfData)
            - fileOffsetOfData;
        CommonEncryption.AuxSizes sizes = CommonEncryption.parseSaiz(data, saiz[0], saiz[1], fileOffsetOfData);
        if (at < 0 || at > data.length) {
          throw CommonEncryption.auxInfoOutside(fileOffsetOfData + saio[0]);
        }
        crypto = CommonEncryption.parseAuxInfo(data, (int) at, data.length, sizes, tenc, fileOffsetOfData);
      } else if (tenc.isProtected()) {
        throw Boxes.malformed(fileOffsetOfData + start, "encrypted track fragment without senc or saiz/saio");
      }
    }
    int sampleInTraf = 0;
    for (int pos = start; pos + 8 <= end; ) {
      long size = Boxes.readUnsignedInt(data, pos);
      int type = (int) Boxes.readUnsignedInt(data, pos + 4);
      if (type == TRUN) {
        ParsableByteArray b = new ParsableByteArray(data, pos + 8, pos + (int) size);
        b.skip(1);
        int flags = b.readUnsignedInt24();
        long count = b.readUnsignedInt();
        long offset = (flags & 0x01) != 0 ? tfhd[1] + b.readInt() : (firstTrun ? tfhd[1] : dataEnd);
        int firstFlags = (flags & 0x04) != 0 ? b.readInt() : -1;
        int perSample = Integer.bitCount(flags & 0xF00) * 4;
        if (count > MAX_SAMPLES_PER_FRAGMENT
            || (perSample > 0 && count > b.bytesLeft() / perSample)) {
          throw Boxes.malformed(fileOffsetOfData + pos, "trun sample_count " + count + " exceeds its box");
        }
        for (int i = 0; i < count; i++) {
          long duration = (flags & 0x100) != 0 ? b.readUnsignedInt() : tfhd[2];
          long sz = (flags & 0x200) != 0 ? b.readUnsignedInt() : tfhd[3];
          int sampleFlags = (flags & 0x400) != 0 ? b.readInt()
              : (i == 0 && firstFlags != -1) ? firstFlags : (int) tfhd[4];
          // Signed whatever the version, as ffmpeg reads it (writers put negatives in version 0).
          int cto = (flags & 0x800) != 0 ? b.readInt() : 0;
          if (sz > Integer.MAX_VALUE) {
            throw Boxes.malformed(fileOffsetOfData + pos, "sample size " + sz);
          }
          CryptoData c = null;
          if (crypto != null) {
            if (sampleInTraf >= crypto.length) {
              throw Boxes.malformed(fileOffsetOfData + pos, "fewer encryption entries than samples");
            }
            c = CommonEncryption.checked(crypto[sampleInTraf], sz, fileOffsetOfData + pos);
          }
          sampleInTraf++;
          out.add(new Sample(trackId, offset, (int) sz, time, cto, (sampleFlags & 0x10000) == 0, c));
          offset += sz;
          time += duration;
        }
        dataEnd = offset;
        firstTrun = false;
      }
      pos += (int) size;
    }
    nextDecodeTime.put(trackId, time);
    return dataEnd;
  }
}
