package dev.oolong.msefallback;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.ForwardingTrackOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.PsshBox;
import dev.oolong.media.TrackType;
import java.util.ArrayList;
import java.util.List;

/**
 * The MSE output, independent of the browser: samples in media time (from the pipeline's
 * timeline stage) go to a {@link Lane} per byte stream (video, audio, and MP3 in an {@code
 * audio/mpeg} lane of its own), each with its {@link Fmp4Remuxer} and SourceBuffer. The video
 * lane's segments are cut before every key frame, an audio lane's every second; they are
 * appended one operation at a time per SourceBuffer (the init
 * segment first, {@code timestampOffset} before the first media segment); the SourceBuffers are
 * all made before the first append; {@code endOfStream} follows the last segment of every lane.
 * A seek drops what is queued and starts again from the extractor's seek point. Failures become
 * typed errors through the listener.
 */
public final class MseSession {
  /** Audio alone: a segment per this much media. */
  static final long AUDIO_SEGMENT_US = 1_000_000;
  /** Appends refused for quota that may be retried (after evicting) before it is an error. */
  static final int MAX_QUOTA_RETRIES = 3;

  /** What the session reports. */
  public interface Listener {
    /** A segment went into a SourceBuffer. */
    void onAppended(int segments, long bytes);

    /** The whole stream is in: {@code endOfStream} was called. */
    void onEndOfStream();

    void onError(PlayerException error);

    /** A segment was cut: {@link #producedUntil()} may have moved on. */
    default void onProduced() {}
  }

  private final MediaSink sink;
  private final Listener listener;
  private final Router router = new Router();
  /**
   * A SourceBuffer per track kind, as {@link #VIDEO}, {@link #AUDIO} (fragmented MP4 or WebM)
   * and {@link #MP3} ({@code audio/mpeg}). Apart, a hole or an overlap in one track's times (a
   * reload after a seek, a stream's own gap) starts a new coded frame group in that buffer only:
   * in one shared buffer it made the other track wait for a random access point, and MSE dropped
   * the video up to the next key frame.
   */
  private final Lane[] lanes = new Lane[MediaSink.MAX_BUFFERS];
  private static final int VIDEO = 0;
  private static final int AUDIO = 1;
  private static final int MP3 = 2;
  /** The lanes with a SourceBuffer, in buffer order; null until they are made. */
  private List<Lane> used;
  /** The seek map whose duration the MediaSource was given (a later map, an index found, refines it). */
  private SeekMap durationOf;
  private boolean inputEnded;
  private boolean ended;
  /**
   * Whether the MediaSource is in its "ended" state: {@code endOfStream} was called and no
   * append or removal has re-opened it since (a seek does not).
   */
  private boolean sourceEnded;
  private boolean failed;
  private SeekMap seekMap;
  private double streamEnd = Double.NaN;
  /** Where the extraction was last started or moved to (element seconds). */
  private double loadFrom;
  private int appended;
  private long appendedBytes;
  private double currentTime;
  private int evictions;

  public MseSession(MediaSink sink, Listener listener) {
    this.sink = sink;
    this.listener = listener;
    java.util.Arrays.setAll(lanes, i -> new Lane());
  }

  /**
   * Where the samples go, in media time: the pipeline's timeline stage ({@code
   * dev.oolong.player.Pipeline}) writes here.
   */
  public ExtractorOutput output() {
    return router;
  }

