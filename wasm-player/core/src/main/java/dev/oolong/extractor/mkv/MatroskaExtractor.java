package dev.oolong.extractor.mkv;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.ContainerErrors;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.IndexSeekMap;
import dev.oolong.extractor.InputSkipper;
import dev.oolong.extractor.ExtractorInput;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matroska and WebM extractor: EBML elements read as a stream (masters are entered, wanted
 * leaves read, the rest skipped or seeked over), Info, Tracks, Clusters with SimpleBlock and
 * BlockGroup, Xiph/EBML/fixed lacing, and Cues for seeking (found through the SeekHead and read
 * with a detour before the first Cluster when the input length is known). Codec delay (Opus) is
 * applied to audio timestamps as ffmpeg does, in the track's timestamp units.
 */
public final class MatroskaExtractor implements Extractor {
  static final int EBML = 0x1A45DFA3;
  static final int DOC_TYPE = 0x4282;
  static final int SEGMENT = 0x18538067;
  static final int SEEK_HEAD = 0x114D9B74;
  static final int SEEK = 0x4DBB;
  static final int SEEK_ID = 0x53AB;
  static final int SEEK_POSITION = 0x53AC;
  static final int INFO = 0x1549A966;
  static final int TIMESTAMP_SCALE = 0x2AD7B1;
  static final int DURATION = 0x4489;
  static final int TRACKS = 0x1654AE6B;
  static final int TRACK_ENTRY = 0xAE;
  static final int TRACK_NUMBER = 0xD7;
  static final int TRACK_TYPE = 0x83;
  static final int CODEC_ID = 0x86;
  static final int CODEC_PRIVATE = 0x63A2;
  static final int CODEC_DELAY = 0x56AA;
  static final int DEFAULT_DURATION = 0x23E383;
  static final int LANGUAGE = 0x22B59C;
  static final int VIDEO = 0xE0;
  static final int PIXEL_WIDTH = 0xB0;
  static final int PIXEL_HEIGHT = 0xBA;
  static final int AUDIO = 0xE1;
  static final int SAMPLING_FREQUENCY = 0xB5;
  static final int CHANNELS = 0x9F;
  static final int CONTENT_ENCODINGS = 0x6D80;
  static final int CONTENT_ENCODING = 0x6240;
  static final int CONTENT_ENCRYPTION = 0x5035;
  static final int CLUSTER = 0x1F43B675;
  static final int CLUSTER_TIMESTAMP = 0xE7;
  static final int SIMPLE_BLOCK = 0xA3;
  static final int BLOCK_GROUP = 0xA0;
  static final int BLOCK = 0xA1;
  static final int REFERENCE_BLOCK = 0xFB;
  static final int CUES = 0x1C53BB6B;
  static final int CUE_POINT = 0xBB;
  static final int CUE_TIME = 0xB3;
  static final int CUE_TRACK_POSITIONS = 0xB7;
  static final int CUE_CLUSTER_POSITION = 0xF1;

