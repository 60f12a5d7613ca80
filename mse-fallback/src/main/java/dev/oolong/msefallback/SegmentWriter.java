package dev.oolong.msefallback;

import dev.oolong.extractor.CryptoData;
import java.util.List;

/** Writes a media segment: {@code moof} (one {@code traf} per track) and its {@code mdat}. */
final class SegmentWriter {
  private SegmentWriter() {}

  /** One track's samples in a segment, their times in the track's timescale. */
  record Run(int trackId, long baseDecodeTicks, long[] durations, int[] compositionOffsets,
      int[] flags, byte[][] data, CryptoData[] crypto) {
    boolean encrypted() {
      for (CryptoData c : crypto) {
        if (c != null) {
          return true;
        }
      }
      return false;
    }
  }

  static byte[] write(int sequence, List<Run> runs) {
    BoxWriter w = new BoxWriter();
    int moofStart = w.position();
    w.start("moof");
    w.startFull("mfhd", 0, 0).u32(sequence).end();
    int[] dataOffsetFields = new int[runs.size()];
    int[] saioFields = new int[runs.size()];
    int[] sencData = new int[runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      Run run = runs.get(r);
      int n = run.data().length;
      w.start("traf");
      w.startFull("tfhd", 0, 0x020000).u32(run.trackId()).end(); // default-base-is-moof
      w.startFull("tfdt", 1, 0).u64(run.baseDecodeTicks()).end();
      w.startFull("trun", 1, 0x000F01).u32(n); // data offset, duration, size, flags, cto
      dataOffsetFields[r] = w.position();
      w.u32(0);
      for (int i = 0; i < n; i++) {
        w.u32(run.durations()[i]).u32(run.data()[i].length).u32(run.flags()[i]).u32(run.compositionOffsets()[i]);
      }
      w.end();
      if (run.encrypted()) {
        saioFields[r] = encryption(w, run, sencData, r);
      }
      w.end(); // traf
    }
    w.end(); // moof
    int moofSize = w.position() - moofStart;
    long dataSize = 0;
    for (Run run : runs) {
      for (byte[] d : run.data()) {
        dataSize += d.length;
      }
    }
    long offset = moofSize + 8;
    for (int r = 0; r < runs.size(); r++) {
      w.putU32(dataOffsetFields[r], offset);
      if (saioFields[r] > 0) {
        w.putU32(saioFields[r], sencData[r] - moofStart);
      }
      for (byte[] d : runs.get(r).data()) {
        offset += d.length;
      }
    }
    // The segment in one allocation: the moof, the mdat header, each sample copied once.
    byte[] moof = w.toByteArray();
    byte[] out = new byte[(int) (moof.length + 8 + dataSize)];
    System.arraycopy(moof, 0, out, 0, moof.length);
    int p = moof.length;
    long mdatSize = 8 + dataSize;
    out[p] = (byte) (mdatSize >>> 24);
    out[p + 1] = (byte) (mdatSize >>> 16);
    out[p + 2] = (byte) (mdatSize >>> 8);
    out[p + 3] = (byte) mdatSize;
    out[p + 4] = 'm';
    out[p + 5] = 'd';
    out[p + 6] = 'a';
    out[p + 7] = 't';
    p += 8;
    for (Run run : runs) {
      for (byte[] d : run.data()) {
        System.arraycopy(d, 0, out, p, d.length);
        p += d.length;
      }
    }
    return out;
  }

  /**
   * {@code senc} (IVs and subsamples), {@code saiz} (their sizes) and {@code saio} (where they
   * are, from the moof's start); returns the position of saio's offset field, to patch.
   */
  private static int encryption(BoxWriter w, Run run, int[] sencData, int r) {
    int n = run.data().length;
    boolean subsamples = false;
    for (CryptoData c : run.crypto()) {
      subsamples |= c != null && c.clearBytes().length > 0;
    }
    int[] sizes = new int[n];
    w.startFull("senc", 0, subsamples ? 2 : 0).u32(n);
    sencData[r] = w.position();
    for (int i = 0; i < n; i++) {
      CryptoData c = run.crypto()[i];
      int before = w.position();
      if (c == null) {
        w.zeros(run.crypto()[0] == null ? 8 : firstIvLength(run));
        if (subsamples) {
          w.u16(1).u16(run.data()[i].length).u32(0); // all clear
        }
      } else {
        w.bytes(c.iv());
        if (subsamples) {
          int k = c.clearBytes().length;
          if (k == 0) {
            w.u16(1).u16(0).u32(run.data()[i].length);
          } else {
            w.u16(k);
            for (int j = 0; j < k; j++) {
              w.u16(c.clearBytes()[j]).u32(c.encryptedBytes()[j]);
            }
          }
        }
      }
      sizes[i] = w.position() - before;
    }
    w.end();
    w.startFull("saiz", 0, 0).u8(0).u32(n);
    for (int s : sizes) {
      w.u8(s);
    }
    w.end();
    w.startFull("saio", 0, 0).u32(1);
    int field = w.position();
    w.u32(0).end();
    return field;
  }

  private static int firstIvLength(Run run) {
    for (CryptoData c : run.crypto()) {
      if (c != null) {
        return c.iv().length;
      }
    }
    return 8;
  }
}
