package dev.oolong.extractor.ts;

import dev.oolong.extractor.audio.AudioFrames;

import dev.oolong.C;
import dev.oolong.PlayerException;
import dev.oolong.extractor.BinarySearchSeeker;
import dev.oolong.extractor.BitrateSeekMap;
import dev.oolong.extractor.ContainerErrors;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.ExtractorInput;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekGate;
import dev.oolong.extractor.ReadIndexSeekMap;
import dev.oolong.extractor.SeekMap;
import dev.oolong.media.Times;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MPEG-2 transport stream extractor (ISO/IEC 13818-1): PAT and PMT (CRC-checked), PES
 * reassembly, H.264 and H.265 access units, ADTS AAC, MPEG audio, ID3 timed metadata. Lost sync
 * is found again on the sync byte (checked one packet further on); continuity-counter gaps make
 * the stream drop its partial unit; duplicates are ignored. Tracks follow the PMT's order.
 *
 * <p>Packets are 188 bytes, or 192 in the M2TS form of Blu-ray discs and AVCHD camcorders (a
 * 4-byte arrival time stamp before each packet, ignored): the form is told from where the sync
 * bytes recur when the stream is sniffed.
 *
 * <p>Seeking: once a second of the primary track (video, else audio) has been read and the
 * input's length is known, a bitrate estimate is published as the seek map; a seek then probes
 * positions ({@link BinarySearchSeeker}, swallowing samples through a {@link SeekGate}) for the
 * last one whose first key frame is at or before the target, and resumes there, video from that
 * key frame.
 */
public final class TsExtractor implements Extractor {
  static final int PACKET = 188;
  /** An M2TS packet: a 4-byte arrival time stamp, then a transport packet. */
  static final int M2TS_PACKET = 192;
  static final int SYNC = 0x47;
  /** Bytes from one packet's start to the next: {@link #PACKET} or {@link #M2TS_PACKET}. */
  private int stride = PACKET;
  /** Bytes before each transport packet's sync byte (0, or 4 in M2TS). */
  private int prefix;

  private final byte[] packet = new byte[PACKET];
  private ExtractorOutput output;
  private final Map<Integer, PsiReader> psi = new LinkedHashMap<>();
  private final Map<Integer, PesReader> pes = new LinkedHashMap<>();
  /** The last packet with a payload of each PID (its continuity counter, and to tell a duplicate). */
  private final Map<Integer, byte[]> lastPackets = new LinkedHashMap<>();
  private boolean tracksEnded;
  /** Bytes a probe may read looking for a key frame before it counts as finding none. */
  static final int MAX_PROBE_BYTES = 8 << 20;

  private SeekGate gate;
  /** Where the packet being handled starts in the input. */
  private long packetAt;
  private BitrateSeekMap bitrateMap;
  private long length;
  private long syncLosses;
  /** Resyncs and damaged units of elementary streams whose readers were released. */
  private long releasedResyncs;
  private long releasedDamaged;
  private long continuityErrors;

  @Override
  public boolean sniff(ExtractorInput input) throws PlayerException {
    byte[] b = new byte[M2TS_PACKET * 3 + 1];
    if (!input.peekFully(b, 0, PACKET * 3 + 1, true)) {
      return false;
    }
    if (syncsAt(b, 0, PACKET)) {
      return true;
    }
    if (!input.peekFully(b, PACKET * 3 + 1, b.length - (PACKET * 3 + 1), true)
        || !syncsAt(b, M2TS_PACKET - PACKET, M2TS_PACKET)) {
      return false;
    }
    stride = M2TS_PACKET;
    prefix = M2TS_PACKET - PACKET;
    return true;
  }

  private static boolean syncsAt(byte[] b, int first, int stride) {
    return (b[first] & 0xFF) == SYNC && (b[first + stride] & 0xFF) == SYNC
        && (b[first + 2 * stride] & 0xFF) == SYNC;
  }

  @Override
  public String containerName() {
    return "mpegts";
  }

  @Override
  public void init(ExtractorOutput output) {
    this.gate = new SeekGate(output);
    this.output = gate;
    psi.put(0, new PsiReader(this::onPat));
    output.seekMap(SeekMap.notYet());
  }

