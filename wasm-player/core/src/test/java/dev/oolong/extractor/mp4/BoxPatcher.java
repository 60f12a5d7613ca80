package dev.oolong.extractor.mp4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Test helper: finds and edits boxes of an MP4 file by walking its box tree (not by byte search). */
final class BoxPatcher {
  private static final Set<String> CONTAINERS =
      Set.of("moov", "trak", "mdia", "minf", "stbl", "moof", "traf", "mvex", "edts", "dinf");

  private BoxPatcher() {}

  /** Offsets of every box of {@code type} (header start), depth first, in file order. */
  static List<Integer> find(byte[] file, String type) {
    List<Integer> out = new ArrayList<>();
    walk(file, 0, file.length, type, out);
    return out;
  }

  private static void walk(byte[] d, int start, int end, String type, List<Integer> out) {
    for (int p = start; p + 8 <= end; ) {
      long size = Boxes.readUnsignedInt(d, p);
      String t = new String(d, p + 4, 4, StandardCharsets.ISO_8859_1);
      int header = 8;
      if (size == 1) {
        size = Boxes.readUnsignedInt(d, p + 8) << 32 | Boxes.readUnsignedInt(d, p + 12);
        header = 16;
      } else if (size == 0) {
        size = end - p;
      }
      if (size < header || size > end - p) {
        return;
      }
      if (t.equals(type)) {
        out.add(p);
      }
      if (CONTAINERS.contains(t)) {
        walk(d, p + header, p + (int) size, type, out);
      }
      p += (int) size;
    }
  }

