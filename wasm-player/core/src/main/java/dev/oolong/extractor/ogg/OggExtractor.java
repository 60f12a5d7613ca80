package dev.oolong.extractor.ogg;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.ExtractorInput;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import dev.oolong.util.Crc;
import dev.oolong.util.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ogg extractor (RFC 3533): pages (CRC-checked; a damaged page is dropped and the next "OggS"
 * searched for), packets reassembled across pages, one track per logical stream in the order of
 * their first pages. Opus (RFC 7845) is supported: the identification and comment headers are
 * not samples; packet times come from the granule position of the first page that completes
 * packets, minus their durations (from each packet's TOC), then accumulate; pre-skip is applied
 * as ffmpeg does (the first packet starts at -pre_skip). Streams of other codecs are skipped.
 */
public final class OggExtractor implements Extractor {
  static final int MAX_PAGE = 27 + 255 + 255 * 255;
  static final int MAX_PACKET = 1 << 20;

  private final byte[] page = new byte[MAX_PAGE];
  private ExtractorOutput output;
  private final Map<Integer, Stream> streams = new LinkedHashMap<>();
  private boolean tracksEnded;
  private long damagedPages;
  private String unsupportedCodec;

  /** One logical bitstream. */
  private static final class Stream {
    int serial;
    boolean opus;
    boolean unsupported;
    int headersSeen;
    int preSkip;
    TrackOutput output;
    byte[] partial = new byte[0];
    long nextGranule = Long.MIN_VALUE; // sample position of the next packet, once known
  }

  @Override
  public boolean sniff(ExtractorInput input) throws PlayerException {
    byte[] h = new byte[27];
    return input.peekFully(h, 0, 27, true) && h[0] == 'O' && h[1] == 'g' && h[2] == 'g'
        && h[3] == 'S' && h[4] == 0 && (h[5] & 0x02) != 0;
  }

  @Override
  public String containerName() {
    return "ogg";
  }

  @Override
  public void init(ExtractorOutput output) {
    this.output = output;
  }

  /** Pages dropped because their CRC did not match or their structure was impossible. */
  public long damagedPages() {
    return damagedPages;
  }

  @Override
  public int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (!input.peekFully(page, 0, 27, true)) {
      return end();
    }
    if (page[0] != 'O' || page[1] != 'g' || page[2] != 'g' || page[3] != 'S' || page[4] != 0) {
      input.skipFully(1); // resynchronise on the capture pattern
      return RESULT_CONTINUE;
    }
    int segments = page[26] & 0xFF;
    if (!input.peekFully(page, 27, segments, true)) {
      return end();
    }
    int bodySize = 0;
    for (int i = 0; i < segments; i++) {
      bodySize += page[27 + i] & 0xFF;
    }
    int total = 27 + segments + bodySize;
    if (!input.peekFully(page, 27 + segments, bodySize, true)) {
      return end();
    }
    if (!crcOk(page, total)) {
      damagedPages++;
      input.skipFully(1);
      return RESULT_CONTINUE;
    }
    input.skipFully(total);
    handlePage(segments);
    return RESULT_CONTINUE;
  }

  private void handlePage(int segments) throws PlayerException {
    int flags = page[5] & 0xFF;
    long granule = readLe64(page, 6);
    int serial = (int) readLe32(page, 14);
    Stream s = streams.get(serial);
    if (s == null) {
      if ((flags & 0x02) == 0 || tracksEnded) {
        return; // a page of a stream whose start we did not see
      }
      s = new Stream();
      s.serial = serial;
      streams.put(serial, s);
    }
    // Packets completed on this page.
    List<byte[]> done = new ArrayList<>();
    byte[] current = (flags & 0x01) != 0 ? s.partial : new byte[0];
    int p = 27 + segments;
    int start = p;
    for (int i = 0; i < segments; i++) {
      int lacing = page[27 + i] & 0xFF;
      p += lacing;
      if (lacing < 255) {
        current = concat(current, page, start, p - start);
        done.add(current);
        current = new byte[0];
        start = p;
      }
    }
    s.partial = concat(current, page, start, p - start);
    if (s.partial.length > MAX_PACKET) {
      throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE, "An Ogg packet exceeds "
          + MAX_PACKET + " bytes", "offset", -1, "size", s.partial.length, "limit", MAX_PACKET);
    }
    for (byte[] packet : done) {
      header(s, packet);
    }
    if (s.unsupported && streams.values().stream().noneMatch(x -> x.opus) && (flags & 0x02) == 0) {
      end(); // only unsupported streams: say so now rather than read them to the end
    }
    emit(s, done, granule);
  }

  /** Consumes the codec headers at the start of a stream; true for a header packet. */
  private boolean header(Stream s, byte[] packet) {
    if (s.headersSeen == 0) {
      s.headersSeen = 1;
      if (packet.length >= 19 && startsWith(packet, "OpusHead")) {
        s.opus = true;
        s.preSkip = (packet[10] & 0xFF) | (packet[11] & 0xFF) << 8;
        int channels = packet[9] & 0xFF;
        s.output = output.track(s.serial, TrackType.AUDIO);
        s.output.format(new Format(s.serial, TrackType.AUDIO, "opus", "opus", 0, 0, 48000, channels,
            List.of(packet), null, C.TIME_UNSET, false));
      } else {
        s.unsupported = true; // Vorbis, FLAC, Theora, ... in Ogg: not supported yet
        unsupportedCodec = packet.length > 1 && packet[0] == 0x01 ? "vorbis"
            : packet.length > 4 && packet[1] == 'F' ? "flac" : "unknown";
      }
      return true;
    }
    if (s.opus && s.headersSeen == 1) {
      s.headersSeen = 2; // OpusTags
      return true;
    }
    return false;
  }

  private void emit(Stream s, List<byte[]> packets, long granule) {
    if (!s.opus) {
      return;
    }
    List<byte[]> audio = new ArrayList<>();
    for (byte[] packet : packets) {
      if (!isHeaderPacket(packet)) {
        audio.add(packet);
      }
    }
    if (audio.isEmpty()) {
      return;
    }
    if (s.nextGranule == Long.MIN_VALUE) {
      if (granule < 0) {
        return; // times unknown until a page with a granule position completes packets
      }
      long durations = 0;
      for (byte[] packet : audio) {
        durations += OpusPackets.samples(packet);
      }
      s.nextGranule = granule - durations;
    }
    for (byte[] packet : audio) {
      long us = Times.ticksToUs(s.nextGranule - s.preSkip, 48000);
      s.output.sampleData(packet, 0, packet.length);
      s.output.sampleMetadata(us, us, TrackOutput.FLAG_KEY_FRAME, packet.length, null);
      s.nextGranule += OpusPackets.samples(packet);
    }
    if (!tracksEnded) {
      tracksEnded = true;
      output.endTracks();
      output.seekMap(SeekMap.unseekable(C.TIME_UNSET));
    }
  }

  private static boolean isHeaderPacket(byte[] packet) {
    return startsWith(packet, "OpusHead") || startsWith(packet, "OpusTags");
  }

  private int end() throws PlayerException {
    if (unsupportedCodec != null && streams.values().stream().noneMatch(x -> x.opus)) {
      throw PlayerException.critical(ErrorCode.CONTAINER_UNSUPPORTED,
          "Ogg " + unsupportedCodec + " is not supported yet (only Ogg Opus)", "container",
          "ogg/" + unsupportedCodec);
    }
    if (!tracksEnded) {
      tracksEnded = true;
      output.endTracks();
      output.seekMap(SeekMap.unseekable(C.TIME_UNSET));
    }
    return RESULT_END_OF_INPUT;
  }

  private static boolean startsWith(byte[] d, String magic) {
    if (d.length < magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if (d[i] != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] concat(byte[] a, byte[] b, int offset, int length) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + length);
    System.arraycopy(b, offset, out, a.length, length);
    return out;
  }

  private static long readLe32(byte[] d, int p) {
    return (d[p] & 0xFFL) | (d[p + 1] & 0xFFL) << 8 | (d[p + 2] & 0xFFL) << 16 | (d[p + 3] & 0xFFL) << 24;
  }

  private static long readLe64(byte[] d, int p) {
    return readLe32(d, p) | readLe32(d, p + 4) << 32;
  }

  private static final byte[] ZEROS = new byte[4];

  /** The Ogg CRC-32 (polynomial 0x04C11DB7, no reflection) with the CRC field taken as zero. */
  static boolean crcOk(byte[] d, int length) {
    long stored = readLe32(d, 22);
    int crc = Crc.crc32Update(0, d, 0, 22);
    crc = Crc.crc32Update(crc, ZEROS, 0, 4);
    crc = Crc.crc32Update(crc, d, 26, length - 26);
    return (crc & 0xFFFFFFFFL) == stored;
  }

  @Override
  public void seek(long position, long timeUs) {
    for (Stream s : streams.values()) {
      s.partial = new byte[0];
      s.nextGranule = Long.MIN_VALUE;
    }
  }

  @Override
  public void release() {}
}
