package dev.oolong.extractor.ts;

import dev.oolong.C;
import dev.oolong.PlayerException;
import dev.oolong.codec.H264Sps;
import dev.oolong.codec.H265Sps;
import dev.oolong.codec.NalUnits;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 or H.265 Annex B in PES: one sample per access unit, start codes kept. An access unit
 * ends before an access unit delimiter, before parameter sets or SEI that follow a picture's
 * slices, or before the first slice of the next picture (ITU-T H.264 7.4.1.2.3, H.265 7.4.2.4.4).
 * An access unit takes the timestamps of the PES packet it starts in.
 *
 * <p>A NAL unit whose header is impossible (forbidden bit set; an H.264 type never stored, an
 * H.265 temporal id of 0) is damage: it is left out and counted, and an access unit left with no
 * picture by it is dropped, instead of a decoder being handed bytes it must reject. A damaged
 * parameter set (one that does not parse) is left out likewise, so the format keeps the last good one.
 */
final class VideoAuReader implements EsReader {
  /** Per-codec NAL unit syntax. */
  enum Syntax {
    H264, H265;

    int type(byte[] d, int nal) {
      return this == H264 ? d[nal] & 0x1F : (d[nal] >> 1) & 0x3F;
    }

    int headerSize() {
      return this == H264 ? 1 : 2;
    }

    boolean isAud(int t) {
      return this == H264 ? t == 9 : t == 35;
    }

    boolean isVcl(int t) {
      return this == H264 ? t >= 1 && t <= 5 : t <= 31;
    }

    /** Parameter sets, SEI and the like: they start a new access unit after a picture. */
    boolean startsAccessUnit(int t) {
      return this == H264 ? t == 6 || t == 7 || t == 8 || (t >= 14 && t <= 18)
          : (t >= 32 && t <= 34) || t == 39 || (t >= 41 && t <= 44) || (t >= 48 && t <= 55);
    }

    boolean isKey(int t) {
      return this == H264 ? t == 5 : t >= 16 && t <= 23;
    }

    boolean isSps(int t) {
      return this == H264 ? t == 7 : t == 33;
    }

    boolean isPps(int t) {
      return this == H264 ? t == 8 : t == 34;
    }

    /** Whether the NAL unit header at {@code d[nal]} cannot be a real one. */
    boolean impossible(byte[] d, int nal) {
      if ((d[nal] & 0x80) != 0) {
        return true; // forbidden_zero_bit
      }
      if (this == H264) {
        int t = d[nal] & 0x1F;
        return t == 0 || t >= 24; // unspecified: packetisation types, never in a byte stream
      }
      return (d[nal + 1] & 7) == 0; // nuh_temporal_id_plus1 = 0
    }
  }

  static final int MAX_UNIT_BYTES = 16 * 1024 * 1024;
  /** Larger pictures than any level allows (H.264 level 6.2: 8192×4320): a damaged SPS. */
  static final int MAX_DIMENSION = 16384;

  private final TsTrack track;
  private final Syntax syntax;
  private final ByteAccumulator pes = new ByteAccumulator(MAX_UNIT_BYTES);
  private final ByteAccumulator au = new ByteAccumulator(MAX_UNIT_BYTES);
  private long pesPts = -1;
  private long pesDts = -1;
  private long auPts = -1;
  private long auDts = -1;
  private boolean auHasVcl;
  private boolean auKey;
  /** The access unit being assembled lost a damaged NAL unit. */
  private boolean auDamaged;
  private long damaged;
  private byte[] sps;
  private byte[] pps;
  private byte[] vps;

  VideoAuReader(TsTrack track, Syntax syntax) {
    this.track = track;
    this.syntax = syntax;
  }

  @Override
  public void packetStarted(long pts, long dts) {
    pesPts = pts;
    pesDts = dts < 0 ? pts : dts;
  }

  @Override
  public void consume(byte[] data, int offset, int length) throws PlayerException {
    pes.append(data, offset, length);
  }

  @Override
  public void packetFinished() throws PlayerException {
    byte[] d = pes.data;
    int size = pes.size;
    int first = NalUnits.findStartCode(d, 0, size);
    first = includeLeadingZeros(d, 0, first);
    if (first > 0) {
      au.append(d, 0, first); // the rest of a NAL unit begun in the previous packet
    }
    int start = first;
    while (start < size) {
      int next = NalUnits.findStartCode(d, start + 3, size);
      int end = next == size ? size : includeLeadingZeros(d, start + 3, next);
      nal(d, start, end);
      start = end;
    }
    pes.clear();
  }