  /** Packets whose sync byte was missing (the reader searched for the next one). */
  public long syncLosses() {
    return syncLosses;
  }

  /** Continuity-counter gaps seen. */
  public long continuityErrors() {
    return continuityErrors;
  }

  @Override
  public long damagedUnits() {
    long n = continuityErrors + releasedDamaged;
    for (PesReader r : pes.values()) {
      n += r.reader().damaged();
    }
    return n;
  }

  @Override
  public long resyncs() {
    long n = syncLosses + releasedResyncs;
    for (PesReader r : pes.values()) {
      n += r.reader().resyncs();
    }
    return n;
  }

  @Override
  public int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (gate.probeOver(input.getPosition(), MAX_PROBE_BYTES)) {
      return nextProbe(seekPosition);
    }
    publishSeekMap(input);
    long remaining = remaining(input);
    if (remaining < stride) {
      if (remaining > 0) {
        // The input was cut inside a packet: the units in progress are incomplete.
        long at = input.getPosition();
        input.skipFully((int) remaining);
        for (PesReader r : pes.values()) {
          r.discontinuity();
        }
        int result = end(seekPosition);
        if (result == RESULT_END_OF_INPUT) {
          throw ContainerErrors.truncated("MPEG-TS", at, "the input ends inside a transport packet");
        }
        return result; // a probe found nothing: on to the next
      }
      return end(seekPosition);
    }
    if (!input.peekFully(packet, 0, prefix + 1, true)) {
      return end(seekPosition);
    }
    input.resetPeekPosition();
    if ((packet[prefix] & 0xFF) != SYNC
        || (!nextSyncAgrees(input, remaining) && (searching || !continuesAStream(input)))) {
      input.skipFully(1); // resynchronise byte by byte
      if (!searching) {
        syncLosses++;
      }
      searching = true;
      return RESULT_CONTINUE;
    }
    packetAt = input.getPosition();
    if (prefix > 0) {
      input.skipFully(prefix); // the M2TS arrival time stamp
    }
    input.readFully(packet, 0, PACKET);
    searching = false;
    handle();
    publishSeekMap(input); // now: the consumer may hold the extraction after this packet
    return RESULT_CONTINUE;
  }

  /** The bitrate estimate, once a second of sync samples has gone by. */
  private void publishSeekMap(ExtractorInput input) {
    if (bitrateMap == null && gate.lastSyncUs() != BinarySearchSeeker.NO_SYNC
        && gate.lastSyncUs() - gate.firstSyncUs() >= 1_000_000 && input.getLength() != C.LENGTH_UNSET) {
      double bytesPerUs = (double) input.getPosition() / (gate.lastSyncUs() - gate.firstSyncUs());
      length = input.getLength();
      bitrateMap = BitrateSeekMap.estimate(0, gate.firstSyncUs(), input.getLength(), bytesPerUs,
          (long) (input.getLength() / bytesPerUs));
      output.seekMap(new ReadIndexSeekMap(bitrateMap, gate));
    }
  }

  /**
   * In sync, a packet not followed by a sync byte is still taken if it continues a stream we
   * follow (known PID, next continuity counter): the damage is after it, not in it.
   */
  private boolean continuesAStream(ExtractorInput input) throws PlayerException {
    input.resetPeekPosition();
    input.peekFully(packet, 0, prefix + 4);
    input.resetPeekPosition();
    if (prefix > 0) {
      System.arraycopy(packet, prefix, packet, 0, 4);
    }
    int pid = (packet[1] & 0x1F) << 8 | (packet[2] & 0xFF);
    byte[] last = lastPackets.get(pid);
    return last != null && (pes.containsKey(pid) || psi.containsKey(pid))
        && (packet[3] & 0xF) == (((last[3] & 0xF) + 1) & 0xF);
  }

  /** Bytes left in the input, or Long.MAX_VALUE when that is not known yet. */
  private static long remaining(ExtractorInput input) {
    if (input.isEndOfInputKnown()) {
      return input.bytesAvailable();
    }
    return input.getLength() == C.LENGTH_UNSET ? Long.MAX_VALUE : input.getLength() - input.getPosition();
  }

  /**
   * A sync byte counts only if the next packet starts with one too, and while searching after a
   * loss the one after that as well (as far as the input goes): a stray 0x47 in damaged data or
   * in a payload must not be taken for a packet.
   */
  private boolean nextSyncAgrees(ExtractorInput input, long remaining) throws PlayerException {
    int checks = searching ? 2 : 1;
    input.resetPeekPosition();
    try {
      for (int k = 1; k <= checks && remaining > (long) k * stride; k++) {
        input.advancePeekPosition(k == 1 ? prefix + stride : stride - 1);
        input.peekFully(probe, 0, 1);
        if ((probe[0] & 0xFF) != SYNC) {
          return false;
        }
      }
      return true;
    } finally {
      input.resetPeekPosition();
    }
  }

  private final byte[] probe = new byte[1];
  private boolean searching;

  /** A probe is over: on to the next one, or land. */
  private int nextProbe(PositionHolder seekPosition) {
    resetReaders();
    seekPosition.position = gate.nextPosition();
    return RESULT_SEEK;
  }

  private int end(PositionHolder seekPosition) throws PlayerException {
    if (gate.refining()) {
      return nextProbe(seekPosition); // no key frame after the probe
    }
    for (PesReader r : pes.values()) {
      r.endOfStream();
    }
    if (!tracksEnded) {
      output.endTracks();
      tracksEnded = true;
    }
    return RESULT_END_OF_INPUT;
  }

  /** Takes the packet read (it starts at {@link #packetAt} in the input). */
  private void handle() throws PlayerException {
    boolean error = (packet[1] & 0x80) != 0;
    boolean unitStart = (packet[1] & 0x40) != 0;
    int pid = (packet[1] & 0x1F) << 8 | (packet[2] & 0xFF);
    int adaptation = (packet[3] >> 4) & 3;
    int cc = packet[3] & 0xF;
    if (error || pid == 0x1FFF) {
      return;
    }
    int offset = 4;
    if ((adaptation & 2) != 0) {
      int length = packet[4] & 0xFF;
      if (length > 183) {
        return; // impossible adaptation field: the packet is damaged
      }
      offset += 1 + length;
    }
    if ((adaptation & 1) == 0 || offset >= PACKET) {
      return;
    }
    byte[] last = lastPackets.get(pid);
    // The adaptation field's discontinuity indicator: the counter may start anew here.
    boolean restarts = (adaptation & 2) != 0 && (packet[4] & 0xFF) > 0 && (packet[5] & 0x80) != 0;
    if (last == null) {
      last = new byte[PACKET];
      lastPackets.put(pid, last);
    } else if (!restarts) {
      int lastCc = last[3] & 0xF;
      if (cc == lastCc && samePayload(last, offset)) {
        return; // a duplicate packet (sent twice on purpose): its payload was taken already
      }
      // Any other counter than the next, including the same counter on a different payload
      // (two streams joined where the counters happen to meet), means bytes were lost here.
      if (cc != ((lastCc + 1) & 0xF)) {
        continuityErrors++;
        PesReader r = pes.get(pid);
        if (r != null) {
          r.discontinuity();
        }
      }
    }
    System.arraycopy(packet, 0, last, 0, PACKET);
    PsiReader section = psi.get(pid);
    if (section != null) {
      section.consume(packet, offset, PACKET, unitStart);
      return;
    }
    PesReader r = pes.get(pid);
    if (r != null) {
      r.consume(packet, offset, PACKET, unitStart);
    }
  }

  private void onPat(byte[] s, int length) {
    // program loop after the 8-byte header, before the CRC
    for (int p = 8; p + 4 <= length - 4; p += 4) {
      int program = (s[p] & 0xFF) << 8 | (s[p + 1] & 0xFF);
      int pmtPid = (s[p + 2] & 0x1F) << 8 | (s[p + 3] & 0xFF);
      if (program != 0 && !psi.containsKey(pmtPid)) {
        psi.put(pmtPid, new PsiReader(this::onPmt));
      }
    }
  }

  private void onPmt(byte[] s, int length) {
    if (tracksEnded) {
      return; // the first PMT defines the tracks
    }
    int programInfo = (s[10] & 0x0F) << 8 | (s[11] & 0xFF);
    int p = 12 + programInfo;
    List<int[]> streams = new ArrayList<>();
    while (p + 5 <= length - 4) {
      int type = s[p] & 0xFF;
      int pid = (s[p + 1] & 0x1F) << 8 | (s[p + 2] & 0xFF);
      int infoLength = (s[p + 3] & 0x0F) << 8 | (s[p + 4] & 0xFF);
      streams.add(new int[] {type, pid, hasFormatId(s, p + 5, Math.min(length - 4, p + 5 + infoLength), "ID3 ") ? 1 : 0});
      p += 5 + infoLength;
    }
    for (int[] st : streams) {
      int type = st[0];
      int pid = st[1];
      if (pes.containsKey(pid)) {
        continue;
      }
      EsReader reader = switch (type) {
        case 0x1B -> new VideoAuReader(new TsTrack(output.track(pid, TrackType.VIDEO), pid), VideoAuReader.Syntax.H264);
        case 0x24 -> new VideoAuReader(new TsTrack(output.track(pid, TrackType.VIDEO), pid), VideoAuReader.Syntax.H265);
        case 0x0F -> new AudioFrameReader(new TsTrack(output.track(pid, TrackType.AUDIO), pid), AudioFrames.adts(pid));
        case 0x03, 0x04 -> new AudioFrameReader(new TsTrack(output.track(pid, TrackType.AUDIO), pid), AudioFrames.mpegAudio(pid));
        case 0x15 -> st[2] == 1 ? new Id3Reader(new TsTrack(output.track(pid, TrackType.METADATA), pid)) : null;
        default -> null; // not supported: the stream is ignored
      };
      if (reader != null) {
        // The gate's index of what was read (a seek there needs no probing): where PES packets
        // start and the time they carry.
        pes.put(pid, new PesReader(reader, pts -> gate.unitStart(pid, packetAt, Times.ticksToUs(pts, 90_000))));
      }
    }
    output.endTracks();
    tracksEnded = true;
  }

  private static boolean hasFormatId(byte[] s, int p, int end, String id) {
    while (p + 2 <= end) {
      int tag = s[p] & 0xFF;
      int len = s[p + 1] & 0xFF;
      if (p + 2 + len > end) {
        return false;
      }
      if ((tag == 0x05 || tag == 0x26) && len >= 4) {
        int q = tag == 0x26 ? p + 2 + 2 : p + 2; // metadata_descriptor: after application format
        if (tag == 0x26 && len >= 7 && (s[p + 2] & 0xFF) == 0xFF && (s[p + 3] & 0xFF) == 0xFF) {
          q = p + 2 + 6;
        } else if (tag == 0x26) {
          q = p + 2 + 3;
        }
        if (q + 4 <= p + 2 + len && new String(new char[] {(char) s[q], (char) s[q + 1],
            (char) s[q + 2], (char) s[q + 3]}).equals(id)) {
          return true;
        }
      }
      p += 2 + len;
    }
    return false;
  }

  @Override
  public void seek(long position, long timeUs) {
    resetReaders();
    if (position == 0 || bitrateMap == null) {
      gate.pass();
      return;
    }
    if (position == gate.indexedPosition(timeUs)) {
      gate.land(); // read before without a break: the key frame is known to be first there
      return;
    }
    // Refine: position is the map's estimate for timeUs, the first probe.
    gate.refine(new BinarySearchSeeker(timeUs, 0, gate.firstSyncUs(),
        Math.max(position + stride, length), bitrateMap.bytesPerUs(), 8 * stride, stride), position);
  }

  /** Whether this packet's payload (from {@code offset}) is byte for byte {@code last}'s. */
  private boolean samePayload(byte[] last, int offset) {
    for (int i = offset; i < PACKET; i++) {
      if (packet[i] != last[i]) {
        return false;
      }
    }
    return true;
  }

  private void resetReaders() {
    lastPackets.clear();
    searching = false;
    for (PesReader r : pes.values()) {
      r.reset();
    }
  }

  @Override
  public void release() {
    releasedResyncs = resyncs() - syncLosses;
    releasedDamaged = damagedUnits() - continuityErrors;
    pes.clear();
    psi.clear();
  }
}
