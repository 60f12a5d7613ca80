package dev.oolong.msefallback;

import dev.oolong.C;
import dev.oolong.PlayerException;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import java.util.ArrayDeque;

/**
 * One byte stream of a {@link MseSession} and the SourceBuffer it goes to: its remuxer, the
 * segments cut and not yet appended, and the record of what went in. A stream has a lane for its
 * video and one for its audio (fragmented MP4 or WebM), and one for MP3, which Chromium takes only
 * as {@code audio/mpeg}.
 */
final class Lane {
  /**
   * A media segment, the time its first sample is presented (for generated timestamps), and
   * the span it is recorded as once appended (element seconds; see {@link MseSession#appended}).
   */
  record Segment(byte[] bytes, long startUs, double from, double until) {}

  final Fmp4Remuxer remuxer = new Fmp4Remuxer();
  final ArrayDeque<Segment> queue = new ArrayDeque<>();
  final Spans record = new Spans();
  /** The SourceBuffer's number once it is made, else -1. */
  int buffer = -1;
  /** Audio and video tracks routed here. */
  int tracks;
  /** Cut before video key frames (else every {@link MseSession#AUDIO_SEGMENT_US}). */
  boolean hasVideo;
  byte[] init;
  boolean offsetSet;
  long lastCutUs = Long.MIN_VALUE;
  double producedUntil = Double.NEGATIVE_INFINITY;
  /** Whether a segment was cut since the extraction last started or moved. */
  boolean loadProduced;
  /** The segment being appended, recorded once the append completes. */
  Segment inFlight;
  /** A segment refused for quota, appended again after evicting. */
  Segment retry;
  int quotaRetries;
  /** What to remove from the start of the buffer before the next append (seconds), or -1. */
  double evictBefore = -1;
  /** The presentation time of the first segment's first sample. */
  long firstStartUs = C.TIME_UNSET;

  /** Whether a segment boundary falls at this sample (noted as the last cut when it does). */
  boolean boundary(TrackType type, int flags, long dtsUs) {
    boolean cut = hasVideo
        ? type == TrackType.VIDEO && (flags & TrackOutput.FLAG_KEY_FRAME) != 0
        : lastCutUs == Long.MIN_VALUE || dtsUs - lastCutUs >= MseSession.AUDIO_SEGMENT_US;
    if (cut) {
      lastCutUs = dtsUs;
    }
    return cut;
  }

  /**
   * Cuts what is queued in the remuxer into a segment (all of it when {@code end}); whether one
   * was made. The first segment of a load is recorded from {@code loadFrom} when it starts later.
   */
  boolean cut(boolean end, double loadFrom) throws PlayerException {
    if (!remuxer.ready()) {
      return false;
    }
    long start = remuxer.nextSegmentStartUs();
    byte[] segment = remuxer.segment(end);
    if (segment == null) {
      return false;
    }
    if (firstStartUs == C.TIME_UNSET) {
      firstStartUs = start;
    }
    long next = remuxer.nextSegmentStartUs();
    if (next == C.TIME_UNSET) {
      next = remuxer.writtenUntilUs(); // the last segment: nothing starts after it
    }
    if (next != C.TIME_UNSET) {
      producedUntil = Math.max(producedUntil, next / 1e6);
    }
    double from = loadProduced ? start / 1e6 : Math.min(start / 1e6, loadFrom);
    loadProduced = true;
    queue.add(new Segment(segment, start, from, producedUntil));
    return true;
  }

  /** Segments cut and not yet in (queued, being appended, or to be tried again). */
  boolean pending() {
    return !queue.isEmpty() || inFlight != null || retry != null;
  }

  /** Nothing left to append. */
  boolean drained() {
    return init == null && queue.isEmpty() && retry == null;
  }

  /** A seek: what is queued goes, the append in progress is abandoned. */
  void reset(MediaSink sink) {
    queue.clear();
    retry = null;
    inFlight = null;
    loadProduced = false;
    remuxer.reset();
    lastCutUs = Long.MIN_VALUE;
    producedUntil = Double.NEGATIVE_INFINITY;
    if (buffer >= 0 && remuxer.rawMpegAudio()) {
      offsetSet = false; // generated timestamps start again from the seek point
    }
    if (buffer >= 0 && sink.isUpdating(buffer)) {
      sink.abort(buffer);
    }
  }
}
