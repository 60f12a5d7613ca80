package dev.oolong.extractor.ogg;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.BinarySearchSeeker;
import dev.oolong.extractor.BitrateSeekMap;
import dev.oolong.extractor.ContainerErrors;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.ExtractorInput;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekGate;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import dev.oolong.util.Crc;
import dev.oolong.media.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ogg extractor (RFC 3533): pages (CRC-checked; a damaged page is dropped and the next "OggS"
 * searched for), packets reassembled across pages, one track per logical stream in the order of
 * their first pages. Opus (RFC 7845), Vorbis I and FLAC are read ({@link OggCodec}): header
 * packets are not samples; packet times come from the granule position of the first page that
 * completes packets, minus their durations (Opus: each packet's TOC; Vorbis: the block sizes of
 * the packet and the one before; FLAC: the frame header), then accumulate; Opus pre-skip is
 * applied as ffmpeg does (the first packet starts at -pre_skip). Streams of other codecs
 * (Theora, Speex, ...) are skipped; a file of nothing else is a CONTAINER_UNSUPPORTED error.
 */
public final class OggExtractor implements Extractor {
  static final int MAX_PAGE = 27 + 255 + 255 * 255;
  static final int MAX_PACKET = 1 << 20;

  private final byte[] page = new byte[MAX_PAGE];
  private ExtractorOutput output;
  private SeekGate gate;
  private BitrateSeekMap bitrateMap;
  private long length;
  /** Where the last whole page read ended (0 before the first). */
  private long pageEnd;
  private final Map<Integer, Stream> streams = new LinkedHashMap<>();
  private boolean tracksEnded;
  private long damagedPages;
  private String unsupportedCodec;

  /** One logical bitstream. */
  private static final class Stream {
    int serial;
    OggCodec codec; // null: a codec we do not read; its pages are skipped
    boolean started;
    TrackOutput output;
    byte[] partial = new byte[0];
    long nextGranule = Long.MIN_VALUE; // sample position of the next packet, once known
    int headerPackets; // packets its headers took, skipped again after a restart
    int skipPackets;
    boolean resync; // after a seek: a packet continued from an unseen page is dropped
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
    this.gate = new SeekGate(output);
    this.output = gate;
  }

  /** Pages dropped because their CRC did not match or their structure was impossible. */
  public long damagedPages() {
    return damagedPages;
  }

  @Override
  public long damagedUnits() {
    return damagedPages;
  }

