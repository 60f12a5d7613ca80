package dev.oolong.extractor.mp4;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.IndexSeekMap;
import dev.oolong.extractor.ExtractorInput;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.InputSkipper;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TimeBase;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.Times;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ISO BMFF extractor: progressive files ({@code moov} before or after {@code mdat}: it asks for
 * a seek to reach either) and fragmented files ({@code moof}/{@code mdat} pairs). Samples come
 * out in file order with presentation and decode times in µs, edit lists applied (the first
 * non-empty edit's media_time shifts the track; an empty edit delays it).
 */
public final class Mp4Extractor implements Extractor {
  static final int MAX_MOOV_BYTES = 64 * 1024 * 1024;
  static final int MAX_MOOF_BYTES = 16 * 1024 * 1024;
  /** Gaps up to this are skipped by reading; larger ones by a seek. */
  static final int MAX_SKIP_BYTES = 256 * 1024;

  private static final int STATE_ATOM_HEADER = 0;
  private static final int STATE_ATOM_PAYLOAD = 1;
  private static final int STATE_SAMPLES = 2;
  private static final int STATE_MFRO = 3;
  private static final int STATE_MFRA = 4;
  /** The largest sidx or mfra read for a seek map. */
  static final int MAX_INDEX_BYTES = 4 * 1024 * 1024;

  private final byte[] header = new byte[16];
  private final byte[] scratch = new byte[64 * 1024];
  private ExtractorOutput output;
  private int state = STATE_ATOM_HEADER;

  private int atomType;
  private long atomStart;
  private long atomSize;
  private int atomHeaderSize;

  private Movie movie;
  private final List<TrackState> tracks = new ArrayList<>();
  private final Map<Integer, TrackState> tracksById = new HashMap<>();
  private final Map<Integer, Long> nextDecodeTime = new HashMap<>();
  private long mdatEnd = C.LENGTH_UNSET;
  // fragmented: the seek map's source; the detour to the mfra at the end of the file
  private FragmentIndex.SegmentIndex sidx;
  private boolean indexed;
  private boolean mfraTried;
  private long detourReturn = -1;
  private final InputSkipper skipper = new InputSkipper(MAX_SKIP_BYTES);

  // fragmented: the samples of the current fragment, in file order
  private List<FragmentParser.Sample> fragmentSamples = new ArrayList<>();
  private int fragmentIndex;

  // the sample being read
  private TrackState sampleTrack;
  private int sampleRemaining = -1;
  private long samplePts;
  private long sampleDts;
  private int sampleFlags;
  private int sampleSize;
  private CryptoData sampleCrypto;

  /** One track: its output and, for progressive files, its sample table and cursor. */
  private static final class TrackState {
    Movie.Track track;
    TrackOutput output;
    SampleTable table;
    int next;
    CryptoData[] crypto; // progressive encrypted tracks: per sample (null entries are clear)
    long shiftTicks; // first non-empty edit's media_time
    long delayUs; // empty edits
  }

  @Override
  public boolean sniff(ExtractorInput input) throws PlayerException {
    byte[] h = new byte[8];
    if (!input.peekFully(h, 0, 8, true)) {
      return false;
    }
    String type = new String(new char[] {(char) (h[4] & 0xFF), (char) (h[5] & 0xFF),
        (char) (h[6] & 0xFF), (char) (h[7] & 0xFF)});
    return switch (type) {
      case "ftyp", "styp", "moov", "moof", "mdat", "free", "skip", "wide", "pdin", "sidx" -> true;
      default -> false;
    };
  }

  @Override
  public String containerName() {
    return "mp4";
  }

  @Override
  public void init(ExtractorOutput output) {
    this.output = output;
    output.timeBase(TimeBase.PRESENTATION); // edit lists give the start
  }

  @Override
  public int read(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (skipper.active()) {
      int result = skipper.resume(input, seekPosition);
      return result == RESULT_END_OF_INPUT ? endOfInput() : result;
    }
    return switch (state) {
      case STATE_ATOM_HEADER -> readAtomHeader(input, seekPosition);
      case STATE_ATOM_PAYLOAD -> readAtomPayload(input);
      case STATE_MFRO -> readMfro(input, seekPosition);
      case STATE_MFRA -> readMfra(input, seekPosition);
      default -> readSample(input, seekPosition);
    };
  }

  private int readAtomHeader(ExtractorInput input, PositionHolder seekPosition)
      throws PlayerException {
    long position = input.getPosition();
    if (!input.peekFully(header, 0, 8, true)) {
      return endOfInput();
    }
    long size = readUint32(header, 0);
    int headerSize = 8;
    if (size == 1) {
      input.peekFully(header, 8, 8);
      size = readUint32(header, 8) << 32 | readUint32(header, 12);
      headerSize = 16;
    } else if (size == 0) {
      long length = input.getLength();
      size = length == C.LENGTH_UNSET ? Long.MAX_VALUE - position : length - position;
    }
    if (size < headerSize) {
      throw Boxes.malformed(position, "box size " + size + " is smaller than its header");
    }
    input.skipFully(headerSize);
    atomType = (int) readUint32(header, 4);
    atomStart = position;
    atomSize = size;
    atomHeaderSize = headerSize;
    long atomEnd = size > Long.MAX_VALUE - position ? Long.MAX_VALUE : position + size;
    if (atomType == BoxTypes.MOOF && movie != null && movie.fragmented && !indexed && sidx == null
        && !mfraTried
        && input.getLength() != C.LENGTH_UNSET && input.getLength() > 16) {
      // No sidx before the first fragment: look for an mfra at the end, then come back here.
      mfraTried = true;
      detourReturn = position;
      state = STATE_MFRO;
      seekPosition.position = input.getLength() - 16;
      return RESULT_SEEK;
    }
    if (atomType == BoxTypes.SIDX && !indexed && size <= MAX_INDEX_BYTES) {
      state = STATE_ATOM_PAYLOAD;
      return RESULT_CONTINUE;
    }
    if ((atomType == BoxTypes.MOOV && movie == null) || (atomType == BoxTypes.MOOF && movie != null)) {
      // Only the first moov describes the file; a second one (a damaged or concatenated file)
      // is skipped like any unknown box.
      long limit = atomType == BoxTypes.MOOV ? MAX_MOOV_BYTES : MAX_MOOF_BYTES;
      if (size > limit) {
        throw PlayerException.critical(ErrorCode.CONTAINER_TOO_LARGE,
            "'" + BoxTypes.name(atomType) + "' of " + size + " bytes exceeds " + limit,
            "offset", position, "size", size, "limit", limit);
      }
      state = STATE_ATOM_PAYLOAD;
      return RESULT_CONTINUE;
    }
    if (atomType == BoxTypes.MDAT && movie != null) {
      mdatEnd = atomEnd;
      state = STATE_SAMPLES;
      return RESULT_CONTINUE;
    }
    if (atomType == BoxTypes.MDAT && movie == null && atomEnd == Long.MAX_VALUE) {
      throw PlayerException.critical(ErrorCode.CONTAINER_NO_MOOV,
          "An 'mdat' to the end of the input comes before any 'moov'", "url", "");
    }
    if (atomEnd == Long.MAX_VALUE) {
      return endOfInput(); // a box that runs to the end of an input of unknown length: nothing follows
    }
    return skipTo(input, atomEnd, seekPosition);
  }

  private int readAtomPayload(ExtractorInput input) throws PlayerException {
    int payload = (int) (atomSize - atomHeaderSize);
    if (input.bytesAvailable() < payload) {
      // Allocate only once the bytes are here: a hostile size must not cost memory up front.
      if (input.isEndOfInputKnown()) {
        throw PlayerException.critical(ErrorCode.CONTAINER_TRUNCATED, "The input ends inside '"
            + BoxTypes.name(atomType) + "'", "offset", atomStart, "reason", "box cut off");
      }
      throw dev.oolong.extractor.NeedMoreDataException.INSTANCE;
    }
    byte[] data = new byte[payload];
    input.readFully(data, 0, payload);
    long dataOffset = atomStart + atomHeaderSize;
    if (atomType == BoxTypes.SIDX) {
      FragmentIndex.SegmentIndex index =
          FragmentIndex.parseSidx(data, 0, payload, atomStart + atomSize, dataOffset);
      if (index != null && (sidx == null || isVideo(index.referenceId()) && !isVideo(sidx.referenceId()))) {
        sidx = index;
      }
      state = STATE_ATOM_HEADER; // the map is published with the first fragment (see below)
      return RESULT_CONTINUE;
    }
    if (atomType == BoxTypes.MOOV) {
      onMoov(MoovParser.parse(data, 0, payload, dataOffset), input.getLength());
      state = STATE_ATOM_HEADER;
      if (!movie.fragmented) {
        state = STATE_SAMPLES;
        mdatEnd = Long.MAX_VALUE;
      }
      return RESULT_CONTINUE;
    }
    List<dev.oolong.media.PsshBox> pssh = new ArrayList<>();
    Boxes.children(data, 0, payload, dataOffset, (type, bs, be) -> {
      if (type == BoxTypes.PSSH) {
        pssh.add(CommonEncryption.parsePssh(data, Boxes.boxStart(data, bs, be), bs, be, dataOffset));
      }
    });
    if (!pssh.isEmpty()) {
      output.drmInitData(pssh);
    }
    fragmentSamples = new ArrayList<>(FragmentParser.parse(data, 0, payload, atomStart, dataOffset,
        movie, nextDecodeTime));
    fragmentSamples.sort((a, b) -> Long.compare(a.offset(), b.offset()));
    if (sidx != null && !indexed) {
      publishSidx();
    }
    fragmentIndex = 0;
    state = STATE_ATOM_HEADER;
    return RESULT_CONTINUE;
  }

  private void onMoov(Movie m, long fileLength) throws PlayerException {
    movie = m;
    for (Movie.Track t : m.tracks) {
      if (t.sampleEntry == null || t.mediaTimescale <= 0) {
        continue;
      }
      TrackState ts = new TrackState();
      ts.track = t;
      TrackType type = switch (t.handlerType) {
        case "vide" -> TrackType.VIDEO;
        case "soun" -> TrackType.AUDIO;
        case "text", "subt", "sbtl" -> TrackType.TEXT;
        default -> TrackType.UNKNOWN;
      };
      for (Movie.Edit e : t.edits) {
        if (e.mediaTime() < 0 && m.timescale <= 0) {
          continue; // an empty edit in a movie without a timescale has no duration
        }
        if (e.mediaTime() < 0) {
          ts.delayUs += Times.ticksToUs(e.segmentDuration(), m.timescale);
        } else {
          ts.shiftTicks = e.mediaTime();
          break;
        }
      }
      ts.output = output.track(t.trackId, type);
      Movie.SampleEntry se = t.sampleEntry;
      ts.output.format(new Format(t.trackId, type, se.codecName, se.codecString, se.width,
          se.height, se.sampleRate, se.channels,
          se.configBytes == null ? List.of() : List.of(se.configBytes), t.language,
          t.mediaDuration < 0 ? C.TIME_UNSET : Times.ticksToUs(t.mediaDuration, t.mediaTimescale),
          se.encrypted));
      if (!m.fragmented) {
        ts.table = SampleTable.build(t, fileLength);
        ts.crypto = progressiveCrypto(t, ts.table);
      }
      tracks.add(ts);
      tracksById.put(t.trackId, ts);
    }
    output.endTracks();
    if (!m.pssh.isEmpty()) {
      output.drmInitData(m.pssh);
    }
    // Fragmented: no index yet (a sidx or the mfra may give one); the mehd's duration, if any.
    output.seekMap(m.fragmented ? SeekMap.unseekable(m.fragmentDuration > 0 && m.timescale > 0
        ? Times.ticksToUs(m.fragmentDuration, m.timescale) : C.TIME_UNSET) : new ProgressiveSeekMap());
  }

  /** The encryption data of a progressive track's samples, from its stbl's senc or saiz/saio. */
  private static CryptoData[] progressiveCrypto(Movie.Track t, SampleTable table)
      throws PlayerException {
    int count = table.count;
    CommonEncryption.TrackEncryption tenc = t.sampleEntry.encryption;
    if (tenc == null) {
      return null;
    }
    byte[] d = t.boxData;
    long base = t.boxDataOffset;
    int[] senc = t.sampleTableBoxes.get(BoxTypes.SENC);
    int[] saiz = t.sampleTableBoxes.get(BoxTypes.SAIZ);
    int[] saio = t.sampleTableBoxes.get(BoxTypes.SAIO);
    CryptoData[] crypto;
    if (senc != null) {
      crypto = CommonEncryption.parseSenc(d, senc[0], senc[1], tenc, base);
    } else if (saiz != null && saio != null) {
      // In a stbl, saio offsets are file offsets; only aux info inside the moov is reachable here.
      long at = CommonEncryption.parseSaioFirstOffset(d, saio[0], saio[1], base) - base;
      if (at < 0 || at > d.length) {
        throw CommonEncryption.auxInfoOutside(base + saio[0]);
      }
      crypto = CommonEncryption.parseAuxInfo(d, (int) at, d.length,
          CommonEncryption.parseSaiz(d, saiz[0], saiz[1], base), tenc, base);
    } else if (tenc.isProtected()) {
      throw Boxes.malformed(base, "encrypted track " + t.trackId + " without senc or saiz/saio");
    } else {
      return null;
    }
    if (crypto.length < count) {
      throw Boxes.malformed(base, "track " + t.trackId + " has " + crypto.length
          + " encryption entries for " + count + " samples");
    }
    for (int i = 0; i < count; i++) {
      CommonEncryption.checked(crypto[i], table.sizes[i], base);
    }
    return crypto;
  }

  private boolean isVideo(int trackId) {
    TrackState t = tracksById.get(trackId);
    return t != null && "vide".equals(t.track.handlerType);
  }

  /**
   * Publishes the sidx seek map once the first fragment is parsed: writers disagree on whether
   * earliest_presentation_time includes the composition offset (ffmpeg writes the decode time),
   * so the reference track's real first presentation time in the fragment fixes the offset.
   */
  private void publishSidx() {
    indexed = true;
    IndexSeekMap map = sidx.seekMap();
    TrackState ref = tracksById.get(sidx.referenceId());
    long first = Long.MAX_VALUE;
    for (FragmentParser.Sample f : fragmentSamples) {
      if (ref != null && f.trackId() == ref.track.trackId) {
        first = Math.min(first, presentationUs(ref, f.decodeTime() + f.compositionOffset()));
      }
    }
    if (first != Long.MAX_VALUE) {
      map.setPresentationDelayUs(first - sidx.timesUs()[0]);
    }
    output.seekMap(map);
  }

  private static long presentationUs(TrackState ts, long ticks) {
    return Times.ticksToUs(ticks - ts.shiftTicks, ts.track.mediaTimescale) + ts.delayUs;
  }

  /** The detour's first step: the mfro at the end gives the mfra's size. */
  private int readMfro(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    byte[] mfro = new byte[16];
    if (!input.peekFully(mfro, 0, 16, true)) {
      return endDetour(seekPosition);
    }
    long size = FragmentIndex.mfraSize(mfro);
    long length = input.getLength();
    if (size < 16 + 8 || size > MAX_INDEX_BYTES || size > length) {
      return endDetour(seekPosition); // no mfra (or an implausible one): go on without an index
    }
    state = STATE_MFRA;
    seekPosition.position = length - size;
    return RESULT_SEEK;
  }

  /** The detour's second step: the mfra itself. */
  private int readMfra(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    long start = input.getPosition();
    long size = input.getLength() - start;
    byte[] head = new byte[8];
    if (!input.peekFully(head, 0, 8, true) || Boxes.readUnsignedInt(head, 0) != size
        || (int) Boxes.readUnsignedInt(head, 4) != BoxTypes.MFRA) {
      return endDetour(seekPosition);
    }
    if (input.bytesAvailable() < size && !input.isEndOfInputKnown()) {
      throw dev.oolong.extractor.NeedMoreDataException.INSTANCE;
    }
    byte[] data = new byte[(int) size];
    input.resetPeekPosition();
    if (!input.peekFully(data, 0, (int) size, true)) {
      return endDetour(seekPosition);
    }
    TrackState primary = null;
    for (TrackState t : tracks) {
      if (primary == null || "vide".equals(t.track.handlerType) && !"vide".equals(primary.track.handlerType)) {
        primary = t;
      }
    }
    if (primary != null) {
      long duration = movie.fragmentDuration >= 0 && movie.timescale > 0
          ? Times.ticksToUs(movie.fragmentDuration, movie.timescale) : C.TIME_UNSET;
      dev.oolong.extractor.IndexSeekMap map = FragmentIndex.parseMfra(data, 8, data.length,
          primary.track.trackId, primary.track.mediaTimescale, primary.shiftTicks, primary.delayUs,
          duration, start);
      if (map != null) {
        indexed = true;
        output.seekMap(map);
      }
    }
    return endDetour(seekPosition);
  }

  private int endDetour(PositionHolder seekPosition) {
    state = STATE_ATOM_HEADER;
    seekPosition.position = detourReturn;
    detourReturn = -1;
    return RESULT_SEEK;
  }

  private int readSample(ExtractorInput input, PositionHolder seekPosition) throws PlayerException {
    if (sampleRemaining > 0) {
      int n = input.read(scratch, 0, Math.min(sampleRemaining, scratch.length));
      if (n == RESULT_END_OF_INPUT) {
        throw PlayerException.critical(ErrorCode.CONTAINER_TRUNCATED,
            "The input ends inside a sample", "offset", input.getPosition(), "reason", "sample cut off");
      }
      sampleTrack.output.sampleData(scratch, 0, n);
      sampleRemaining -= n;
      return RESULT_CONTINUE;
    }
    if (sampleRemaining == 0) {
      sampleTrack.output.sampleMetadata(samplePts, sampleDts, sampleFlags, sampleSize, sampleCrypto);
      sampleRemaining = -1;
      return RESULT_CONTINUE;
    }
    return movie.fragmented ? nextFragmentSample(input, seekPosition) : nextProgressiveSample(input, seekPosition);
  }

  private int nextProgressiveSample(ExtractorInput input, PositionHolder seekPosition)
      throws PlayerException {
    TrackState best = null;
    for (TrackState t : tracks) {
      if (t.next < t.table.count
          && (best == null || t.table.offsets[t.next] < best.table.offsets[best.next])) {
        best = t;
      }
    }
    if (best == null) {
      return RESULT_END_OF_INPUT;
    }
    long offset = best.table.offsets[best.next];
    if (offset != input.getPosition()) {
      return skipTo(input, offset, seekPosition);
    }
    int i = best.next++;
    SampleTable t = best.table;
    startSample(best, t.decodeTimes[i], t.compositionOffsets[i], t.sizes[i], t.sync[i],
        best.crypto == null ? null : best.crypto[i]);
    return RESULT_CONTINUE;
  }

  private int nextFragmentSample(ExtractorInput input, PositionHolder seekPosition)
      throws PlayerException {
    while (fragmentIndex < fragmentSamples.size()) {
      FragmentParser.Sample s = fragmentSamples.get(fragmentIndex);
      TrackState ts = tracksById.get(s.trackId());
      if (ts == null || s.offset() < input.getPosition() || s.offset() + s.size() > mdatEnd) {
        fragmentIndex++; // a sample of an unknown track, or outside this mdat: not ours to read
        continue;
      }
      if (s.offset() != input.getPosition()) {
        return skipTo(input, s.offset(), seekPosition);
      }
      fragmentIndex++;
      startSample(ts, s.decodeTime(), s.compositionOffset(), s.size(), s.sync(), s.crypto());
      return RESULT_CONTINUE;
    }
    // The fragment's samples are read: continue after this mdat.
    state = STATE_ATOM_HEADER;
    return skipTo(input, mdatEnd, seekPosition);
  }

  private void startSample(TrackState ts, long decodeTime, int compositionOffset, int size,
      boolean sync, CryptoData crypto) {
    sampleTrack = ts;
    sampleDts = presentationUs(ts, decodeTime);
    samplePts = presentationUs(ts, decodeTime + compositionOffset);
    sampleFlags = sync ? TrackOutput.FLAG_KEY_FRAME : 0;
    if (samplePts < ts.delayUs) {
      sampleFlags |= TrackOutput.FLAG_DECODE_ONLY; // before the edit's start: decode, don't show
    }
    sampleSize = size;
    sampleRemaining = size;
    sampleCrypto = crypto;
    if (crypto != null) {
      sampleFlags |= TrackOutput.FLAG_ENCRYPTED;
    }
  }

  private int skipTo(ExtractorInput input, long target, PositionHolder seekPosition)
      throws PlayerException {
    int result = skipper.skipTo(input, target, seekPosition);
    return result == RESULT_END_OF_INPUT ? endOfInput() : result;
  }

  private int endOfInput() throws PlayerException {
    if (movie == null) {
      throw PlayerException.critical(ErrorCode.CONTAINER_NO_MOOV,
          "The MP4 input has no 'moov' box", "url", "");
    }
    if (!movie.fragmented) {
      for (TrackState t : tracks) {
        if (t.next < t.table.count) {
          throw PlayerException.critical(ErrorCode.CONTAINER_TRUNCATED,
              "The input ends before sample " + t.next + " of track " + t.track.trackId,
              "offset", t.table.offsets[t.next], "reason", "samples past the end of the input");
        }
      }
    }
    return RESULT_END_OF_INPUT;
  }

  @Override
  public void seek(long position, long timeUs) {
    sampleRemaining = -1;
    skipper.cancel();
    if (movie == null || movie.fragmented) {
      state = STATE_ATOM_HEADER;
      detourReturn = -1;
      fragmentSamples = new ArrayList<>();
      fragmentIndex = 0;
      return;
    }
    // Progressive: every track resumes at its last sync sample at or before the time.
    for (TrackState t : tracks) {
      t.next = t.table.count == 0 ? 0 : ProgressiveSeekMap.syncIndexAtOrBefore(t, timeUs);
    }
    state = STATE_SAMPLES;
  }

  @Override
  public void release() {
    tracks.clear();
  }

  private static long readUint32(byte[] b, int p) {
    return Boxes.readUnsignedInt(b, p);
  }

  /** Seeks from the sample tables: the primary track's sync sample, then the other tracks. */
  private final class ProgressiveSeekMap implements SeekMap {
    @Override
    public boolean isSeekable() {
      return true;
    }

    @Override
    public long getDurationUs() {
      long max = C.TIME_UNSET;
      for (TrackState t : tracks) {
        long d = Durations.presentationDurationUs(movie, t.track, t.track.mediaDuration);
        max = Math.max(max, d);
      }
      return max;
    }

    @Override
    public SeekPoint getSeekPoint(long timeUs) {
      long position = Long.MAX_VALUE;
      long time = timeUs;
      TrackState primary = null;
      for (TrackState t : tracks) {
        if (t.table.count > 0 && (primary == null || t.output != null
            && t.track.handlerType.equals("vide") && !primary.track.handlerType.equals("vide"))) {
          primary = t;
        }
      }
      if (primary == null) {
        return new SeekPoint(0, 0);
      }
      int key = syncIndexAtOrBefore(primary, timeUs);
      time = ptsUs(primary, key);
      for (TrackState t : tracks) {
        if (t.table.count > 0) {
          int i = t == primary ? key : syncIndexAtOrBefore(t, time);
          position = Math.min(position, t.table.offsets[i]);
        }
      }
      return new SeekPoint(time, position);
    }

    static int syncIndexAtOrBefore(TrackState t, long timeUs) {
      int found = -1;
      for (int i = 0; i < t.table.count; i++) {
        if (t.table.sync[i]) {
          if (ptsUs(t, i) <= timeUs || found < 0) {
            found = i;
          } else {
            break;
          }
        }
      }
      return Math.max(found, 0);
    }

    static long ptsUs(TrackState t, int i) {
      return Times.ticksToUs(t.table.decodeTimes[i] + t.table.compositionOffsets[i] - t.shiftTicks,
          t.track.mediaTimescale) + t.delayUs;
    }
  }
}
