package dev.oolong.msefallback;

import dev.oolong.extractor.CryptoData;
import dev.oolong.media.Format;

/** The {@code trak} of one track in an init segment (ISO/IEC 14496-12, 14496-15, 23001-7). */
final class InitBoxes {
  private InitBoxes() {}

  static void trak(BoxWriter w, int trackId, TrackConfig c, CryptoData crypto) {
    Format f = c.format;
    boolean video = c.isVideo();
    w.start("trak");
    w.startFull("tkhd", 0, 3).u32(0).u32(0).u32(trackId).u32(0).u32(0).zeros(8);
    w.u16(0).u16(0).u16(video ? 0 : 0x0100).u16(0);
    Fmp4Remuxer.matrix(w);
    w.u32(video ? (long) f.width() << 16 : 0).u32(video ? (long) f.height() << 16 : 0).end();
    w.start("mdia");
    w.startFull("mdhd", 0, 0).u32(0).u32(0).u32(c.timescale).u32(0).u16(language(f.language())).u16(0).end();
    w.startFull("hdlr", 0, 0).u32(0).fourCc(video ? "vide" : "soun").zeros(12)
        .bytes((video ? "Video" : "Sound").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).u8(0).end();
    w.start("minf");
    if (video) {
      w.startFull("vmhd", 0, 1).zeros(8).end();
    } else {
      w.startFull("smhd", 0, 0).zeros(4).end();
    }
    w.start("dinf").startFull("dref", 0, 0).u32(1).startFull("url ", 0, 1).end().end().end();
    w.start("stbl");
    w.startFull("stsd", 0, 0).u32(1);
    sampleEntry(w, c, crypto);
    w.end();
    w.startFull("stts", 0, 0).u32(0).end();
    w.startFull("stsc", 0, 0).u32(0).end();
    w.startFull("stsz", 0, 0).u32(0).u32(0).end();
    w.startFull("stco", 0, 0).u32(0).end();
    w.end(); // stbl
    w.end(); // minf
    w.end(); // mdia
    w.end(); // trak
  }

  private static void sampleEntry(BoxWriter w, TrackConfig c, CryptoData crypto) {
    Format f = c.format;
    boolean encrypted = crypto != null;
    w.start(encrypted ? (c.isVideo() ? "encv" : "enca") : c.sampleEntry);
    w.zeros(6).u16(1); // reserved, data_reference_index
    if (c.isVideo()) {
      w.zeros(16).u16(f.width()).u16(f.height()).u32(0x00480000).u32(0x00480000).u32(0).u16(1);
      w.zeros(32).u16(0x0018).u16(0xFFFF);
    } else {
      w.zeros(8).u16(Math.max(1, f.channels())).u16(16).u16(0).u16(0);
      w.u32(f.sampleRate() < 65536 ? (long) f.sampleRate() << 16 : 0);
    }
    w.box(c.configBox, c.config);
    if (encrypted) {
      sinf(w, c.sampleEntry, crypto);
    }
    w.end();
  }

  /** {@code sinf}: the original format, the scheme, and the track's {@code tenc}. */
  private static void sinf(BoxWriter w, String original, CryptoData crypto) {
    boolean pattern = crypto.cryptByteBlock() != 0 || crypto.skipByteBlock() != 0;
    w.start("sinf");
    w.start("frma").fourCc(original).end();
    w.startFull("schm", 0, 0).fourCc(crypto.scheme()).u32(0x00010000).end();
    w.start("schi");
    w.startFull("tenc", pattern ? 1 : 0, 0).u8(0);
    w.u8(pattern ? crypto.cryptByteBlock() << 4 | crypto.skipByteBlock() : 0);
    w.u8(1).u8(crypto.iv().length).bytes(crypto.keyId());
    w.end(); // tenc
    w.end(); // schi
    w.end(); // sinf
  }

  /** ISO 639-2/T packed in 15 bits ({@code und} when unknown). */
  static int language(String lang) {
    String l = lang != null && lang.length() == 3 ? lang : "und";
    return ((l.charAt(0) - 0x60) & 0x1F) << 10 | ((l.charAt(1) - 0x60) & 0x1F) << 5
        | ((l.charAt(2) - 0x60) & 0x1F);
  }
}