  @Override
  public int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (gate.probeOver(input.getPosition(), 4L * MAX_PAGE)) {
      return nextProbe(seekPosition);
    }
    if (bitrateMap == null && gate.lastSyncUs() != BinarySearchSeeker.NO_SYNC
        && gate.lastSyncUs() - gate.firstSyncUs() >= 1_000_000 && input.getLength() != C.LENGTH_UNSET) {
      // A bitrate estimate from what was read; seeks refine it with the pages' granules.
      length = input.getLength();
      double bytesPerUs = (double) input.getPosition() / (gate.lastSyncUs() - gate.firstSyncUs());
      bitrateMap = BitrateSeekMap.estimate(0, gate.firstSyncUs(), length, bytesPerUs,
          (long) (length / bytesPerUs));
      output.seekMap(bitrateMap);
    }
    // What is left, when the end is known: a page that would run past it is no page (a cut
    // file, or a capture pattern inside data), so the search goes on byte by byte to the end.
    long remaining = input.isEndOfInputKnown() ? input.bytesAvailable()
        : input.getLength() == C.LENGTH_UNSET ? Long.MAX_VALUE : input.getLength() - input.getPosition();
    if (remaining < 27) {
      if (remaining > 0) {
        input.skipFully((int) remaining);
      }
      if (!gate.refining() && pageEnd > 0 && input.getPosition() > pageEnd) {
        // Bytes after the last whole page: the file was cut inside the page that follows.
        end();
        throw ContainerErrors.truncated("Ogg", pageEnd, "the input ends inside a page");
      }
      return end(seekPosition);
    }
    input.peekFully(page, 0, 27);
    if (page[0] != 'O' || page[1] != 'g' || page[2] != 'g' || page[3] != 'S' || page[4] != 0) {
      input.skipFully(1); // resynchronise on the capture pattern
      return RESULT_CONTINUE;
    }
    int segments = page[26] & 0xFF;
    if (27 + segments > remaining) {
      input.skipFully(1);
      return RESULT_CONTINUE;
    }
    input.peekFully(page, 27, segments);
    int bodySize = 0;
    for (int i = 0; i < segments; i++) {
      bodySize += page[27 + i] & 0xFF;
    }
    int total = 27 + segments + bodySize;
    if (total > remaining) {
      input.skipFully(1);
      return RESULT_CONTINUE;
    }
    input.peekFully(page, 27 + segments, bodySize);
    if (!crcOk(page, total)) {
      damagedPages++;
      input.skipFully(1);
      return RESULT_CONTINUE;
    }
    long offset = input.getPosition();
    input.skipFully(total);
    pageEnd = input.getPosition();
    handlePage(segments, offset);
    return RESULT_CONTINUE;
  }

  private void handlePage(int segments, long offset) throws PlayerException {
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
    boolean dropFirst = (flags & 0x01) != 0 && s.resync;
    s.resync = false;
    int p = 27 + segments;
    int start = p;
    for (int i = 0; i < segments; i++) {
      int lacing = page[27 + i] & 0xFF;
      p += lacing;
      if (lacing < 255) {
        current = concat(current, page, start, p - start);
        if (dropFirst) {
          dropFirst = false; // the tail of a packet whose start is before the seek point
        } else if (s.skipPackets > 0) {
          s.skipPackets--;
        } else {
          done.add(current);
        }
        current = new byte[0];
        start = p;
      }
    }
    s.partial = concat(current, page, start, p - start);
    if (s.partial.length > MAX_PACKET) {
      throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE, "An Ogg packet exceeds "
          + MAX_PACKET + " bytes", "offset", offset, "size", s.partial.length, "limit", MAX_PACKET);
    }
    List<byte[]> audio = new ArrayList<>();
    for (byte[] packet : done) {
      if (!header(s, packet, offset) && packet.length > 0) {
        audio.add(packet); // an empty packet carries nothing to decode (ffmpeg drops it too)
      }
    }
    if (s.codec == null && streams.values().stream().noneMatch(x -> x.codec != null)
        && (flags & 0x02) == 0) {
      end(); // only streams we cannot read: say so now rather than read them to the end
    }
    emit(s, audio, granule);
  }

  /** Consumes the codec headers at the start of a stream; true for a header packet. */
  private boolean header(Stream s, byte[] packet, long offset) throws PlayerException {
    if (!s.started) {
      s.started = true;
      s.codec = OggCodec.identify(packet);
      if (s.codec == null) {
        unsupportedCodec = OggCodec.guessName(packet);
        return true;
      }
    }
    if (s.codec == null) {
      return true;
    }
    if (s.output != null) {
      return false;
    }
    try {
      boolean isHeader = s.codec.header(packet);
      if (isHeader) {
        s.headerPackets++;
      }
      if (s.codec.headersComplete()) {
        s.output = output.track(s.serial, TrackType.AUDIO);
        s.output.format(s.codec.format(s.serial));
      }
      return isHeader;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw ContainerErrors.malformed("Ogg", offset, e.getMessage());
    }
  }

  private void emit(Stream s, List<byte[]> packets, long granule) {
    if (s.output == null || packets.isEmpty()) {
      return;
    }
    long[] durations = new long[packets.size()];
    long total = 0;
    for (int i = 0; i < durations.length; i++) {
      durations[i] = s.codec.duration(packets.get(i));
      total += durations[i];
    }
    if (s.nextGranule == Long.MIN_VALUE) {
      if (granule < 0) {
        s.codec.reset();
        return; // times unknown until a page with a granule position completes packets
      }
      s.nextGranule = granule - total;
    }
    for (int i = 0; i < durations.length; i++) {
      byte[] packet = packets.get(i);
      long us = Times.ticksToUs(s.nextGranule - s.codec.preSkip(), s.codec.granuleRate());
      s.output.sampleData(packet, 0, packet.length);
      s.output.sampleMetadata(us, us, TrackOutput.FLAG_KEY_FRAME, packet.length, null);
      s.nextGranule += durations[i];
    }
    if (!tracksEnded) {
      tracksEnded = true;
      output.endTracks();
      output.seekMap(SeekMap.notYet());
    }
  }

  private int end(PositionHolder seekPosition) throws PlayerException {
    if (gate.refining()) {
      return nextProbe(seekPosition); // nothing after the probe
    }
    return end();
  }

  private int end() throws PlayerException {
    if (unsupportedCodec != null && streams.values().stream().noneMatch(x -> x.codec != null)) {
      throw PlayerException.critical(ErrorCode.CONTAINER_UNSUPPORTED,
          "Ogg " + unsupportedCodec + " is not supported (Ogg carries Opus, Vorbis and FLAC here)", "container",
          "ogg/" + unsupportedCodec);
    }
    if (!tracksEnded) {
      tracksEnded = true;
      output.endTracks();
      output.seekMap(SeekMap.unseekable(C.TIME_UNSET));
    }
    return RESULT_END_OF_INPUT;
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
    resetStreams(position == 0);
    if (position == 0 || bitrateMap == null) {
      gate.pass();
      return;
    }
    gate.refine(new BinarySearchSeeker(timeUs, 0, gate.firstSyncUs(),
        Math.max(position + 1, length), bitrateMap.bytesPerUs(), 64, 1), position);
  }

  /** Drops what is in progress; a restart from 0 skips the header packets seen before. */
  private void resetStreams(boolean restart) {
    for (Stream s : streams.values()) {
      s.partial = new byte[0];
      s.nextGranule = Long.MIN_VALUE;
      s.skipPackets = restart ? s.headerPackets : 0;
      s.resync = !restart;
      if (s.codec != null) {
        s.codec.reset();
      }
    }
  }

  /** A probe is over: on to the next one, or land. */
  private int nextProbe(PositionHolder seekPosition) {
    resetStreams(false);
    seekPosition.position = gate.nextPosition();
    return RESULT_SEEK;
  }


  @Override
  public void release() {}
}