  /** The SourceBuffers' MIME types (codecs included, joined by " + "), once they are made. */
  public String mimeType() {
    if (used == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (Lane l : used) {
      b.append(b.length() == 0 ? "" : " + ").append(l.remuxer.mimeType());
    }
    return b.toString();
  }

  /** The lanes that carry tracks: those with a SourceBuffer once made. */
  private List<Lane> active() {
    if (used != null) {
      return used;
    }
    List<Lane> out = new ArrayList<>();
    for (Lane l : lanes) {
      if (l.tracks > 0) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * How far (element seconds) the media cut into segments reaches in every lane since the
   * extraction last started or moved; negative infinity before the first segment.
   */
  public double producedUntil() {
    double until = Double.POSITIVE_INFINITY;
    for (Lane l : active()) {
      until = Math.min(until, l.producedUntil);
    }
    return Double.isInfinite(until) && until > 0 ? Double.NEGATIVE_INFINITY : until;
  }

  /**
   * What has gone into the SourceBuffers (appends completed, less what was removed; with two,
   * what is in both), in element seconds. The first segment of each load counts from where the
   * load was asked to start when it starts later (the media in between is not in the stream:
   * the start of an MPEG-TS, a seek that lands after its target).
   */
  public Spans appended() {
    List<Lane> active = active();
    if (active.size() == 1) {
      return active.get(0).record;
    }
    Spans both = null;
    for (Lane l : active) {
      both = both == null ? l.record.copy() : both.intersect(l.record);
    }
    return both == null ? new Spans() : both;
  }

  /** Forgets [from, to) of the record (what the buffer shows is not there after all). */
  public void forget(double from, double to) {
    for (Lane l : lanes) {
      l.record.remove(from, to);
    }
  }

  /**
   * Where the stream ends (element seconds), once an extraction has reached its end; NaN before.
   * Seeks keep it: the end is the stream's, not the load's.
   */
  public double streamEnd() {
    return streamEnd;
  }

  /** Whether segments cut are still to be appended (queued or being appended). */
  public boolean pending() {
    for (Lane l : lanes) {
      if (l.pending()) {
        return true;
      }
    }
    return false;
  }

  /** Where the extraction was last started or moved to (element seconds; 0 at first). */
  public double loadFrom() {
    return loadFrom;
  }

  /** Whether the extraction reached the end (and has not moved since). */
  public boolean allProduced() {
    return inputEnded;
  }

  /** The element's position, for evictions (seconds). */
  public void setCurrentTime(double seconds) {
    currentTime = seconds;
  }

  /** Removes what is buffered before {@code seconds} (the back buffer), as soon as possible. */
  public void evict(double seconds) {
    if (seconds > 0) {
      for (Lane l : lanes) {
        l.evictBefore = Math.max(l.evictBefore, seconds);
      }
      pump();
    }
  }

  /** Removals made so far (back buffer, quota), one per SourceBuffer. */
  public int evictions() {
    return evictions;
  }

  public int segmentsAppended() {
    return appended;
  }

  public long bytesAppended() {
    return appendedBytes;
  }

  /** Silent AAC frames the remuxer filled holes with. */
  public long silentFrames() {
    long n = 0;
    for (Lane l : lanes) {
      n += l.remuxer.silentFrames();
    }
    return n;
  }

  /** The extraction ended: what is left goes out, then {@code endOfStream}. */
  public void inputEnded() {
    inputEnded = true;
    double end = Double.NEGATIVE_INFINITY;
    for (Lane l : lanes) {
      if (l.tracks > 0) {
        cut(l, true);
        end = Math.max(end, l.producedUntil);
      }
    }
    if (!Double.isInfinite(end)) {
      streamEnd = end;
    }
    pump();
  }

  /**
   * A seek: queued segments go; the appends in progress are abandoned. The extraction moves to
   * the seek point for {@code targetSeconds} (element seconds).
   */
  public void seek(double targetSeconds) {
    loadFrom = targetSeconds;
    for (Lane l : lanes) {
      l.reset(sink);
    }
    inputEnded = false;
    ended = false;
  }

  /** The MediaSource opened, or an operation finished: carry on. */
  public void pump() {
    if (failed || !sink.isOpen()) {
      return;
    }
    try {
      if (used == null && !createBuffers()) {
        return;
      }
      if (durationOf != seekMap && !sourceEnded && allIdle()) {
        setDuration();
      }
      for (Lane l : used) {
        pump(l);
      }
      if (inputEnded && !ended && allIdle() && used.stream().allMatch(Lane::drained)) {
        ended = true;
        if (!sourceEnded) { // else a load that added nothing (a seek to the end): ended already
          sourceEnded = true;
          String error = sink.endOfStream();
          if (error != null) {
            throw PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
                "endOfStream() failed: " + error, "operation", "endOfStream", "reason", error);
          }
          listener.onEndOfStream();
        }
      }
    } catch (PlayerException e) {
      fail(e);
    }
  }

  private boolean allIdle() {
    for (Lane l : used) {
      if (sink.isUpdating(l.buffer)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Makes the SourceBuffers, all at once, when every lane with tracks can write its init
   * segment (each waits for the formats and first samples of its tracks) — or, when a lane has
   * waited {@link Fmp4Remuxer#MAX_TRACK_WAIT_US} (or the input ended), with the lanes that are
   * ready.
   */
  private boolean createBuffers() throws PlayerException {
    List<Lane> withTracks = active();
    List<Lane> ready = new ArrayList<>();
    boolean waited = inputEnded;
    for (Lane l : withTracks) {
      if (l.remuxer.ready()) {
        ready.add(l);
      }
      waited |= l.remuxer.queuedSpanUs() > Fmp4Remuxer.MAX_TRACK_WAIT_US;
    }
    boolean all = ready.size() == withTracks.size();
    if (ready.isEmpty() || !all && !waited) {
      return false;
    }
    for (Lane l : ready) {
      String mime = l.remuxer.mimeType();
      if (!sink.isTypeSupported(mime)) {
        throw PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
            "The browser cannot play " + mime + " through MSE", "codec", mime);
      }
    }
    for (int i = 0; i < ready.size(); i++) {
      Lane l = ready.get(i);
      String mime = l.remuxer.mimeType();
      String error = sink.createBuffer(i, mime);
      if (error != null) {
        throw PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
            "addSourceBuffer(" + mime + ") failed: " + error, "operation", "addSourceBuffer",
            "reason", error);
      }
      l.buffer = i;
      l.init = l.remuxer.initSegment(); // null for an MPEG audio stream
    }
    used = ready;
    return true;
  }

  /** The next operation of one SourceBuffer, when it is idle: a removal, or an append. */
  private void pump(Lane l) throws PlayerException {
    if (sink.isUpdating(l.buffer)) {
      return;
    }
    if (l.inFlight != null) {
      l.record.add(l.inFlight.from(), l.inFlight.until());
      l.inFlight = null;
    }
    if (l.evictBefore > 0) {
      double before = l.evictBefore;
      l.evictBefore = -1;
      String error = sink.remove(l.buffer, 0, before);
      if (error != null) {
        throw PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
            "remove(0, " + before + ") failed: " + error, "operation", "remove", "reason", error);
      }
      evictions++;
      l.record.removeBefore(before);
      // A removal re-opens an ended MediaSource (MSE spec): end it again once it completes.
      sourceEnded = false;
      ended = false;
      return; // the next operation waits for this one
    }
    byte[] next;
    Lane.Segment current = null;
    if (l.init != null) {
      next = l.init;
      l.init = null;
    } else if (l.retry != null || !l.queue.isEmpty()) {
      current = l.retry != null ? l.retry : l.queue.poll();
      l.retry = null;
      if (!l.offsetSet) {
        // fMP4 carries its times: the offset only undoes the time base. An MPEG audio stream
        // has none: the browser counts from the offset, set to where the frames start.
        sink.setTimestampOffset(l.buffer, l.remuxer.rawMpegAudio() ? current.startUs() / 1e6
            : -l.remuxer.timeOffsetUs() / 1e6);
        l.offsetSet = true;
      }
      next = current.bytes();
    } else {
      return;
    }
    String error = sink.append(l.buffer, next);
    if (error != null && error.startsWith("QuotaExceededError") && current != null
        && l.quotaRetries < MAX_QUOTA_RETRIES && currentTime > 1) {
      // The buffer is full: free what is behind the playhead, then append the same segment.
      l.quotaRetries++;
      l.retry = current;
      l.evictBefore = Math.max(l.evictBefore, currentTime - 1);
      pump(l);
      return;
    }
    if (error != null) {
      throw PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
          "appendBuffer failed: " + error, "operation", "appendBuffer", "reason", error);
    }
    sourceEnded = false;
    if (current != null) {
      l.quotaRetries = 0;
      l.inFlight = current;
    }
    appended++;
    appendedBytes += next.length;
    listener.onAppended(appended, appendedBytes);
  }

  /**
   * Gives the MediaSource the whole stream's length once the seek map knows it (an estimate for
   * streams without an index), so the element can seek past what is loaded: it clamps seeks to
   * the duration, which MSE otherwise grows with the appends. Never below what is appended;
   * {@code +Infinity} (unknown) where the seek map has no duration; {@code endOfStream} sets the
   * exact value.
   */
  private void setDuration() {
    long firstStartUs = C.TIME_UNSET;
    boolean offsetSet = false;
    double produced = Double.NEGATIVE_INFINITY;
    for (Lane l : used) {
      offsetSet |= l.offsetSet;
      produced = Math.max(produced, l.producedUntil);
      if (l.firstStartUs != C.TIME_UNSET) {
        firstStartUs = firstStartUs == C.TIME_UNSET ? l.firstStartUs : Math.min(firstStartUs, l.firstStartUs);
      }
    }
    long durationUs = seekMap == null ? C.TIME_UNSET : seekMap.getDurationUs();
    if (seekMap != null && durationUs <= 0) {
      // Not known (fragments without an index): unknown from the start, never the growing end
      // of what is appended, until a later map or endOfStream gives the real one.
      durationOf = seekMap;
      sink.setDuration(Double.POSITIVE_INFINITY);
      return;
    }
    if (!offsetSet || seekMap == null || firstStartUs == C.TIME_UNSET) {
      return;
    }
    durationOf = seekMap;
    sink.setDuration(Math.max(durationUs / 1e6, produced)); // media time starts at 0
  }

  /** An error the adapter saw (a SourceBuffer {@code error} event, a media element error). */
  public void fail(PlayerException e) {
    if (!failed) {
      failed = true;
      listener.onError(e);
    }
  }

  private void cut(Lane l, boolean end) {
    try {
      if (l.cut(end, loadFrom)) {
        listener.onProduced();
      }
    } catch (PlayerException e) {
      fail(e);
    }
  }

  /**
   * Between the sanitiser and the lanes: every track starts in the fragmented-MP4 lane (which
   * waits for the formats of the tracks it has); one whose format is MP3 moves to its own lane
   * before its first sample. Cuts a lane's segments at its boundaries.
   */
  private final class Router implements ExtractorOutput {
    private final List<Routed> tracks = new ArrayList<>();

    @Override
    public TrackOutput track(int id, TrackType type) {
      for (Routed r : tracks) {
        if (r.id == id) {
          return r;
        }
      }
      Lane lane = lanes[type == TrackType.AUDIO ? AUDIO : VIDEO];
      Routed r = new Routed(id, type, lane);
      tracks.add(r);
      lane.tracks += r.av() ? 1 : 0;
      lane.hasVideo |= type == TrackType.VIDEO;
      return r;
    }

    @Override
    public void endTracks() {
      for (Lane l : lanes) {
        l.remuxer.endTracks();
      }
    }

    @Override
    public void seekMap(SeekMap map) {
      seekMap = map;
      pump(); // the duration may be due
    }

    @Override
    public void drmInitData(List<PsshBox> boxes) {
      lanes[VIDEO].remuxer.drmInitData(boxes);
      lanes[AUDIO].remuxer.drmInitData(boxes);
    }
  }

  /** A track of the stream and the lane it goes to. */
  private final class Routed extends ForwardingTrackOutput {
    final int id;
    final TrackType type;
    Lane lane;
    boolean formatSeen;

    Routed(int id, TrackType type, Lane lane) {
      super(lane.remuxer.track(id, type));
      this.id = id;
      this.type = type;
      this.lane = lane;
    }

    boolean av() {
      return type == TrackType.AUDIO || type == TrackType.VIDEO;
    }

    @Override
    public void format(Format format) {
      if (format.encrypted()) {
        // The element would wait for a key that never comes: say so instead.
        fail(PlayerException.critical(ErrorCode.DRM_NO_KEY_SYSTEM,
            "The media is encrypted and no key system is configured (DRM is not supported yet)",
            "codec", String.valueOf(format.codecString())));
        return;
      }
      if (!formatSeen && "mp3".equals(format.codec()) && lane.remuxer.removeTrack(id)) {
        lane.tracks--;
        lane = lanes[MP3];
        out = lane.remuxer.track(id, type);
        lane.tracks++;
      }
      formatSeen = true;
      out.format(format);
    }

    @Override
    public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
      super.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
      if (lane.boundary(type, flags, dtsUs)) {
        cut(lane, false);
        pump();
      }
    }
  }
}
