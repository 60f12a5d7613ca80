package dev.oolong.msefallback;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.ExtractorOutput;
import dev.oolong.extractor.SeekMap;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.Format;
import dev.oolong.media.PsshBox;
import dev.oolong.media.TrackType;
import dev.oolong.timeline.TimelineSanitizer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One playback on the MSE path, independent of the browser: samples from the extractor go
 * through the {@link TimelineSanitizer} into the {@link Fmp4Remuxer}; a media segment is cut
 * before every video key frame (every second for audio alone); segments are appended one
 * operation at a time (the init segment first, {@code timestampOffset} set before the first
 * media segment); {@code endOfStream} follows the last. A seek drops what is queued and starts
 * again from the extractor's seek point. Failures become typed errors through the listener.
 */
public final class MseSession {
  /** Audio alone: a segment per this much media. */
  static final long AUDIO_SEGMENT_US = 1_000_000;

  /** What the session reports. */
  public interface Listener {
    /** A segment went into the SourceBuffer. */
    void onAppended(int segments, long bytes);

    /** The whole stream is in: {@code endOfStream} was called. */
    void onEndOfStream();

    void onError(PlayerException error);

    /** A segment was cut: {@link #producedUntil()} moved on. */
    default void onProduced() {}
  }

  private final MediaSink sink;
  private final Listener listener;
  private final Fmp4Remuxer remuxer = new Fmp4Remuxer();
  private final TimelineSanitizer sanitizer;
  /**
   * A media segment, the time its first sample is presented (for generated timestamps) and how
   * far the media reaches once it is in (element seconds; see {@link #producedUntil}).
   */
  private record Segment(byte[] bytes, long startUs, double from, double until) {}

  private final ArrayDeque<Segment> queue = new ArrayDeque<>();
  private byte[] init;
  private boolean bufferCreated;
  private boolean offsetSet;
  private boolean durationSet;
  /** The presentation time of the stream's first sample (the first segment's start). */
  private long firstStartUs = dev.oolong.C.TIME_UNSET;
  private boolean inputEnded;
  private boolean ended;
  /**
   * Whether the MediaSource is in its "ended" state: {@code endOfStream} was called and no
   * append or removal has re-opened it since (a seek does not).
   */
  private boolean sourceEnded;
  private boolean failed;
  private SeekMap seekMap;
  private long lastCutUs = Long.MIN_VALUE;
  private double producedUntil = Double.NEGATIVE_INFINITY;
  private double streamEnd = Double.NaN;
  /** Where the extraction was last started or moved to (element seconds). */
  private double loadFrom;
  /** Whether a segment was cut since then. */
  private boolean loadProduced;
  /** The segment being appended, recorded in {@link #record} once the append completes. */
  private Segment inFlight;
  private final Spans record = new Spans();
  private int appended;
  private long appendedBytes;
  private double currentTime;
  private double evictBefore = -1;
  private Segment retry;
  private int quotaRetries;
  private int evictions;
  /** Appends refused for quota that may be retried (after evicting) before it is an error. */
  static final int MAX_QUOTA_RETRIES = 3;

  public MseSession(MediaSink sink, Listener listener) {
    this.sink = sink;
    this.listener = listener;
    this.sanitizer = new TimelineSanitizer(new Cutter(), TimelineSanitizer.DEFAULT_MAX_JUMP_US);
  }

  /** Where the extractor's output goes. */
  public ExtractorOutput output() {
    return sanitizer;
  }

  /** The extractor's seek map, once it has sent one. */
  public SeekMap seekMap() {
    return seekMap;
  }

  /** The SourceBuffer's MIME type (codecs included), once known. */
  public String mimeType() {
    return bufferCreated ? remuxer.mimeType() : null;
  }

  /**
   * How far (element seconds) the media cut into segments reaches since the extraction last
   * started or moved; negative infinity before the first segment.
   */
  public double producedUntil() {
    return producedUntil;
  }