  private static final Set<Integer> MASTERS = Set.of(SEGMENT, SEEK_HEAD, SEEK, INFO, TRACKS,
      TRACK_ENTRY, VIDEO, AUDIO, CONTENT_ENCODINGS, CONTENT_ENCODING, CLUSTER, BLOCK_GROUP, CUES,
      CUE_POINT, CUE_TRACK_POSITIONS);
  private static final Set<Integer> LEAVES = Set.of(DOC_TYPE, SEEK_ID, SEEK_POSITION,
      TIMESTAMP_SCALE, DURATION, TRACK_NUMBER, TRACK_TYPE, CODEC_ID, CODEC_PRIVATE, CODEC_DELAY,
      DEFAULT_DURATION, LANGUAGE, PIXEL_WIDTH, PIXEL_HEIGHT, SAMPLING_FREQUENCY, CHANNELS,
      CONTENT_ENCRYPTION, CLUSTER_TIMESTAMP, SIMPLE_BLOCK, BLOCK, REFERENCE_BLOCK, CUE_TIME,
      CUE_CLUSTER_POSITION);
  /**
   * What a Cluster may hold (Timestamp, SilentTracks, Position, PrevSize, SimpleBlock,
   * BlockGroup, EncryptedBlock, Void, CRC-32), and a BlockGroup (Block, BlockVirtual,
   * BlockAdditions, BlockDuration, ReferencePriority, ReferenceBlock, ReferenceVirtual,
   * CodecState, DiscardPadding, Slices, the DivX reference elements, Void, CRC-32): any other ID
   * there is damage.
   */
  private static final Set<Integer> CLUSTER_CHILDREN = Set.of(CLUSTER_TIMESTAMP, 0x5854, 0xA7, 0xAB,
      SIMPLE_BLOCK, BLOCK_GROUP, 0xAF, 0xEC, 0xBF);
  private static final Set<Integer> GROUP_CHILDREN = Set.of(BLOCK, 0xA2, 0x75A1, 0x9B, 0xFA,
      REFERENCE_BLOCK, 0xFD, 0xA4, 0x75A2, 0x8E, 0xC8, 0xEC, 0xBF);
  /** Bytes searched per call while resynchronising. */
  static final int RESYNC_WINDOW = 64 * 1024;
  /** Top-level (Segment child) IDs: they end a Cluster of unknown size. */
  private static final Set<Integer> LEVEL1 = Set.of(SEEK_HEAD, INFO, TRACKS, CLUSTER, CUES,
      0x1254C367, 0x1941A469, 0x1043A770);
  static final int MAX_LEAF = 1 << 20;
  static final int MAX_BLOCK = 32 << 20;
  static final int MAX_DEPTH = 16;
  static final int MAX_SKIP_BYTES = 256 * 1024;
  static final long UNKNOWN = -1;

  private record Master(int id, long end) {}

  private final ArrayDeque<Master> stack = new ArrayDeque<>();
  private final byte[] header = new byte[12];
  private byte[] leaf = new byte[4096];
  private ExtractorOutput output;
  private boolean headerChecked;

  private long timestampScale = 1_000_000;
  private double durationTicks = -1;
  private long segmentDataStart = -1;
  private final Map<Integer, Long> seekHead = new LinkedHashMap<>();
  private int pendingSeekId;
  private long pendingSeekPosition = -1;
  private final List<MkvTrack> tracks = new ArrayList<>();
  private final Map<Long, MkvTrack> tracksByNumber = new LinkedHashMap<>();
  private MkvTrack current;
  private boolean tracksEnded;

  private long clusterTimestamp;
  private byte[] groupBlock;
  private int groupBlockSize;
  private boolean groupHasReference;

  private final List<long[]> cues = new ArrayList<>(); // {timeTicks, clusterPosition}
  private long cueTime = -1;
  private boolean cuesRead;
  private long detourReturn = -1;
  private final InputSkipper skipper = new InputSkipper(MAX_SKIP_BYTES);
  /** Damage in a Cluster: the input is searched for the next Cluster. */
  private boolean resyncing;
  private byte[] scan;
  private long resyncs;
  private long damaged;

  @Override
  public boolean sniff(ExtractorInput input) throws PlayerException {
    byte[] h = new byte[4];
    return input.peekFully(h, 0, 4, true) && (h[0] & 0xFF) == 0x1A && (h[1] & 0xFF) == 0x45
        && (h[2] & 0xFF) == 0xDF && (h[3] & 0xFF) == 0xA3;
  }

  @Override
  public String containerName() {
    return "matroska";
  }

  @Override
  public void init(ExtractorOutput output) {
    this.output = output;
  }

