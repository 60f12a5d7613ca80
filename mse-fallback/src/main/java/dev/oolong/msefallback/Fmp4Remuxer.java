package dev.oolong.msefallback;

import dev.oolong.PlayerException;
import dev.oolong.codec.FlacFrameHeader;
import dev.oolong.codec.NalUnits;
import dev.oolong.codec.OpusPackets;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.PsshBox;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Remuxes an extractor's samples into fragmented MP4 for Media Source Extensions: one init
 * segment ({@code ftyp} + {@code moov} with each track's sample entry and {@code mvex}, and the
 * source's {@code pssh} boxes) and media segments ({@code moof} + {@code mdat}) holding every
 * track's samples since the last one. It sits where an {@link ExtractorOutput} goes (behind the
 * timeline sanitiser).
 *
 * <ul>
 *   <li>One timestamp base for all tracks: every time is shifted by the same {@link
 *       #timeOffsetUs()} (chosen at the first segment so no decode time is negative); the player
 *       sets the SourceBuffer's {@code timestampOffset} to minus it.
 *   <li>Composition offsets (B-frames) go into {@code trun} version 1 (signed): decode times are
 *       moved up to the first presentation time (MSE drops frames decoded before time 0), so
 *       B-frames get negative offsets.
 *   <li>AAC: a hole in the audio is filled with silent frames and a frame that overlaps the one
 *       before is dropped (as transport streams need); other frames are placed exactly one frame
 *       after the last, so rounding never opens a gap.
 *   <li>Encrypted samples keep their encryption: {@code encv}/{@code enca} with {@code sinf}
 *       ({@code frma}, {@code schm}, {@code tenc}) in the init segment; {@code senc}, {@code
 *       saiz} and {@code saio} in each {@code traf}.
 *   <li>Samples are converted where the source's form differs: Annex B start codes to NAL unit
 *       lengths, ADTS headers removed.
 * </ul>
 */
public final class Fmp4Remuxer implements ExtractorOutput {
  /** The longest hole filled with silence; a longer one is left for the player to skip. */
  public static final long MAX_SILENCE_US = 10_000_000;
  /** How long the tracks with samples wait for a track that has none before going without it. */
  public static final long MAX_TRACK_WAIT_US = 5_000_000;
  /**
   * Video whose first frame comes at most this late after media time 0 has that frame shown from
   * 0 (its times moved back; its duration covers the difference).
   */
  static final long MAX_START_FILL_US = 1_000_000;

  private static final int SAMPLE_FLAGS_SYNC = 0x02000000; // depends on nothing
  private static final int SAMPLE_FLAGS_NON_SYNC = 0x01010000; // depends on others, not sync

  private final List<Track> tracks = new ArrayList<>();
  private final List<PsshBox> pssh = new ArrayList<>();
  private PlayerException error;
  private boolean tracksEnded;
  private List<Track> initTracks;
  private long offsetUs = Long.MIN_VALUE;
  private long writtenUntilUs = dev.oolong.C.TIME_UNSET;
  private int sequence = 1;
  private long silentFrames;
  private long droppedFrames;

  /** One sample, already in its MP4 form. */
  private record Sample(byte[] data, long ptsUs, long dtsUs, boolean key, CryptoData crypto,
      boolean noDecodeTime) {}

  private final class Track implements TrackOutput {
    final int id;
    final TrackType type;
    TrackConfig config;
    final dev.oolong.extractor.SampleBytes pending = new dev.oolong.extractor.SampleBytes(64 * 1024);
    final List<Sample> queue = new ArrayList<>();
    CryptoData firstCrypto;
    boolean sampleSeen;
    long lastDurationTicks;
    /** Where the next sample's decode time may start at the earliest (ticks; after a seek: any). */
    long nextDtsTicks = Long.MIN_VALUE;
    long dtsShiftUs; // added to decode times so the first is not before the first presentation
    /** Taken off the first video sample's times: it is shown from the stream's start (µs). */
    long startFillUs;
    // AAC continuity: the first frame's time and the frames placed since
    long aacFirstUs = Long.MIN_VALUE;
    long aacFrames;

    Track(int id, TrackType type) {
      this.id = id;
      this.type = type;
    }

    @Override
    public void format(Format format) {
      if (config != null) {
        return; // the first format describes the track (a change needs a new init segment)
      }
      try {
        config = TrackConfig.of(format);
      } catch (PlayerException e) {
        if (error == null) {
          error = e;
        }
      }
    }

    @Override
    public void sampleData(byte[] data, int offset, int length) {
      pending.append(data, offset, length);
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      int start = pending.size() - size;
      pending.clear();
      if (config == null) {
        return; // no format (or an unsupported one: the error is reported at the next segment)
      }
      if (!sampleSeen) {
        sampleSeen = true;
        firstCrypto = crypto;
      }
      // One copy out of the pending buffer, converted on the way when the sample is clear.
      byte[] bytes = crypto == null ? transform(config.transform, pending.array(), start, size)
          : Arrays.copyOfRange(pending.array(), start, start + size);
      boolean key = (flags & FLAG_KEY_FRAME) != 0;
      if ("aac".equals(config.format.codec())) {
        addAac(bytes, ptsUs, key, crypto);
      } else {
        queue.add(new Sample(bytes, ptsUs, dtsUs, key, crypto, (flags & FLAG_NO_DECODE_TIME) != 0));
      }
    }

    /** AAC frames back to back: holes filled with silence, overlaps dropped. */
    private void addAac(byte[] bytes, long us, boolean key, CryptoData crypto) {
      double frameUs = 1024e6 / config.timescale;
      if (aacFirstUs == Long.MIN_VALUE) {
        aacFirstUs = us;
      }
      long expected = aacFirstUs + Math.round(aacFrames * frameUs);
      if (us < expected - frameUs / 2) {
        droppedFrames++; // overlaps the frame before
        return;
      }
      if (us > expected + frameUs / 2) {
        long missing = Math.round((us - expected) / frameUs);
        byte[] silence = SilentAac.frame(config.format.channels());
        if (silence != null && missing * frameUs <= MAX_SILENCE_US && crypto == null) {
          for (long i = 0; i < missing; i++, aacFrames++) {
            long t = aacFirstUs + Math.round(aacFrames * frameUs);
            queue.add(new Sample(silence, t, t, true, null, false));
            silentFrames++;
          }
        } else {
          aacFirstUs = us; // too long (or not fillable): a new run starts here
          aacFrames = 0;
        }
      }
      long t = aacFirstUs + Math.round(aacFrames * frameUs);
      aacFrames++;
      queue.add(new Sample(bytes, t, t, key, crypto, false));
    }

    /**
     * The duration of a track's last sample, when no sample follows it: an audio frame's own
     * length (the audio timescales are the codecs' sample rates), else the duration before it.
     */
    long lastSampleTicks(Sample s) {
      long samples = switch (config.format.codec()) {
        case "aac" -> 1024;
        case "opus" -> OpusPackets.samples(s.data());
        case "flac" -> {
          FlacFrameHeader h = FlacFrameHeader.parse(s.data(), 0, s.data().length);
          yield h == null ? 0 : h.blockSize();
        }
        default -> 0;
      };
      return samples > 0 ? samples : Math.max(1, lastDurationTicks);
    }
  }

  @Override
  public TrackOutput track(int id, TrackType type) {
    for (Track t : tracks) {
      if (t.id == id) {
        return t;
      }
    }
    Track t = new Track(id, type);
    tracks.add(t);
    return t;
  }

  @Override
  public void endTracks() {
    tracksEnded = true;
  }

  /**
   * Gives up a track that has had no sample yet (it goes to another byte stream); whether it
   * was here to give up.
   */
  public boolean removeTrack(int id) {
    for (Track t : tracks) {
      if (t.id == id && !t.sampleSeen && (initTracks == null || !initTracks.contains(t))) {
        tracks.remove(t);
        return true;
      }
    }
    return false;
  }

  @Override
  public void seekMap(SeekMap seekMap) {}

  @Override
  public void drmInitData(List<PsshBox> boxes) {
    for (PsshBox b : boxes) {
      if (pssh.stream().noneMatch(p -> Arrays.equals(p.box(), b.box()))) {
        pssh.add(b);
      }
    }
  }

  /** Audio and video tracks, with or without a format yet. */
  private List<Track> avTracks() {
    List<Track> out = new ArrayList<>();
    for (Track t : tracks) {
      if (t.type == TrackType.VIDEO || t.type == TrackType.AUDIO) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The tracks that go into the output: fixed when the init segment is written (a track that
   * shows up later is left out, as the SourceBuffer was made without it).
   */
  private List<Track> mediaTracks() {
    if (initTracks != null) {
      return initTracks;
    }
    List<Track> out = new ArrayList<>();
    for (Track t : avTracks()) {
      if (t.config != null && t.sampleSeen) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Whether the init segment can be written: the tracks are known and each has its format and
   * a sample (an encrypted track's {@code tenc} comes from its first sample). A track that has
   * given nothing while the others queued {@link #MAX_TRACK_WAIT_US} of media is left out.
   */
  public boolean ready() throws PlayerException {
    throwIfFailed();
    if (initTracks != null) {
      return true;
    }
    List<Track> av = avTracks();
    List<Track> withSamples = mediaTracks();
    if (!tracksEnded || withSamples.isEmpty()) {
      return false;
    }
    if (withSamples.size() == av.size()) {
      return true;
    }
    for (Track t : withSamples) {
      if (!t.queue.isEmpty()
          && t.queue.get(t.queue.size() - 1).dtsUs() - t.queue.get(0).dtsUs() > MAX_TRACK_WAIT_US) {
        return true;
      }
    }
    return false;
  }

  /** The longest stretch of media queued in one track (µs, by decode time). */
  public long queuedSpanUs() {
    long span = 0;
    for (Track t : tracks) {
      if (!t.queue.isEmpty()) {
        span = Math.max(span, t.queue.get(t.queue.size() - 1).dtsUs() - t.queue.get(0).dtsUs());
      }
    }
    return span;
  }

  /**
   * A seek: the queued samples go; the time base, the tracks and the sequence numbers stay (the
   * init segment already appended still describes what follows).
   */
  public void reset() {
    writtenUntilUs = dev.oolong.C.TIME_UNSET;
    for (Track t : tracks) {
      t.queue.clear();
      t.pending.clear();
      t.aacFirstUs = Long.MIN_VALUE;
      t.aacFrames = 0;
      t.nextDtsTicks = Long.MIN_VALUE;
    }
  }

  /** Silent AAC frames inserted into holes so far. */
  public long silentFrames() {
    return silentFrames;
  }

  /** Frames dropped because they overlapped the frame before. */
  public long droppedFrames() {
    return droppedFrames;
  }

  /** What is added to every source time (µs); the SourceBuffer's timestampOffset is minus it. */
  public long timeOffsetUs() {
    return offsetUs == Long.MIN_VALUE ? 0 : offsetUs;
  }

  /** The MIME type of the output: {@code video/mp4; codecs="..."} or {@code audio/mp4; ...}. */
  public String mimeType() {
    if (rawMpegAudio()) {
      return "audio/mpeg";
    }
    if (webm()) {
      StringBuilder codecs = new StringBuilder();
      boolean video = false;
      for (Track t : mediaTracks()) {
        video |= t.config.isVideo();
        String c = t.config.format.codec();
        codecs.append(codecs.length() == 0 ? "" : ",")
            .append(c.equals("vp8") || c.equals("vorbis") || c.equals("opus") ? c : t.config.format.codecString());
      }
      return (video ? "video" : "audio") + "/webm; codecs=\"" + codecs + "\"";
    }
    StringBuilder codecs = new StringBuilder();
    boolean video = false;
    for (Track t : mediaTracks()) {
      video |= t.config.isVideo();
      codecs.append(codecs.length() == 0 ? "" : ",").append(t.config.format.codecString());
    }
    return (video ? "video" : "audio") + "/mp4; codecs=\"" + codecs + "\"";
  }

  private void throwIfFailed() throws PlayerException {
    if (error != null) {
      throw error;
    }
  }

  /**
   * Whether the output is an MPEG audio byte stream ({@code audio/mpeg}: the frames as they are,
   * no init segment, timestamps generated by the browser from {@code timestampOffset}) rather
   * than fragmented MP4: a lone MP3 track.
   */
  public boolean rawMpegAudio() {
    List<Track> media = mediaTracks();
    return media.size() == 1 && media.get(0).config.rawMpegAudio();
  }

  /** Whether the output is a WebM byte stream (a VP8 or Vorbis track: no MP4 form for them). */
  public boolean webm() {
    return mediaTracks().stream().anyMatch(t -> t.config.webmOnly());
  }

  /**
   * Where the media of the segments written so far ends (source µs, the last frame's duration
   * taken from the decode times before it), or C.TIME_UNSET: what the last segment reaches, as
   * no next segment starts after it.
   */
  public long writtenUntilUs() {
    return writtenUntilUs;
  }

  private void noteEnd(List<Track> media, boolean end) {
    for (Track t : media) {
      int n = end ? t.queue.size() : t.queue.size() - 1;
      if (n <= 0) {
        continue;
      }
      long maxPts = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        maxPts = Math.max(maxPts, t.queue.get(i).ptsUs());
      }
      Sample last = t.queue.get(n - 1);
      long frame = n >= 2 && !last.noDecodeTime() ? last.dtsUs() - t.queue.get(n - 2).dtsUs() : 0;
      frame = frame > 0 && frame < 1_000_000 ? frame : 0;
      long until = maxPts + frame;
      writtenUntilUs = writtenUntilUs == dev.oolong.C.TIME_UNSET ? until : Math.max(writtenUntilUs, until);
    }
  }

  /** The presentation time of the first sample the next segment holds, or C.TIME_UNSET. */
  public long nextSegmentStartUs() {
    for (Track t : mediaTracks()) {
      if (!t.queue.isEmpty()) {
        return t.queue.get(0).ptsUs();
      }
    }
    return dev.oolong.C.TIME_UNSET;
  }

  /** The init segment ({@code ftyp} + {@code moov}); null for an MPEG audio byte stream. */
  public byte[] initSegment() throws PlayerException {
    throwIfFailed();
    List<Track> media = mediaTracks();
    initTracks = media;
    checkStreams(media);
    if (rawMpegAudio()) {
      return null;
    }
    if (webm()) {
      List<TrackConfig> configs = new ArrayList<>();
      for (Track t : media) {
        configs.add(t.config);
      }
      return WebmWriter.init(configs);
    }
    BoxWriter w = new BoxWriter();
    w.start("ftyp").fourCc("iso6").u32(0).fourCc("iso6").fourCc("isom").fourCc("mp41").end();
    w.start("moov");
    w.startFull("mvhd", 0, 0).u32(0).u32(0).u32(1000).u32(0).u32(0x00010000).u16(0x0100).zeros(10);
    matrix(w);
    w.zeros(24).u32(media.size() + 1).end();
    for (int i = 0; i < media.size(); i++) {
      InitBoxes.trak(w, i + 1, media.get(i).config, media.get(i).firstCrypto);
    }
    w.start("mvex");
    for (int i = 0; i < media.size(); i++) {
      w.startFull("trex", 0, 0).u32(i + 1).u32(1).u32(0).u32(0).u32(0).end();
    }
    w.end();
    for (PsshBox b : pssh) {
      w.bytes(b.box());
    }
    w.end();
    return w.toByteArray();
  }

  static void matrix(BoxWriter w) {
    w.u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
  }

  /**
   * A media segment with the samples queued since the last one, each track's last sample held
   * back (its duration is known only when the next one arrives) unless {@code end}; null when
   * there is nothing to write.
   */
  public byte[] segment(boolean end) throws PlayerException {
    throwIfFailed();
    if (initTracks == null) {
      if (!end && !ready()) {
        return null;
      }
      initTracks = mediaTracks(); // track ids are fixed from the first segment on
      checkStreams(initTracks);
    }
    List<Track> media = mediaTracks();
    if (rawMpegAudio()) {
      noteEnd(media, end);
      return rawSegment(media.get(0), end);
    }
    if (offsetUs == Long.MIN_VALUE) {
      // The time base: every track's earliest presentation time in its first run lands at 0 or
      // later, and decode times are moved up to meet it (negative composition offsets carry
      // the difference), because MSE drops frames whose decode time would be negative.
      long min = Long.MAX_VALUE;
      for (Track t : media) {
        int n = end ? t.queue.size() : t.queue.size() - 1;
        if (n > 0) {
          // (asked again until every track has something: computed afresh each time, not on
          // top of the shift an earlier attempt set)
          t.dtsShiftUs = 0;
          long[] dts = decodeTimes(t, n);
          long firstPts = Long.MAX_VALUE;
          for (int i = 0; i < n; i++) {
            firstPts = Math.min(firstPts, t.queue.get(i).ptsUs());
          }
          t.dtsShiftUs = Math.max(0, firstPts - dts[0]);
          if (t.config.isVideo() && firstPts > 0 && firstPts <= MAX_START_FILL_US
              && firstPts == t.queue.get(0).ptsUs()) {
            // Video that starts a little after media time 0 (B-frame delay without an edit
            // list, audio first): its first frame is shown from 0, as a file's first frame is,
            // instead of a hole the element would stall at (the canvas path shows it from 0 too).
            t.startFillUs = firstPts;
            firstPts = 0;
          }
          min = Math.min(min, firstPts);
        } else if (!end) {
          return null; // the time base waits until every track has something to write
        }
      }
      if (min == Long.MAX_VALUE) {
        return null;
      }
      offsetUs = Math.max(0, -min);
    }
    noteEnd(media, end);
    if (webm()) {
      return webmSegment(media, end);
    }
    List<SegmentWriter.Run> runs = new ArrayList<>();
    for (int k = 0; k < media.size(); k++) {
      Track t = media.get(k);
      int n = end ? t.queue.size() : Math.max(0, t.queue.size() - 1);
      if (n == 0) {
        continue;
      }
      long[] dtsUs = decodeTimes(t, n);
      long fill = t.startFillUs;
      t.startFillUs = 0; // the first run's first sample only
      dtsUs[0] -= fill;
      // Decode times in the track's timescale, strictly increasing within the run and after
      // what the track wrote before: samples closer than one tick (a timeline squeezing a step
      // back 1 µs apart) would otherwise share a decode time, which MSE and demuxers refuse.
      long[] dtsTicks = new long[dtsUs.length];
      long floor = t.nextDtsTicks;
      for (int j = 0; j < dtsUs.length; j++) {
        dtsTicks[j] = Math.max(ticks(t, dtsUs[j]), floor);
        floor = dtsTicks[j] + 1;
      }
      long[] durations = new long[n];
      int[] cto = new int[n];
      int[] flags = new int[n];
      byte[][] data = new byte[n][];
      CryptoData[] crypto = new CryptoData[n];
      for (int i = 0; i < n; i++) {
        Sample s = t.queue.get(i);
        long dts = dtsTicks[i];
        if (i + 1 < dtsUs.length) {
          t.lastDurationTicks = dtsTicks[i + 1] - dts;
          durations[i] = t.lastDurationTicks;
        } else {
          durations[i] = t.lastSampleTicks(s) + (i == 0 ? ticks(t, fill) - ticks(t, 0) : 0);
        }
        cto[i] = (int) (ticks(t, s.ptsUs() - (i == 0 ? fill : 0)) - dts);
        flags[i] = s.key() ? SAMPLE_FLAGS_SYNC : SAMPLE_FLAGS_NON_SYNC;
        data[i] = s.data();
        crypto[i] = s.crypto();
      }
      t.nextDtsTicks = dtsTicks[n - 1] + durations[n - 1];
      runs.add(new SegmentWriter.Run(k + 1, dtsTicks[0], durations, cto, flags, data, crypto));
      t.queue.subList(0, n).clear();
    }
    if (runs.isEmpty()) {
      return null;
    }
    return SegmentWriter.write(sequence++, runs);
  }

  /**
   * Decode times of the first {@code n} queued samples, plus the one after them when it is
   * queued, moved up by the track's shift. Samples without decode times (Matroska video) get the
   * run's presentation times in ascending order — the decode order of a run that starts at a key
   * frame of a closed GOP, as segments do — and negative composition offsets for B-frames.
   */
  private static long[] decodeTimes(Track t, int n) {
    int count = Math.min(n + 1, t.queue.size());
    long[] out = new long[count];
    if (!t.queue.get(0).noDecodeTime()) {
      for (int i = 0; i < count; i++) {
        out[i] = t.queue.get(i).dtsUs() + t.dtsShiftUs;
      }
      return out;
    }
    long[] sorted = new long[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = t.queue.get(i).ptsUs();
    }
    Arrays.sort(sorted);
    System.arraycopy(sorted, 0, out, 0, n);
    if (count > n) {
      out[n] = Math.max(out[n - 1] + 1, t.queue.get(n).ptsUs());
    }
    return out;
  }

  private long ticks(Track t, long us) {
    return Math.round((us + offsetUs) * (double) t.config.timescale / 1_000_000);
  }

  /** Converts a sample from the source's form. */
  static byte[] transform(TrackConfig.Transform transform, byte[] b) {
    return transform(transform, b, 0, b.length);
  }

  /** Converts the sample at {@code src[offset, offset + length)} into a new array. */
  static byte[] transform(TrackConfig.Transform transform, byte[] src, int offset, int length) {
    if (transform == TrackConfig.Transform.NONE) {
      return Arrays.copyOfRange(src, offset, offset + length);
    }
    if (transform == TrackConfig.Transform.STRIP_ADTS) {
      return Arrays.copyOfRange(src, offset + dev.oolong.codec.Adts.headerSize(src, offset, length), offset + length);
    }
    // Annex B → 4-byte lengths: one pass for the NAL units' bounds, then one exact allocation.
    int limit = offset + length;
    int[] bounds = new int[16];
    int count = 0;
    int total = 0;
    int start = NalUnits.findStartCode(src, offset, limit);
    while (start < limit) {
      int nal = start + 3;
      int next = NalUnits.findStartCode(src, nal, limit);
      int end = next;
      while (end > nal && src[end - 1] == 0) {
        end--; // trailing zeros belong to the next start code
      }
      if (end > nal) {
        if (2 * count + 2 > bounds.length) {
          bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[2 * count] = nal;
        bounds[2 * count + 1] = end;
        count++;
        total += 4 + end - nal;
      }
      start = next;
    }
    byte[] out = new byte[total];
    int p = 0;
    for (int i = 0; i < count; i++) {
      int n = bounds[2 * i + 1] - bounds[2 * i];
      out[p] = (byte) (n >>> 24);
      out[p + 1] = (byte) (n >>> 16);
      out[p + 2] = (byte) (n >>> 8);
      out[p + 3] = (byte) n;
      System.arraycopy(src, bounds[2 * i], out, p + 4, n);
      p += 4 + n;
    }
    return out;
  }

  /** MP3 can only be a stream of its own: next to other tracks it needs a second remuxer. */
  private void checkStreams(List<Track> media) throws PlayerException {
    if (media.stream().anyMatch(t -> t.config.webmOnly())) {
      for (Track t : media) {
        if (!WebmWriter.carries(t.config.format.codec())) {
          error = TrackConfig.unsupported(t.config.format,
              "cannot go into the WebM stream its VP8/Vorbis companion needs");
          throw error;
        }
      }
    }
    if (media.size() > 1 && media.stream().anyMatch(t -> t.config.rawMpegAudio())) {
      Track mp3 = media.stream().filter(t -> t.config.rawMpegAudio()).findFirst().orElseThrow();
      error = TrackConfig.unsupported(mp3.config.format,
          "goes out only as an audio/mpeg stream of its own (MseSession gives it a SourceBuffer"
              + " of its own), not in one stream with other tracks");
      throw error;
    }
  }

  /** A WebM Cluster of the queued samples (each track's last held back unless {@code end}). */
  private byte[] webmSegment(List<Track> media, boolean end) {
    List<WebmWriter.Block> blocks = new ArrayList<>();
    for (int k = 0; k < media.size(); k++) {
      Track t = media.get(k);
      int n = end ? t.queue.size() : Math.max(0, t.queue.size() - 1);
      for (int i = 0; i < n; i++) {
        Sample s = t.queue.get(i);
        blocks.add(new WebmWriter.Block(k + 1, Math.round((s.ptsUs() + offsetUs) / 1000.0), s.key(),
            s.data()));
      }
      t.queue.subList(0, n).clear();
    }
    return blocks.isEmpty() ? null : WebmWriter.cluster(blocks);
  }

  /** The queued MP3 frames back to back (each track's last held back unless {@code end}). */
  private byte[] rawSegment(Track t, boolean end) {
    int n = end ? t.queue.size() : Math.max(0, t.queue.size() - 1);
    if (n == 0) {
      return null;
    }
    int total = 0;
    for (int i = 0; i < n; i++) {
      total += t.queue.get(i).data().length;
    }
    byte[] out = new byte[total];
    int p = 0;
    for (int i = 0; i < n; i++) {
      byte[] d = t.queue.get(i).data();
      System.arraycopy(d, 0, out, p, d.length);
      p += d.length;
    }
    t.queue.subList(0, n).clear();
    return out;
  }
}