  /**
   * What has gone into the SourceBuffer (appends completed, less what was removed), in element
   * seconds. The first segment of each load counts from where the load was asked to start when
   * it starts later (the media in between is not in the stream: the start of an MPEG-TS, a seek
   * that lands after its target).
   */
  public Spans appended() {
    return record;
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
    return !queue.isEmpty() || inFlight != null || retry != null;
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
      evictBefore = Math.max(evictBefore, seconds);
      pump();
    }
  }

  /** Removals made so far (back buffer, quota). */
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
    return remuxer.silentFrames();
  }

  /** The extraction ended: what is left goes out, then {@code endOfStream}. */
  public void inputEnded() {
    inputEnded = true;
    cut(true);
    if (!Double.isInfinite(producedUntil)) {
      streamEnd = producedUntil;
    }
    pump();
  }

  /**
   * A seek: queued segments go; the append in progress is abandoned. The extraction moves to the
   * seek point for {@code targetSeconds} (element seconds).
   */
  public void seek(double targetSeconds) {
    queue.clear();
    retry = null;
    inFlight = null;
    loadFrom = targetSeconds;
    loadProduced = false;
    remuxer.reset();
    sanitizer.reset();
    inputEnded = false;
    ended = false;
    lastCutUs = Long.MIN_VALUE;
    producedUntil = Double.NEGATIVE_INFINITY;
    if (bufferCreated && remuxer.rawMpegAudio()) {
      offsetSet = false; // generated timestamps start again from the seek point
    }
    if (bufferCreated && sink.isUpdating()) {
      sink.abort();
    }
  }

  /** The MediaSource opened, or an append finished: carry on. */
  public void pump() {
    if (failed || !sink.isOpen()) {
      return;
    }
    try {
      if (!bufferCreated) {
        if (!remuxer.ready()) {
          return;
        }
        String mime = remuxer.mimeType();
        if (!sink.isTypeSupported(mime)) {
          throw PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED,
              "The browser cannot play " + mime + " through MSE", "codec", mime);
        }
        String error = sink.createBuffer(mime);
        if (error != null) {
          throw PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
              "addSourceBuffer(" + mime + ") failed: " + error, "operation", "addSourceBuffer",
              "reason", error);
        }
        bufferCreated = true;
        init = remuxer.initSegment(); // null for an MPEG audio stream
      }
      if (sink.isUpdating()) {
        return;
      }
      if (inFlight != null) {
        record.add(inFlight.from(), inFlight.until());
        inFlight = null;
      }
      setDuration();
      if (evictBefore > 0) {
        double before = evictBefore;
        evictBefore = -1;
        String error = sink.remove(0, before);
        sourceEnded = false;
        if (error != null) {
          throw PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
              "remove(0, " + before + ") failed: " + error, "operation", "remove", "reason", error);
        }
        evictions++;
        record.removeBefore(before);
        // A removal re-opens an ended MediaSource (MSE spec): end it again once it completes.
        ended = false;
        return; // the next operation waits for this one
      }
      byte[] next;
      Segment current = null;
      if (init != null) {
        next = init;
        init = null;
      } else if (retry != null || !queue.isEmpty()) {
        Segment segment = retry != null ? retry : queue.poll();
        retry = null;
        current = segment;
        if (!offsetSet) {
          // fMP4 carries its times: the offset only undoes the time base. An MPEG audio stream
          // has none: the browser counts from the offset, set to where the frames start.
          sink.setTimestampOffset(remuxer.rawMpegAudio() ? segment.startUs() / 1e6
              : -remuxer.timeOffsetUs() / 1e6);
          offsetSet = true;
        }
        next = segment.bytes();
      } else {
        if (inputEnded && !ended && sourceEnded) {
          ended = true; // a load that added nothing (a seek to the end): it is ended already
        } else if (inputEnded && !ended) {
          ended = true;
          sourceEnded = true;
          String error = sink.endOfStream();
          if (error != null) {
            throw PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
                "endOfStream() failed: " + error, "operation", "endOfStream", "reason", error);
          }
          listener.onEndOfStream();
        }
        return;
      }
      String error = sink.append(next);
      sourceEnded &= error != null;
      if (error != null && error.startsWith("QuotaExceededError") && current != null
          && quotaRetries < MAX_QUOTA_RETRIES && currentTime > 1) {
        // The buffer is full: free what is behind the playhead, then append the same segment.
        quotaRetries++;
        retry = current;
        evictBefore = Math.max(evictBefore, currentTime - 1);
        pump();
        return;
      }
      if (error != null) {
        throw PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED,
            "appendBuffer failed: " + error, "operation", "appendBuffer", "reason", error);
      }
      if (current != null) {
        quotaRetries = 0;
        inFlight = current;
      }
      appended++;
      appendedBytes += next.length;
      listener.onAppended(appended, appendedBytes);
    } catch (PlayerException e) {
      fail(e);
    }
  }

  /**
   * Gives the MediaSource the whole stream's length once the seek map knows it (an estimate for
   * streams without an index), so the element can seek past what is loaded: it clamps seeks to
   * the duration, which MSE otherwise grows with the appends. Never below what is appended;
   * {@code endOfStream} sets the exact value.
   */
  private void setDuration() {
    if (durationSet || !offsetSet || seekMap == null || firstStartUs == dev.oolong.C.TIME_UNSET
        || seekMap.getDurationUs() <= 0 || seekMap.getDurationUs() == dev.oolong.C.TIME_UNSET) {
      return;
    }
    durationSet = true;
    double seconds = (Math.max(0, firstStartUs) + seekMap.getDurationUs()) / 1e6;
    sink.setDuration(Math.max(seconds, producedUntil));
  }

  /** An error the adapter saw (a SourceBuffer {@code error} event, a media element error). */
  public void fail(PlayerException e) {
    if (!failed) {
      failed = true;
      listener.onError(e);
    }
  }

  private void cut(boolean end) {
    try {
      if (!remuxer.ready()) {
        return;
      }
      long start = remuxer.nextSegmentStartUs();
      byte[] segment = remuxer.segment(end);
      if (segment != null) {
        if (firstStartUs == dev.oolong.C.TIME_UNSET) {
          firstStartUs = start;
        }
        long next = remuxer.nextSegmentStartUs();
        if (next == dev.oolong.C.TIME_UNSET) {
          next = remuxer.writtenUntilUs(); // the last segment: nothing starts after it
        }
        if (next != dev.oolong.C.TIME_UNSET) {
          producedUntil = Math.max(producedUntil, next / 1e6);
        }
        double from = loadProduced ? start / 1e6 : Math.min(start / 1e6, loadFrom);
        loadProduced = true;
        queue.add(new Segment(segment, start, from, producedUntil));
        listener.onProduced();
      }
    } catch (PlayerException e) {
      fail(e);
    }
  }

  /** Between the sanitiser and the remuxer: cuts segments at key frames. */
  private final class Cutter implements ExtractorOutput {
    private boolean hasVideo;

    @Override
    public TrackOutput track(int id, TrackType type) {
      hasVideo |= type == TrackType.VIDEO;
      TrackOutput inner = remuxer.track(id, type);
      return new TrackOutput() {
        @Override
        public void format(Format format) {
          inner.format(format);
        }

        @Override
        public void sampleData(byte[] data, int offset, int length) {
          inner.sampleData(data, offset, length);
        }

        @Override
        public void sampleMetadata(long ptsUs, long dtsUs, int flags, int size, CryptoData crypto) {
          inner.sampleMetadata(ptsUs, dtsUs, flags, size, crypto);
          boolean boundary = hasVideo
              ? type == TrackType.VIDEO && (flags & FLAG_KEY_FRAME) != 0
              : lastCutUs == Long.MIN_VALUE || dtsUs - lastCutUs >= AUDIO_SEGMENT_US;
          if (boundary) {
            lastCutUs = dtsUs;
            cut(false);
            pump();
          }
        }
      };
    }

    @Override
    public void endTracks() {
      remuxer.endTracks();
    }

    @Override
    public void seekMap(SeekMap map) {
      seekMap = map;
      pump(); // the duration may be due
    }

    @Override
    public void drmInitData(List<PsshBox> boxes) {
      remuxer.drmInitData(boxes);
    }
  }
}
