package dev.oolong.extractor.mp4;

/** Four-character codes of the ISO BMFF boxes the engine reads, as big-endian ints. */
final class BoxTypes {
  static final int FTYP = fourCc("ftyp");
  static final int MOOV = fourCc("moov");
  static final int MVHD = fourCc("mvhd");
  static final int MVEX = fourCc("mvex");
  static final int MEHD = fourCc("mehd");
  static final int TREX = fourCc("trex");
  static final int TRAK = fourCc("trak");
  static final int TKHD = fourCc("tkhd");
  static final int EDTS = fourCc("edts");
  static final int ELST = fourCc("elst");
  static final int MDIA = fourCc("mdia");
  static final int MDHD = fourCc("mdhd");
  static final int HDLR = fourCc("hdlr");
  static final int MINF = fourCc("minf");
  static final int STBL = fourCc("stbl");
  static final int STSD = fourCc("stsd");
  static final int STSZ = fourCc("stsz");
  static final int STTS = fourCc("stts");
  static final int CTTS = fourCc("ctts");
  static final int STSC = fourCc("stsc");
  static final int STCO = fourCc("stco");
  static final int CO64 = fourCc("co64");
  static final int STSS = fourCc("stss");
  static final int SIDX = fourCc("sidx");
  static final int MFRA = fourCc("mfra");
  static final int MFRO = fourCc("mfro");
  static final int TFRA = fourCc("tfra");
  static final int SENC = fourCc("senc");
  static final int SCHM = fourCc("schm");
  static final int SCHI = fourCc("schi");
  static final int TENC = fourCc("tenc");
  static final int PSSH = fourCc("pssh");
  static final int SAIZ = fourCc("saiz");
  static final int SAIO = fourCc("saio");
  static final int STZ2 = fourCc("stz2");
  static final int MOOF = fourCc("moof");
  static final int TRAF = fourCc("traf");
  static final int TFHD = fourCc("tfhd");
  static final int TFDT = fourCc("tfdt");
  static final int TRUN = fourCc("trun");
  static final int MDAT = fourCc("mdat");
  static final int SINF = fourCc("sinf");
  static final int FRMA = fourCc("frma");
  static final int AVCC = fourCc("avcC");
  static final int HVCC = fourCc("hvcC");
  static final int AV1C = fourCc("av1C");
  static final int VPCC = fourCc("vpcC");
  static final int ESDS = fourCc("esds");
  static final int DOPS = fourCc("dOps");
  static final int DFLA = fourCc("dfLa");
  static final int WAVE = fourCc("wave");

  private BoxTypes() {}

  static int fourCc(String s) {
    return s.charAt(0) << 24 | s.charAt(1) << 16 | s.charAt(2) << 8 | s.charAt(3);
  }

  static String name(int type) {
    char[] c = {(char) (type >>> 24 & 0xFF), (char) (type >>> 16 & 0xFF),
        (char) (type >>> 8 & 0xFF), (char) (type & 0xFF)};
    return new String(c);
  }
}