  @Override
  public int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (skipper.active()) {
      return skipped(skipper.resume(input, seekPosition), input);
    }
    if (cuesRead && detourReturn >= 0) {
      seekPosition.position = detourReturn; // the Cues are read: back to the first Cluster
      detourReturn = -1;
      return RESULT_SEEK;
    }
    if (resyncing) {
      return resync(input);
    }
    input.resetPeekPosition(); // a read that returned after peeking a header left the peek there
    long position = input.getPosition();
    if (popEnded(position)) {
      return RESULT_CONTINUE;
    }
    if (!input.peekFully(header, 0, 1, true)) {
      return end();
    }
    int idLength = vintLength(header[0]);
    if (idLength > 4) {
      return damage(input, position, "element ID of " + idLength + " bytes");
    }
    input.peekFully(header, 1, idLength - 1 + 1);
    int sizeLength = vintLength(header[idLength]);
    if (sizeLength > 8) {
      return damage(input, position, "element size of " + sizeLength + " bytes");
    }
    input.peekFully(header, idLength + 1, sizeLength - 1);
    int id = (int) readRaw(header, 0, idLength);
    long size = readVint(header, idLength, sizeLength);
    int headerSize = idLength + sizeLength;
    Master top = stack.peek();
    if (top != null && top.id() == CLUSTER && LEVEL1.contains(id)) {
      // A Cluster of unknown size ends where the next top-level element begins; one of known
      // size that reaches over it had its size damaged
      stack.pop();
      if (top.end() != UNKNOWN) {
        damaged++;
      }
      return RESULT_CONTINUE;
    }
    long end = size == UNKNOWN ? UNKNOWN : position + headerSize + size;
    if (top != null && (top.id() == CLUSTER || top.id() == BLOCK_GROUP)) {
      boolean known = (top.id() == CLUSTER ? CLUSTER_CHILDREN : GROUP_CHILDREN).contains(id);
      if (!known || size == UNKNOWN || top.end() != UNKNOWN && end > top.end()
          || id == SIMPLE_BLOCK && size > MAX_BLOCK) {
        return damage(input, position, "element " + Integer.toHexString(id) + " of " + size + " bytes in a "
            + (top.id() == CLUSTER ? "Cluster" : "BlockGroup"));
      }
    }
    if (detourReturn >= 0 && id != CUES && top != null && top.id() == SEGMENT) {
      cuesRead = true; // the SeekHead pointed elsewhere than to Cues: give up the detour
      sendSeekMap();
      return RESULT_CONTINUE;
    }
    if (id == CLUSTER && !cuesRead && !seekHead.containsKey(CUES)) {
      cuesRead = true; // no Cues announced before the media: none to wait for
      sendSeekMap();
    }
    if (!headerChecked) {
      if (id != EBML) {
        throw malformed(position, "no EBML header");
      }
      headerChecked = true;
    }
    if (id == CLUSTER && !cuesRead && detourReturn < 0 && seekHead.containsKey(CUES)
        && input.getLength() != C.LENGTH_UNSET && segmentDataStart >= 0) {
      // Read the Cues first (they are usually at the end), then come back to this Cluster.
      long cues = segmentDataStart + seekHead.get(CUES);
      if (cues > position && cues < input.getLength()) {
        detourReturn = position;
        seekPosition.position = cues;
        return RESULT_SEEK;
      }
    }
    if (MASTERS.contains(id) || id == EBML) {
      if (stack.size() >= MAX_DEPTH) {
        throw malformed(position, "elements nested too deep");
      }
      input.skipFully(headerSize);
      if (id == EBML) {
        stack.push(new Master(id, end));
      } else {
        startMaster(id, position + headerSize, end);
      }
      return RESULT_CONTINUE;
    }
    if (LEAVES.contains(id) && size != UNKNOWN) {
      long limit = id == SIMPLE_BLOCK || id == BLOCK ? MAX_BLOCK : MAX_LEAF;
      if (size > limit) {
        throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE,
            "Element " + Integer.toHexString(id) + " of " + size + " bytes", "offset", position,
            "size", size, "limit", limit);
      }
      if (input.bytesAvailable() < headerSize + size && !input.isEndOfInputKnown()) {
        throw dev.oolong.extractor.NeedMoreDataException.INSTANCE; // allocate once the bytes are here
      }
      if (leaf.length < size) {
        leaf = new byte[(int) size];
      }
      input.skipFully(headerSize);
      input.readFully(leaf, 0, (int) size);
      try {
        leaf(id, (int) size, position);
      } catch (IndexOutOfBoundsException e) {
        throw malformed(position, "element " + Integer.toHexString(id) + ": " + e.getMessage());
      }
      return RESULT_CONTINUE;
    }
    if (size == UNKNOWN) {
      throw malformed(position, "element " + Integer.toHexString(id) + " of unknown size");
    }
    return skipped(skipper.skipTo(input, end, seekPosition), input);
  }

  /**
   * Damage inside a Cluster (an impossible element header, an ID a Cluster cannot hold, a size
   * reaching past the Cluster): what is left of the Cluster is given up and the input searched
   * for the next one ({@link #resync}), as ffmpeg's demuxer does. Outside the media it stays a
   * critical error: nothing can be played without the headers.
   */
  private int damage(ExtractorInput input, long position, String reason) throws PlayerException {
    if (!inCluster()) {
      throw malformed(position, reason);
    }
    input.skipFully(1); // first: the rest changes nothing if this must wait for bytes
    damaged++;
    resyncs++;
    closeToSegment();
    groupBlock = null;
    for (MkvTrack t : tracksByNumber.values()) {
      t.laceTiming.reset();
    }
    resyncing = true;
    return RESULT_CONTINUE;
  }

  /**
   * Closes every open element down to the Segment (or all of them: after the Cues at the end of
   * the file were read, the Segment itself is closed): where reading goes on at a Cluster's start.
   */
  private void closeToSegment() {
    while (!stack.isEmpty() && stack.peek().id() != SEGMENT) {
      stack.pop();
    }
  }

  private boolean inCluster() {
    for (Master m : stack) {
      if (m.id() == CLUSTER) {
        return true;
      }
    }
    return false;
  }

  /**
   * Searches for the next Cluster: its ID followed by a size and, after an optional CRC-32, its
   * Timestamp (a Cluster starts with it). Each call skips what it searched, keeping a tail where
   * a header may begin; bounded by the input.
   */
  private int resync(ExtractorInput input) throws PlayerException {
    int available = input.bytesAvailable();
    final int need = 20; // ID, size (8 at most), CRC-32 element, Timestamp ID and size
    if (available < need) {
      if (!input.isEndOfInputKnown()) {
        throw dev.oolong.extractor.NeedMoreDataException.INSTANCE;
      }
      input.skipFully(available); // too little left for a Cluster: the input ends
      resyncing = false;
      return RESULT_CONTINUE;
    }
    int n = Math.min(available, RESYNC_WINDOW);
    if (scan == null) {
      scan = new byte[RESYNC_WINDOW];
    }
    input.peekFully(scan, 0, n);
    input.resetPeekPosition();
    for (int i = 0; i + need <= n; i++) {
      if (scan[i] == 0x1F && scan[i + 1] == 0x43 && scan[i + 2] == (byte) 0xB6 && scan[i + 3] == 0x75
          && clusterFollows(scan, i + 4, n)) {
        input.skipFully(i);
        resyncing = false;
        return RESULT_CONTINUE;
      }
    }
    input.skipFully(n - need + 1);
    return RESULT_CONTINUE;
  }

  /** Whether a Cluster's size and first children plausibly start at {@code d[p]} (before {@code limit}). */
  private static boolean clusterFollows(byte[] d, int p, int limit) {
    int sizeLength = vintLength(d[p]);
    if (sizeLength > 8 || p + sizeLength + 8 > limit) {
      return false;
    }
    int q = p + sizeLength;
    if (d[q] == (byte) 0xBF && d[q + 1] == (byte) 0x84) {
      q += 6; // CRC-32
    }
    return q + 1 < limit && d[q] == (byte) 0xE7 && (d[q + 1] & 0xFF) >= 0x81 && (d[q + 1] & 0xFF) <= 0x88;
  }

  @Override
  public long resyncs() {
    return resyncs;
  }

  @Override
  public long damagedUnits() {
    return damaged;
  }

  private int skipped(int result, ExtractorInput input) throws PlayerException {
    if (result == RESULT_END_OF_INPUT) {
      throw ContainerErrors.truncated("Matroska", input.getPosition(), "element past the end");
    }
    return result;
  }

  /** Pops every master that ends at or before {@code position}; true if any did. */
  private boolean popEnded(long position) throws PlayerException {
    boolean popped = false;
    while (!stack.isEmpty() && stack.peek().end() != UNKNOWN && stack.peek().end() <= position) {
      endMaster(stack.pop().id());
      popped = true;
    }
    return popped;
  }

  private void startMaster(int id, long dataStart, long end) {
    stack.push(new Master(id, end));
    switch (id) {
      case SEGMENT -> segmentDataStart = dataStart;
      case TRACK_ENTRY -> current = new MkvTrack();
      case SEEK -> {
        pendingSeekId = 0;
        pendingSeekPosition = -1;
      }
      case CUE_POINT -> cueTime = -1;
      case BLOCK_GROUP -> {
        groupBlock = null;
        groupHasReference = false;
      }
      default -> { }
    }
  }

  private void endMaster(int id) throws PlayerException {
    switch (id) {
      case SEEK -> {
        if (pendingSeekId != 0 && pendingSeekPosition >= 0) {
          seekHead.putIfAbsent(pendingSeekId, pendingSeekPosition);
        }
      }
      case TRACK_ENTRY -> {
        if (current != null && current.number > 0 && !tracksByNumber.containsKey(current.number)) {
          tracks.add(current);
          tracksByNumber.put(current.number, current);
        }
        current = null;
      }
      case TRACKS -> endTracks();
      case BLOCK_GROUP -> {
        if (groupBlock != null) {
          block(groupBlock, groupBlockSize, !groupHasReference);
        }
        groupBlock = null;
      }
      case CUES -> {
        cuesRead = true;
        sendSeekMap();
      }
      default -> { }
    }
  }

  private void endTracks() {
    if (tracksEnded) {
      return;
    }
    tracksEnded = true;
    for (MkvTrack t : tracks) {
      t.output = output.track((int) t.number, t.trackType());
    }
    output.endTracks();
  }

  private void leaf(int id, int size, long position) throws PlayerException {
    switch (id) {
      case DOC_TYPE -> {
        String doc = new String(leaf, 0, size, java.nio.charset.StandardCharsets.US_ASCII).trim();
        if (!doc.startsWith("webm") && !doc.startsWith("matroska")) {
          throw PlayerException.critical(ErrorCode.CONTAINER_UNSUPPORTED,
              "EBML document type " + doc, "container", doc);
        }
      }
      case SEEK_ID -> pendingSeekId = (int) readRaw(leaf, 0, Math.min(size, 4));
      case SEEK_POSITION -> pendingSeekPosition = uint(size);
      case TIMESTAMP_SCALE -> {
        long v = uint(size);
        if (v <= 0 || v > 1_000_000_000L) {
          throw malformed(position, "TimestampScale " + v);
        }
        timestampScale = v;
      }
      case DURATION -> durationTicks = size == 4 ? Float.intBitsToFloat((int) uint(4))
          : size == 8 ? Double.longBitsToDouble(uint(8)) : -1;
      case TRACK_NUMBER -> set(t -> t.number = uint(size));
      case TRACK_TYPE -> set(t -> t.type = (int) uint(size));
      case CODEC_ID -> set(t -> t.codecId = new String(leaf, 0, size, java.nio.charset.StandardCharsets.US_ASCII).trim());
      case CODEC_PRIVATE -> set(t -> t.codecPrivate = java.util.Arrays.copyOf(leaf, size));
      case CODEC_DELAY -> set(t -> t.codecDelayNs = uint(size));
      case DEFAULT_DURATION -> set(t -> t.defaultDurationNs = uint(size));
      case LANGUAGE -> set(t -> t.language = new String(leaf, 0, size, java.nio.charset.StandardCharsets.US_ASCII).trim());
      case PIXEL_WIDTH -> set(t -> t.width = (int) Math.min(uint(size), 1 << 16));
      case PIXEL_HEIGHT -> set(t -> t.height = (int) Math.min(uint(size), 1 << 16));
      case SAMPLING_FREQUENCY -> set(t -> t.samplingFrequency = size == 4
          ? Float.intBitsToFloat((int) uint(4)) : size == 8 ? Double.longBitsToDouble(uint(8)) : 0);
      case CHANNELS -> set(t -> t.channels = (int) Math.min(uint(size), 255));
      case CONTENT_ENCRYPTION -> set(t -> t.encrypted = true);
      case CLUSTER_TIMESTAMP -> clusterTimestamp = uint(size);
      case SIMPLE_BLOCK -> block(leaf, size, null);
      case BLOCK -> {
        groupBlock = java.util.Arrays.copyOf(leaf, size);
        groupBlockSize = size;
      }
      case REFERENCE_BLOCK -> groupHasReference = true;
      case CUE_TIME -> cueTime = uint(size);
      case CUE_CLUSTER_POSITION -> {
        if (cueTime >= 0) {
          cues.add(new long[] {cueTime, uint(size)});
        }
      }
      default -> { }
    }
  }

  private interface TrackSetter {
    void set(MkvTrack t);
  }

  private void set(TrackSetter setter) {
    if (current != null) {
      setter.set(current);
    }
  }

  /**
   * A Block or SimpleBlock body in {@code data[0, size)}.
   *
   * @param groupKey for a Block: whether its group has no ReferenceBlock; null for a SimpleBlock
   *     (its own key flag counts)
   */
  private void block(byte[] data, int size, Boolean groupKey) {
    try {
      int trackLength = vintLength(data[0]);
      long trackNumber = readVint(data, 0, trackLength);
      MkvTrack t = tracksByNumber.get(trackNumber);
      if (t == null || t.output == null) {
        return; // a block of a track we do not know
      }
      int p = trackLength;
      int relative = (short) ((data[p] & 0xFF) << 8 | (data[p + 1] & 0xFF));
      int flags = data[p + 2] & 0xFF;
      p += 3;
      boolean key = groupKey == null ? (flags & 0x80) != 0 : groupKey;
      int lacing = (flags >> 1) & 3;
      if (p > size) {
        throw new IndexOutOfBoundsException("block header longer than the block");
      }
      int[] sizes = laceSizes(data, p, size, lacing);
      p = laceStart;
      long blockTicks = clusterTimestamp + relative;
      if (t.type == 2 && t.codecDelayNs > 0) {
        blockTicks -= Math.round((double) t.codecDelayNs / timestampScale);
      }
      long ns = blockTicks * timestampScale;
      for (int i = 0; i < sizes.length; i++) {
        long us = Math.round(ns / 1000.0);
        if (sizes.length > 1 || t.type == 2 && "A_VORBIS".equals(t.codecId)) {
          long d = t.laceTiming.durationNs(t, data, p, sizes[i]); // Vorbis: keep its block state
          ns += Math.max(0, d);
        }
        if (!t.formatSent) {
          t.output.format(t.format(data, p, sizes[i]));
          t.formatSent = true;
        }
        t.output.sampleData(data, p, sizes[i]);
        int sampleFlags = (key ? TrackOutput.FLAG_KEY_FRAME : 0)
            | (t.type == 1 ? TrackOutput.FLAG_NO_DECODE_TIME : 0);
        t.output.sampleMetadata(us, us, sampleFlags, sizes[i], null);
        p += sizes[i];
      }
    } catch (IndexOutOfBoundsException e) {
      damaged++; // its lace or header is damaged: the block goes, the Cluster's framing holds
    }
  }

  private int laceStart;

  /** Frame sizes of a (possibly laced) block whose lace header starts at {@code p}. */
  private int[] laceSizes(byte[] d, int p, int end, int lacing) {
    if (lacing == 0) {
      laceStart = p;
      return new int[] {end - p};
    }
    int count = (d[p++] & 0xFF) + 1;
    int[] sizes = new int[count];
    int total = 0;
    if (lacing == 1) { // Xiph
      for (int i = 0; i < count - 1; i++) {
        int s = 0;
        int b;
        do {
          b = d[p++] & 0xFF;
          s += b;
        } while (b == 255);
        sizes[i] = s;
        total += s;
      }
    } else if (lacing == 3) { // EBML
      int l = vintLength(d[p]);
      long first = readVint(d, p, l);
      p += l;
      sizes[0] = (int) first;
      total = sizes[0];
      for (int i = 1; i < count - 1; i++) {
        l = vintLength(d[p]);
        long raw = readVint(d, p, l);
        p += l;
        long delta = raw - ((1L << (7 * l - 1)) - 1); // signed: subtract the bias
        sizes[i] = (int) (sizes[i - 1] + delta);
        total += sizes[i];
      }
    } else { // fixed
      int each = (end - p) / count;
      java.util.Arrays.fill(sizes, each);
      laceStart = p;
      return sizes;
    }
    int last = end - p - total;
    for (int s : sizes) {
      if (s < 0) {
        throw new IndexOutOfBoundsException("negative lace size");
      }
    }
    if (last < 0) {
      throw new IndexOutOfBoundsException("lace sizes exceed the block");
    }
    sizes[count - 1] = last;
    laceStart = p;
    return sizes;
  }

  private int end() throws PlayerException {
    if (detourReturn >= 0) {
      throw malformed(detourReturn, "the Cues named by the SeekHead are not there");
    }
    if (!headerChecked) {
      throw malformed(0, "empty input");
    }
    while (!stack.isEmpty()) {
      endMaster(stack.pop().id());
    }
    endTracks();
    sendSeekMap();
    return RESULT_END_OF_INPUT;
  }

  private boolean seekMapSent;

  private void sendSeekMap() {
    if (!seekMapSent) {
      seekMapSent = true;
      output.seekMap(seekMap());
    }
  }

  private SeekMap seekMap() {
    long durationUs = durationTicks > 0 ? (long) (durationTicks * timestampScale / 1000) : C.TIME_UNSET;
    if (cues.isEmpty() || segmentDataStart < 0) {
      return SeekMap.unseekable(durationUs);
    }
    long[] times = new long[cues.size()];
    long[] positions = new long[cues.size()];
    for (int i = 0; i < cues.size(); i++) {
      times[i] = cues.get(i)[0] * timestampScale / 1000;
      positions[i] = segmentDataStart + cues.get(i)[1];
    }
    for (int i = 0; i < positions.length; i++) {
      positions[i] = Math.max(segmentDataStart, positions[i]);
    }
    return new IndexSeekMap(times, positions, durationUs);
  }

  private long uint(int size) {
    if (size > 8) {
      throw new IndexOutOfBoundsException("integer of " + size + " bytes");
    }
    return readRaw(leaf, 0, size);
  }

  static int vintLength(byte first) {
    int b = first & 0xFF;
    for (int i = 0; i < 8; i++) {
      if ((b & (0x80 >> i)) != 0) {
        return i + 1;
      }
    }
    return 9; // invalid
  }

  private static long readRaw(byte[] d, int p, int length) {
    long v = 0;
    for (int i = 0; i < length; i++) {
      v = v << 8 | (d[p + i] & 0xFF);
    }
    return v;
  }

  /** A variable-size integer without its marker; all value bits set means unknown. */
  static long readVint(byte[] d, int p, int length) {
    long v = d[p] & (0xFF >> length);
    boolean allOnes = v == (0xFF >> length);
    for (int i = 1; i < length; i++) {
      v = v << 8 | (d[p + i] & 0xFF);
      allOnes &= (d[p + i] & 0xFF) == 0xFF;
    }
    return allOnes ? UNKNOWN : v;
  }

  private static PlayerException malformed(long offset, String reason) {
    return ContainerErrors.malformed("Matroska", offset, reason);
  }

  @Override
  public void seek(long position, long timeUs) {
    skipper.cancel();
    groupBlock = null;
    for (MkvTrack t : tracksByNumber.values()) {
      t.laceTiming.reset();
    }
    if (position == 0) {
      stack.clear();
      headerChecked = false;
      return;
    }
    closeToSegment(); // into a Cluster
  }

  @Override
  public void release() {}
}
