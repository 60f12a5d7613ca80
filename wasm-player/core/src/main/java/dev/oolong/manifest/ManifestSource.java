package dev.oolong.manifest;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.SeekMap;
import dev.oolong.manifest.hls.HlsParser;
import dev.oolong.manifest.hls.PlaylistUpdates;
import dev.oolong.upstream.ChainedLoading;
import dev.oolong.upstream.Cipher;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import dev.oolong.upstream.Delay;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The input of a pipeline: the resource at the URL as it is (a media file), or, when the resource
 * is an HLS playlist ({@code #EXTM3U}), the segments it lists as one input ({@link
 * SegmentStream}). What the URL is is told by its first bytes, not by its name or content type.
 *
 * <p>A multivariant playlist starts with its first variant (the author's choice for the start, per
 * RFC 8216bis §4.3.4.2). Once downloads were measured, the ABR ({@code AbrController} over a
 * {@code ThroughputEstimator} fed by every segment's download) chooses the variant before each
 * segment, unless a level was chosen by hand ({@link #selectLevel}).
 *
 * <p><b>VOD</b> (a list with {@code EXT-X-ENDLIST}): {@link #seekMap} is its segment index, in
 * media time (the playlist's clock: the first segment starts at 0), and playback starts at 0.
 *
 * <p><b>Live</b> (a list that may still grow): playback starts at the segment holding the live
 * start ({@link LiveEdge}: the hold-back from the end, or {@code EXT-X-START}); media time is the
 * first list's clock (its first segment at 0) carried on through every reload, so {@link #startUs}
 * is that segment's start. The list is reloaded after a target duration (half of one when it did
 * not change, RFC 8216bis §6.3.4), merged ({@link PlaylistUpdates}) and handed to the reading,
 * which waits at the end of the list for the next version. A reload that fails is tried again
 * after a target duration, {@link #MAX_RELOAD_FAILURES} times in a row at most; a list that
 * contradicts the one before ends playback ({@code MANIFEST_INCONSISTENT}). There is no seeking
 * in a live list (its seek map is unseekable, its duration unknown). {@link #programDateTimeMs}
 * maps media time to the wall clock of the capture, for the latency.
 * Playlists are read whole, up to {@link HlsParser#MAX_CHARS} bytes ({@code MANIFEST_TOO_LARGE}
 * beyond), and parsed with its bounds.
 */
public final class ManifestSource implements DataSource {
  /** The throughput assumed until downloads were measured (bits per second). */
  public static final double DEFAULT_ESTIMATE_BPS = 1_000_000;
  /** The buffer the ABR's buffer rule aims at (seconds: the MSE path's default goal). */
  static final double ABR_BUFFER_TARGET_S = 30;

  /** Failed reloads of a live list in a row before playback ends. */
  public static final int MAX_RELOAD_FAILURES = 4;

  private final DataSource upstream;
  private final Delay delay;
  private final Cipher cipher;
  private final Consumer<PlayerException> warnings;
  /** Non-null once the URL turned out to be a playlist and its segments are known. */
  private SegmentStream stream;
  private SeekMap seekMap;
  /** The URL turned out to be a media file: loads go straight upstream. */
  private boolean plain;
  private long startUs;
  /** A live list's segment start times (media time) by media sequence number. */
  private final java.util.TreeMap<Long, Long> startsUs = new java.util.TreeMap<>();
  private String mediaUrl;
  /** The multivariant playlist, or null (a media playlist was given). */
  private Presentation presentation;
  /** The variant playing (its index in the presentation's). */
  private int level;
  /** A level switch in progress (its list loading), or -1. */
  private int switching = -1;
  private java.util.function.IntConsumer levelSwitched = i -> { };
  /** Automatic level choice (ABR) on: the default, off once a level is chosen by hand. */
  private boolean autoLevel = true;
  private final dev.oolong.abr.ThroughputEstimator estimator =
      new dev.oolong.abr.ThroughputEstimator(DEFAULT_ESTIMATE_BPS);
  /** The ABR over the variants by bit rate ({@link #byBitrate} maps back), or null with one variant. */
  private dev.oolong.abr.AbrController abr;
  private int[] byBitrate;
  private dev.oolong.util.Clock clock = () -> 0;
  /** The player's buffer ahead of the playhead (µs), as it last said. */
  private long bufferAheadUs;
  private int reloadFailures;
  private int reloads;
  private boolean closed;
  /** Where a fatal reload failure is reported (the reading's listener). */
  private Listener out;

  /**
   * @param delay what waits between attempts of a failing segment, and between reloads
   * @param warnings recoverable faults played past (a segment passed over)
   */
  public ManifestSource(DataSource upstream, Delay delay, Consumer<PlayerException> warnings) {
    this(upstream, delay, null, warnings);
  }

  /**
   * @param delay what waits between attempts of a failing segment, and between reloads
   * @param cipher what decrypts AES-128 segments, or null (they are then refused)
   * @param warnings recoverable faults played past (a segment passed over)
   */
  public ManifestSource(DataSource upstream, Delay delay, Cipher cipher, Consumer<PlayerException> warnings) {
    this.upstream = upstream;
    this.cipher = cipher;
    this.delay = delay;
    this.warnings = warnings;
  }

  /** The segment index once a playlist was read (media time), else null (a plain file, or not known yet). */
  public SeekMap seekMap() {
    return seekMap;
  }

  /** Where playback of the playlist starts in media time (0 for VOD; a live list's start segment). */
  public long startUs() {
    return startUs;
  }

  /** Whether the playlist is live (it may still grow). */
  public boolean isLive() {
    return stream != null && !stream.list().ended();
  }

  /** The segments read, or null when the URL is not a playlist (or not read yet). */
  public SegmentStream segments() {
    return stream;
  }

  /** Reloads of a live list so far. */
  public int reloads() {
    return reloads;
  }

  /**
   * The wall-clock time (ms since the epoch) at which media time {@code mediaUs} was captured,
   * from a live list's {@code EXT-X-PROGRAM-DATE-TIME}; {@code Long.MIN_VALUE} when not known (or
   * not live: the latency is a live figure).
   */
  public long programDateTimeMs(long mediaUs) {
    if (stream == null) {
      return Long.MIN_VALUE;
    }
    long best = Long.MIN_VALUE;
    for (SegmentList.Segment s : stream.list().segments()) {
      Long start = startOf(s.sequence());
      if (start == null || s.programDateTimeMs() == Long.MIN_VALUE) {
        continue;
      }
      if (start <= mediaUs || best == Long.MIN_VALUE) {
        best = s.programDateTimeMs() + (mediaUs - start) / 1000;
      }
      if (mediaUs < start + s.durationUs()) {
        break;
      }
    }
    return best;
  }

  /** A live segment's start in media time, or null when it is not timed. */
  private Long startOf(long sequence) {
    return startsUs.get(sequence);
  }


  /** The variants to choose from (empty when a media playlist was given, or not read yet). */
  public java.util.List<Presentation.Variant> levels() {
    return presentation == null ? java.util.List.of() : presentation.variants();
  }

  /** The index of the variant playing (in {@link #levels}). */
  public int level() {
    return level;
  }

  /** Told the index of the variant switched to, once its list is loaded and the reading follows it. */
  public void onLevelSwitched(java.util.function.IntConsumer listener) {
    levelSwitched = listener;
  }

  /**
   * Plays variant {@code index} from the next segment on: its media playlist is loaded and the
   * reading goes on with it at the same media sequence number (the variants of a ladder are cut
   * at the same points; a list that does not hold the next segment is refused with a recoverable
   * {@code MANIFEST_INCONSISTENT} to {@code warnings}, and the variant playing stays). A switch
   * while another loads replaces it. What was read of the variant before stays: the switch shows
   * after what is buffered. MPEG-TS variants switch cleanly; fMP4 variants whose init sections
   * differ need the extractor to take a new {@code moov}, which it does not yet (it keeps the first).
   *
   * <p>{@code -1} hands the choice back to the ABR (automatic: the default); any other index
   * turns it off.
   *
   * @return false when there is no such variant or nothing to switch (no multivariant playlist,
   *     or it is the one playing)
   */
  public boolean selectLevel(int index) {
    if (index == -1) {
      autoLevel = true;
      return abr != null;
    }
    if (presentation == null || stream == null || index < 0 || index >= presentation.variants().size()) {
      return false;
    }
    autoLevel = false;
    return switchTo(index, false);
  }

  /** Whether the level is chosen automatically (ABR). */
  public boolean autoLevel() {
    return autoLevel && abr != null;
  }

  /** The clock downloads are timed on (the ABR's throughput). */
  public void setClock(dev.oolong.util.Clock clock) {
    this.clock = clock;
  }

  /** The player's media ahead of its playhead (µs), for the ABR's buffer rule and no-stall guard. */
  public void setBufferAheadUs(long us) {
    bufferAheadUs = Math.max(0, us);
  }

  /** The throughput estimate (bits per second) the ABR decides on. */
  public double throughputBps() {
    return estimator.estimateBps();
  }

  /**
   * Loads variant {@code index}'s list and goes on with it; {@code held}: the reading waits for
   * it (an ABR decision before a segment), and goes on with the list it had when the switch fails.
   */
  private boolean switchTo(int index, boolean held) {
    if (index == (switching >= 0 ? switching : level)) {
      return false;
    }
    int asked = index;
    switching = index;
    String url = presentation.variants().get(index).url();
    loadText(url, text -> {
      if (closed || switching != asked) {
        return;
      }
      switching = -1;
      boolean switched = false;
      try {
        SegmentList next = PlaylistUpdates.merge(null, HlsParser.parseMedia(url, text));
        if (stream.allRead()) {
          warnings.accept(PlayerException.recoverable(ErrorCode.PLAYER_INVALID_ARGUMENT, "The whole stream is loaded "
              + "already: variant " + asked + " has nothing left to play (seek to load again)",
              "argument", "level", "reason", "everything loaded"));
        } else if (!stream.switchList(next)) {
          warnings.accept(PlayerException.recoverable(ErrorCode.MANIFEST_INCONSISTENT, "Variant " + asked
              + " does not hold the next segment of the one playing: staying on variant " + level,
              "url", url, "reason", "variants not aligned"));
        } else {
          switched = true;
          mediaUrl = url;
          level = asked;
          if (!next.ended()) {
            timeSegments(next);
          }
          levelSwitched.accept(asked);
        }
      } catch (PlayerException e) {
        warnings.accept(e.asRecoverable());
      }
      if (!switched && held) {
        stream.update(stream.list()); // the reading goes on with the level it had
      }
    }, e -> {
      if (switching == asked) {
        switching = -1;
        warnings.accept(e.asRecoverable());
        if (held) {
          stream.update(stream.list());
        }
      }
    });
    return true;
  }

  /** Sets up the ABR over the presentation's variants, and the measurements of every segment. */
  private void observe() {
    if (presentation != null && presentation.variants().size() > 1) {
      java.util.List<Presentation.Variant> vs = presentation.variants();
      Integer[] order = new Integer[vs.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Long.compare(bitrate(vs.get(a)), bitrate(vs.get(b))));
      byBitrate = new int[order.length];
      java.util.List<dev.oolong.abr.AbrController.Level> levels = new java.util.ArrayList<>();
      for (int i = 0; i < order.length; i++) {
        byBitrate[i] = order[i];
        Presentation.Variant v = vs.get(order[i]);
        levels.add(new dev.oolong.abr.AbrController.Level(bitrate(v), v.width(), v.height()));
      }
      abr = new dev.oolong.abr.AbrController(levels, ABR_BUFFER_TARGET_S, estimator);
    }
    stream.observe(new SegmentStream.Observer() {
      @Override
      public boolean beforeSegment(SegmentList.Segment next) {
        return decide(next);
      }

      @Override
      public void segmentLoaded(SegmentList.Segment segment, long bytes, long micros) {
        estimator.sample(bytes, micros / 1e6);
      }
    }, clock);
  }

  private static long bitrate(Presentation.Variant v) {
    return v.averageBandwidth() > 0 ? v.averageBandwidth() : v.bandwidth();
  }

  /**
   * The ABR's decision before a segment: the level playing goes on, or the reading waits while
   * another level's list loads. Only once the network was measured (the first segments load at
   * the first variant, the author's choice).
   */
  private boolean decide(SegmentList.Segment next) {
    if (abr == null || !autoLevel || switching >= 0 || closed || !estimator.measured()) {
      return true;
    }
    int current = 0;
    for (int i = 0; i < byBitrate.length; i++) {
      if (byBitrate[i] == level) {
        current = i;
      }
    }
    int choice = byBitrate[abr.choose(new dev.oolong.abr.AbrController.Situation(bufferAheadUs / 1e6,
        next.durationUs() / 1e6, current, 0, 0, 1))];
    if (choice == level || !switchTo(choice, true)) {
      return true;
    }
    return switching != choice; // a list loaded at once (a synchronous source) was taken already
  }

  /** Stops reloading (the pipeline was cancelled). */
  public void close() {
    closed = true;
  }

  @Override
  public Loading open(DataSpec spec, Listener listener) {
    if (stream != null) {
      out = listener;
      return stream.open(spec, listener);
    }
    if (plain || spec.position() != 0) {
      return upstream.open(spec, listener);
    }
    Sniff sniff = new Sniff(spec, listener);
    sniff.start();
    return sniff;
  }

  /** The first load: tells a playlist from a media file by its first bytes. */
  private final class Sniff extends ChainedLoading implements Listener {
    private static final byte[] MAGIC = "#EXTM3U".getBytes(StandardCharsets.US_ASCII);
    private final DataSpec spec;
    private final Listener out;
    private long totalLength = C.LENGTH_UNSET;
    /** The upstream answered (its {@code onOpen} came). */
    private boolean opened;
    /** Bytes received before deciding, then the whole playlist text. */
    private byte[] buffer = new byte[4096];
    private int size;
    /** 0: undecided, 1: a media file (forwarding), 2: a playlist (collecting). */
    private int mode;

    Sniff(DataSpec spec, Listener out) {
      this.spec = spec;
      this.out = out;
      mediaUrl = spec.uri();
    }

    void start() {
      follow(upstream.open(spec, this));
    }

    @Override
    public void onOpen(long totalLength) {
      this.totalLength = totalLength;
      opened = true;
    }

    @Override
    public void onData(byte[] data, int offset, int length) {
      if (cancelled) {
        return;
      }
      if (mode == 1) {
        out.onData(data, offset, length);
        return;
      }
      if (size + length > HlsParser.MAX_CHARS) {
        fail(tooLarge(mediaUrl, size + length));
        return;
      }
      if (size + length > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
      }
      System.arraycopy(data, offset, buffer, size, length);
      size += length;
      if (mode == 0) {
        decide(false);
      }
    }

    /** Decides once the magic's length is there (or the resource ended). */
    private void decide(boolean atEnd) {
      int bom = size >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF ? 3 : 0;
      if (size < bom + MAGIC.length && !atEnd) {
        return;
      }
      boolean playlist = size >= bom + MAGIC.length;
      for (int i = 0; playlist && i < MAGIC.length; i++) {
        playlist = buffer[bom + i] == MAGIC[i];
      }
      if (playlist) {
        mode = 2;
        return;
      }
      mode = 1;
      plain = true;
      out.onOpen(totalLength);
      byte[] head = java.util.Arrays.copyOf(buffer, size);
      buffer = null;
      if (head.length > 0) {
        out.onData(head, 0, head.length);
      }
    }

    @Override
    public void onEnd() {
      if (cancelled) {
        return;
      }
      if (mode == 0) {
        decide(true);
      }
      if (mode == 1) {
        out.onEnd();
        return;
      }
      String text = new String(buffer, 0, size, StandardCharsets.UTF_8);
      buffer = null;
      try {
        if (HlsParser.isMultivariant(text)) {
          presentation = HlsParser.parseMultivariant(mediaUrl, text);
          if (presentation.variants().isEmpty()) {
            throw PlayerException.critical(ErrorCode.MANIFEST_MALFORMED, "The multivariant playlist lists no variant",
                "url", mediaUrl, "line", 0, "reason", "no EXT-X-STREAM-INF");
          }
          level = 0;
          mediaUrl = presentation.variants().get(0).url();
          follow(loadText(mediaUrl, this::mediaPlaylist, this::fail));
          return;
        }
        mediaPlaylist(text);
      } catch (PlayerException e) {
        fail(e);
      }
    }

    private void mediaPlaylist(String text) {
      if (cancelled) {
        return;
      }
      try {
        if (HlsParser.isMultivariant(text)) {
          throw PlayerException.critical(ErrorCode.MANIFEST_MALFORMED, "A variant's playlist is a multivariant playlist",
              "url", mediaUrl, "line", 0, "reason", "nested multivariant playlist");
        }
        SegmentList list = PlaylistUpdates.merge(null, HlsParser.parseMedia(mediaUrl, text));
        if (list.segments().isEmpty()) {
          throw PlayerException.critical(ErrorCode.MANIFEST_MALFORMED, "The playlist lists no segment",
              "url", mediaUrl, "line", 0, "reason", "no segment");
        }
        stream = new SegmentStream(upstream, list, delay, cipher, warnings);
        observe();
        long startSequence = list.mediaSequence();
        if (list.ended()) {
          seekMap = new SegmentSeekMap(list, stream);
        } else {
          seekMap = SeekMap.unseekable(C.TIME_UNSET);
          timeSegments(list);
          long at = LiveEdge.startUs(list, presentation == null ? C.TIME_UNSET : presentation.startOffsetUs());
          SegmentList.Segment first = list.segments().get(LiveEdge.segmentAt(list, at));
          startSequence = first.sequence();
          startUs = startsUs.get(startSequence);
          scheduleReload(list, true);
        }
        ManifestSource.this.out = out;
        follow(stream.open(new DataSpec(spec.uri(), stream.positionOf(startSequence), C.LENGTH_UNSET), out));
      } catch (PlayerException e) {
        fail(e);
      }
    }

    private void fail(PlayerException e) {
      cancel();
      out.onError(e);
    }

    @Override
    public void onError(PlayerException error) {
      if (!cancelled) {
        cancelled = true;
        if (mode == 0 && opened) {
          // The connection broke before the first bytes told what it is (a reset can lose what
          // was in flight): the reader opens its input so that it resumes, from 0, a new sniff.
          out.onOpen(totalLength);
        }
        out.onError(error);
      }
    }

  }

  /** Gives every segment of {@code list} not timed yet its start: the one before it, plus its duration. */
  private void timeSegments(SegmentList list) {
    for (SegmentList.Segment s : list.segments()) {
      if (startsUs.containsKey(s.sequence())) {
        continue;
      }
      Long before = startsUs.get(s.sequence() - 1);
      if (before == null && !startsUs.isEmpty()) {
        // a hole (the reloads fell behind the window): on from the last segment known
        java.util.Map.Entry<Long, Long> last = startsUs.lastEntry();
        startsUs.put(s.sequence(), last.getValue() + lastDurationUs);
      } else {
        startsUs.put(s.sequence(), before == null ? 0 : before + lastDurationUs);
      }
      lastDurationUs = s.durationUs();
    }
    while (!startsUs.isEmpty() && startsUs.firstKey() < list.mediaSequence()) {
      startsUs.pollFirstEntry();
    }
  }

  /** The duration of the last segment timed (the next one starts after it). */
  private long lastDurationUs;

  private void scheduleReload(SegmentList list, boolean changed) {
    delay.after((int) (PlaylistUpdates.reloadDelayUs(list, changed) / 1000), this::reload);
  }

  private void reload() {
    if (closed) {
      return;
    }
    loadText(mediaUrl, text -> {
      if (closed) {
        return;
      }
      SegmentList previous = stream.list();
      try {
        SegmentList next = PlaylistUpdates.merge(previous, HlsParser.parseMedia(mediaUrl, text));
        reloads++;
        reloadFailures = 0;
        boolean changed = PlaylistUpdates.changed(previous, next);
        timeSegments(next);
        stream.update(next);
        if (!next.ended()) {
          scheduleReload(next, changed);
        }
      } catch (PlayerException e) {
        reloadFailed(e, e.category() != dev.oolong.ErrorCategory.NETWORK);
      }
    }, e -> reloadFailed(e, false));
  }

  private void reloadFailed(PlayerException e, boolean fatal) {
    if (closed) {
      return;
    }
    if (fatal || ++reloadFailures >= MAX_RELOAD_FAILURES) {
      closed = true;
      if (out != null) {
        out.onError(e);
      }
      return;
    }
    delay.after((int) (stream.list().targetDurationUs() / 1000), this::reload);
  }

  private static PlayerException tooLarge(String url, long size) {
    return PlayerException.critical(ErrorCode.MANIFEST_TOO_LARGE, "The playlist is larger than "
        + HlsParser.MAX_CHARS + " bytes", "url", url, "size", size, "limit", HlsParser.MAX_CHARS);
  }

  /** Loads a playlist's text whole (bounded), then hands it on. */
  private Loading loadText(String url, Consumer<String> then, Consumer<PlayerException> failed) {
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    boolean[] over = {false};
    Loading[] loading = {null};
    loading[0] = upstream.open(DataSpec.whole(url), new Listener() {
      @Override
      public void onOpen(long totalLength) {}

      @Override
      public void onData(byte[] data, int offset, int length) {
        if (over[0]) {
          return;
        }
        if (text.size() + (long) length > HlsParser.MAX_CHARS) {
          over[0] = true;
          if (loading[0] != null) {
            loading[0].cancel();
          }
          failed.accept(tooLarge(url, text.size() + (long) length));
          return;
        }
        text.write(data, offset, length);
      }

      @Override
      public void onEnd() {
        if (!over[0]) {
          then.accept(new String(text.toByteArray(), StandardCharsets.UTF_8));
        }
      }

      @Override
      public void onError(PlayerException error) {
        if (!over[0]) {
          failed.accept(error);
        }
      }
    });
    return loading[0];
  }

  /**
   * A playlist's segments as a seek map, in media time: segment {@code i} starts at the sum of the
   * durations before it and is found at its {@link SegmentStream#positionOf} position. Seekable when
   * the list is complete (VOD); a gap is never a seek point (the next segment is).
   */
  static final class SegmentSeekMap implements SeekMap {
    private final SegmentList list;
    private final SegmentStream stream;
    private final long[] startsUs;

    SegmentSeekMap(SegmentList list, SegmentStream stream) {
      this.list = list;
      this.stream = stream;
      startsUs = new long[list.segments().size()];
      long t = 0;
      for (int i = 0; i < startsUs.length; i++) {
        startsUs[i] = t;
        t += list.segments().get(i).durationUs();
      }
    }

    @Override
    public boolean isSeekable() {
      return list.ended();
    }

    @Override
    public long getDurationUs() {
      return list.durationUs();
    }

    @Override
    public boolean inMediaTime() {
      return true;
    }

    @Override
    public SeekPoint getSeekPoint(long timeUs) {
      int lo = 0;
      int hi = startsUs.length - 1;
      while (lo < hi) { // the last segment starting at or before timeUs
        int mid = (lo + hi + 1) >>> 1;
        if (startsUs[mid] <= timeUs) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      int i = lo;
      while (i < startsUs.length - 1 && list.segments().get(i).gap()) {
        i++;
      }
      return new SeekPoint(startsUs[i], stream.positionOf(list.segments().get(i).sequence()));
    }
  }
}
