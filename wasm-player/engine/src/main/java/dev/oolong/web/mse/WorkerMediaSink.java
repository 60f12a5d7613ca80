package dev.oolong.web.mse;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.msefallback.MediaSink;
import dev.oolong.msefallback.Spans;
import dev.oolong.protocol.MessageType;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A MediaSource made in the engine worker (where the browser allows it): its {@code
 * MediaSourceHandle} goes to the page, which sets it as the element's {@code srcObject}.
 */
public final class WorkerMediaSink implements MediaSink {
  /** What the sink reports to its player. */
  public interface Events {
    void opened();

    void appended();

    void failed(PlayerException e);
  }

  private final MseBindings.MediaSource mediaSource;
  private final Events events;
  /** The SourceBuffers, by number (at most two: the MP4/WebM stream and an MP3 stream). */
  private final MseBindings.SourceBuffer[] buffers = new MseBindings.SourceBuffer[MAX_BUFFERS];
  private boolean open;

  public WorkerMediaSink(int player, Events events) {
    this.events = events;
    this.mediaSource = MseBindings.newMediaSource();
    MseBindings.listen(mediaSource, "sourceopen", e -> {
      open = true;
      events.opened();
    });
    MseBindings.postHandle(MessageType.PLAYER_MEDIA.value, player, mediaSource.getHandle());
  }

  /**
   * What the element can play: the ranges every SourceBuffer holds, as [start0, end0, ...]
   * seconds (empty before the first exists). Read here, current, where the element's copy lags.
   */
  public double[] buffered() {
    double[] out = null;
    for (MseBindings.SourceBuffer sb : buffers) {
      if (sb != null) {
        double[] r = ranges(sb);
        out = out == null ? r : Spans.intersect(out, r);
      }
    }
    return out == null ? new double[0] : out;
  }

  private static double[] ranges(MseBindings.SourceBuffer sb) {
    int n = MseBindings.bufferedCount(sb);
    double[] ranges = new double[2 * n];
    for (int i = 0; i < n; i++) {
      ranges[2 * i] = MseBindings.bufferedStart(sb, i);
      ranges[2 * i + 1] = MseBindings.bufferedEnd(sb, i);
    }
    return ranges;
  }

  @Override
  public boolean isOpen() {
    String state = mediaSource.getReadyState();
    return open && ("open".equals(state) || "ended".equals(state));
  }

  @Override
  public boolean isTypeSupported(String mimeType) {
    return MseBindings.isTypeSupported(mimeType);
  }

  @Override
  public String createBuffer(int buffer, String mimeType) {
    MseBindings.SourceBuffer sb = MseBindings.addSourceBuffer(mediaSource, mimeType);
    if (sb == null) {
      return MseBindings.lastError();
    }
    buffers[buffer] = sb;
    MseBindings.listen(sb, "updateend", e -> events.appended());
    MseBindings.listen(sb, "error", e -> events.failed(PlayerException.critical(
        ErrorCode.MEDIA_SOURCE_FAILED, "The SourceBuffer reported an error while appending",
        "operation", "appendBuffer", "reason", "error event")));
    return null;
  }

  @Override
  public boolean isUpdating(int buffer) {
    return buffers[buffer] != null && buffers[buffer].isUpdating();
  }

  @Override
  public void setDuration(double seconds) {
    mediaSource.setDuration(seconds);
  }

  @Override
  public void setTimestampOffset(int buffer, double seconds) {
    buffers[buffer].setTimestampOffset(seconds);
  }

  @Override
  public String append(int buffer, byte[] segment) {
    return MseBindings.append(buffers[buffer], Int8Array.copyFromJavaArray(segment));
  }

  @Override
  public String remove(int buffer, double startSeconds, double endSeconds) {
    return MseBindings.remove(buffers[buffer], startSeconds, endSeconds);
  }

  @Override
  public void abort(int buffer) {
    buffers[buffer].abort();
  }

  @Override
  public String endOfStream() {
    return MseBindings.endOfStream(mediaSource, null);
  }
}