  static void rename(byte[] file, int boxStart, String type) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(t, 0, file, boxStart + 4, 4);
  }

  /** A copy of {@code file} with {@code child} appended inside the (32-bit sized) box at {@code boxStart}. */
  static byte[] appendToBox(byte[] file, int boxStart, byte[] child) {
    int size = (int) Boxes.readUnsignedInt(file, boxStart);
    int end = boxStart + size;
    byte[] out = new byte[file.length + child.length];
    System.arraycopy(file, 0, out, 0, end);
    System.arraycopy(child, 0, out, end, child.length);
    System.arraycopy(file, end, out, end + child.length, file.length - end);
    int newSize = size + child.length;
    out[boxStart] = (byte) (newSize >>> 24);
    out[boxStart + 1] = (byte) (newSize >>> 16);
    out[boxStart + 2] = (byte) (newSize >>> 8);
    out[boxStart + 3] = (byte) newSize;
    return out;
  }

  static byte[] box(String type, byte[] body) {
    byte[] out = new byte[8 + body.length];
    int size = out.length;
    out[0] = (byte) (size >>> 24);
    out[1] = (byte) (size >>> 16);
    out[2] = (byte) (size >>> 8);
    out[3] = (byte) size;
    System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, out, 4, 4);
    System.arraycopy(body, 0, out, 8, body.length);
    return out;
  }

  /**
   * Adds to every {@code traf} of a fragmented file (default-base-is-moof, truns with data
   * offsets) a {@code senc} with the given per-sample IVs and subsamples, and a {@code saiz} and
   * {@code saio} describing the same bytes; moof and traf sizes and trun data offsets are fixed.
   *
   * @param crypto per track id, the samples' encryption data in decode order across fragments
   */
  static byte[] addSampleEncryption(byte[] file, java.util.Map<Integer, List<dev.oolong.extractor.CryptoData>> crypto) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.util.Map<Integer, Integer> next = new java.util.HashMap<>();
    for (int p = 0; p + 8 <= file.length; ) {
      int size = (int) Boxes.readUnsignedInt(file, p);
      String t = new String(file, p + 4, 4, StandardCharsets.ISO_8859_1);
      if (!t.equals("moof")) {
        out.write(file, p, size);
        p += size;
        continue;
      }
      // Rebuild the moof: each traf gets senc + saiz + saio at its end.
      java.io.ByteArrayOutputStream moof = new java.io.ByteArrayOutputStream();
      List<int[]> trunOffsets = new ArrayList<>(); // positions (in the new moof) of trun data_offset fields
      List<int[]> saioFields = new ArrayList<>(); // {position of saio offset field, senc data position}
      for (int c = p + 8; c < p + size; ) {
        int cs = (int) Boxes.readUnsignedInt(file, c);
        String ct = new String(file, c + 4, 4, StandardCharsets.ISO_8859_1);
        if (!ct.equals("traf")) {
          moof.write(file, c, cs);
          c += cs;
          continue;
        }
        int trafStart = 8 + moof.size();
        java.io.ByteArrayOutputStream traf = new java.io.ByteArrayOutputStream();
        int trackId = 0;
        int samples = 0;
        for (int g = c + 8; g < c + cs; ) {
          int gs = (int) Boxes.readUnsignedInt(file, g);
          String gt = new String(file, g + 4, 4, StandardCharsets.ISO_8859_1);
          if (gt.equals("tfhd")) {
            trackId = (int) Boxes.readUnsignedInt(file, g + 12);
          } else if (gt.equals("trun")) {
            samples += (int) Boxes.readUnsignedInt(file, g + 12);
            if ((file[g + 11] & 1) != 0) {
              trunOffsets.add(new int[] {trafStart + 8 + traf.size() + 16});
            }
          }
          traf.write(file, g, gs);
          g += gs;
        }
        java.io.ByteArrayOutputStream senc = new java.io.ByteArrayOutputStream();
        byte[] sizes = new byte[samples];
        int first = next.getOrDefault(trackId, 0);
        for (int i = 0; i < samples; i++) {
          dev.oolong.extractor.CryptoData d = crypto.get(trackId).get(first + i);
          int before = senc.size();
          senc.writeBytes(d.iv());
          if (d.clearBytes().length > 0) {
            writeShort(senc, d.clearBytes().length);
            for (int k = 0; k < d.clearBytes().length; k++) {
              writeShort(senc, d.clearBytes()[k]);
              writeInt(senc, d.encryptedBytes()[k]);
            }
          }
          sizes[i] = (byte) (senc.size() - before);
        }
        next.put(trackId, first + samples);
        boolean subsamples = crypto.get(trackId).get(first).clearBytes().length > 0;
        java.io.ByteArrayOutputStream sencBody = new java.io.ByteArrayOutputStream();
        writeInt(sencBody, subsamples ? 2 : 0);
        writeInt(sencBody, samples);
        sencBody.writeBytes(senc.toByteArray());
        int sencDataPos = trafStart + 8 + traf.size() + 8 + 8; // box header, version/flags, count
        traf.writeBytes(box("senc", sencBody.toByteArray()));
        java.io.ByteArrayOutputStream saiz = new java.io.ByteArrayOutputStream();
        writeInt(saiz, 0);
        saiz.write(0);
        writeInt(saiz, samples);
        saiz.writeBytes(sizes);
        traf.writeBytes(box("saiz", saiz.toByteArray()));
        saioFields.add(new int[] {trafStart + 8 + traf.size() + 8 + 8, sencDataPos});
        traf.writeBytes(box("saio", new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}));
        moof.writeBytes(box("traf", traf.toByteArray()));
        c += cs;
      }
      byte[] newMoof = box("moof", moof.toByteArray());
      int delta = newMoof.length - size;
      for (int[] at : trunOffsets) {
        putInt(newMoof, at[0], (int) Boxes.readUnsignedInt(newMoof, at[0]) + delta);
      }
      for (int[] f : saioFields) {
        putInt(newMoof, f[0], f[1]); // relative to the moof's first byte
      }
      out.writeBytes(newMoof);
      p += size;
    }
    return out.toByteArray();
  }

  private static void writeShort(java.io.ByteArrayOutputStream o, int v) {
    o.write(v >>> 8);
    o.write(v);
  }

  private static void writeInt(java.io.ByteArrayOutputStream o, int v) {
    o.write(v >>> 24);
    o.write(v >>> 16);
    o.write(v >>> 8);
    o.write(v);
  }

  private static void putInt(byte[] d, int at, int v) {
    d[at] = (byte) (v >>> 24);
    d[at + 1] = (byte) (v >>> 16);
    d[at + 2] = (byte) (v >>> 8);
    d[at + 3] = (byte) v;
  }
}