  /** Moves a boundary back over zero bytes that belong to a 4-byte start code. */
  private static int includeLeadingZeros(byte[] d, int floor, int at) {
    while (at > floor && d[at - 1] == 0) {
      at--;
    }
    return at;
  }

  /** One NAL unit with its start code, at {@code d[start, end)}. */
  private void nal(byte[] d, int start, int end) throws PlayerException {
    int header = NalUnits.findStartCode(d, start, end) + 3;
    if (header + syntax.headerSize() > end) {
      au.append(d, start, end - start);
      return;
    }
    int type = syntax.type(d, header);
    if (syntax.impossible(d, header) || (syntax.isSps(type) && !parses(d, header, end))) {
      damaged++;
      auDamaged = true;
      return;
    }
    boolean vcl = syntax.isVcl(type);
    boolean firstSlice = vcl && header + syntax.headerSize() < end
        && (d[header + syntax.headerSize()] & 0x80) != 0;
    boolean boundary = syntax.isAud(type) || (auHasVcl && (syntax.startsAccessUnit(type) || firstSlice));
    if (boundary && au.size > 0) {
      emit();
    }
    if (au.size == 0) {
      auPts = pesPts;
      auDts = pesDts;
      pesPts = -1;
      pesDts = -1;
    }
    if (syntax.isSps(type)) {
      sps = java.util.Arrays.copyOfRange(d, header, end);
    } else if (syntax.isPps(type)) {
      pps = java.util.Arrays.copyOfRange(d, header, end);
    } else if (syntax == Syntax.H265 && type == 32) {
      vps = java.util.Arrays.copyOfRange(d, header, end);
    }
    auHasVcl |= vcl;
    auKey |= syntax.isKey(type);
    au.append(d, start, end - start);
  }

  /** What an SPS gives the format: the codec string and the picture size. */
  private record SpsInfo(String codecString, int width, int height) {}

  /** The SPS NAL unit at {@code d[offset, offset + length)}; a RuntimeException when it does not parse. */
  private SpsInfo readSps(byte[] d, int offset, int length) {
    if (syntax == Syntax.H264) {
      H264Sps s = H264Sps.parse(d, offset, length);
      return new SpsInfo(s.codecString(), s.width(), s.height());
    }
    H265Sps s = H265Sps.parse("hev1", d, offset, length);
    return new SpsInfo(s.codecString(), s.width(), s.height());
  }

  /** Whether the SPS at {@code d[header, end)} parses to a plausible picture size. */
  private boolean parses(byte[] d, int header, int end) {
    try {
      SpsInfo i = readSps(d, header, end - header);
      return i.width() > 0 && i.height() > 0 && i.width() <= MAX_DIMENSION && i.height() <= MAX_DIMENSION;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public long damaged() {
    return damaged;
  }

  private void emit() {
    if (auDamaged && !auHasVcl) {
      damaged++; // no picture left in it: nothing to decode
      au.clear();
      auKey = false;
      auDamaged = false;
      return;
    }
    auDamaged = false;
    if (!track.formatSent) {
      track.format(format());
    }
    track.output.sampleData(au.data, 0, au.size);
    track.sample(auPts, auDts, auKey ? TrackOutput.FLAG_KEY_FRAME : 0, au.size);
    au.clear();
    auHasVcl = false;
    auKey = false;
  }

  private Format format() {
    String codecString = null;
    int width = 0;
    int height = 0;
    List<byte[]> init = new ArrayList<>();
    if (sps != null) {
      try {
        SpsInfo i = readSps(sps, 0, sps.length);
        codecString = i.codecString();
        width = i.width();
        height = i.height();
      } catch (IndexOutOfBoundsException e) {
        codecString = null; // a damaged SPS: the format stays without geometry
      }
      if (vps != null) {
        init.add(vps);
      }
      init.add(sps);
      if (pps != null) {
        init.add(pps);
      }
    }
    return new Format(track.pid, TrackType.VIDEO, syntax == Syntax.H264 ? "h264" : "hevc",
        codecString, width, height, 0, 0, init, null, C.TIME_UNSET, false);
  }

  @Override
  public void discontinuity() {
    // Only the damaged packet goes; the access unit assembled from whole packets before it is
    // kept (muxers align access units with PES packets, so it is complete).
    pes.clear();
    pesPts = -1;
    pesDts = -1;
  }

  @Override
  public void reset() {
    discontinuity();
    au.clear();
    auHasVcl = false;
    auKey = false;
    auDamaged = false;
  }

  @Override
  public void endOfStream() throws PlayerException {
    if (pes.size > 0) {
      packetFinished();
    }
    if (au.size > 0) {
      emit();
    }
  }
}
