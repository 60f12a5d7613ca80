package dev.oolong.web;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.msefallback.MediaSink;
import dev.oolong.protocol.MessageType;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A MediaSource made in the engine worker (where the browser allows it): its {@code
 * MediaSourceHandle} goes to the page, which sets it as the element's {@code srcObject}.
 */
final class WorkerMediaSink implements MediaSink {
  /** What the sink reports to its player. */
  interface Events {
    void opened();

    void appended();

    void failed(PlayerException e);
  }

  private final MseBindings.MediaSource mediaSource;
  private final Events events;
  private MseBindings.SourceBuffer buffer;
  private boolean open;

  WorkerMediaSink(int player, Events events) {
    this.events = events;
    this.mediaSource = MseBindings.newMediaSource();
    MseBindings.listen(mediaSource, "sourceopen", e -> {
      open = true;
      events.opened();
    });
    MseBindings.postHandle(MessageType.PLAYER_MEDIA.value, player, mediaSource.getHandle());
  }

  /** The SourceBuffer's buffered ranges as JSON [start, end, ...] seconds. */
  String bufferedJson() {
    return buffer == null ? "[]" : MseBindings.bufferedJson(buffer);
  }

  /** The SourceBuffer's buffered ranges as [start0, end0, ...] seconds (empty before it exists). */
  double[] buffered() {
    if (buffer == null) {
      return new double[0];
    }
    int n = MseBindings.bufferedCount(buffer);
    double[] ranges = new double[2 * n];
    for (int i = 0; i < n; i++) {
      ranges[2 * i] = MseBindings.bufferedStart(buffer, i);
      ranges[2 * i + 1] = MseBindings.bufferedEnd(buffer, i);
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
  public String createBuffer(String mimeType) {
    buffer = MseBindings.addSourceBuffer(mediaSource, mimeType);
    if (buffer == null) {
      return MseBindings.lastError();
    }
    MseBindings.listen(buffer, "updateend", e -> events.appended());
    MseBindings.listen(buffer, "error", e -> events.failed(PlayerException.critical(
        ErrorCode.MEDIA_SOURCE_FAILED, "The SourceBuffer reported an error while appending",
        "operation", "appendBuffer", "reason", "error event")));
    return null;
  }

  @Override
  public boolean isUpdating() {
    return buffer != null && buffer.isUpdating();
  }

  @Override
  public void setDuration(double seconds) {
    mediaSource.setDuration(seconds);
  }

  @Override
  public void setTimestampOffset(double seconds) {
    buffer.setTimestampOffset(seconds);
  }

  @Override
  public String append(byte[] segment) {
    return MseBindings.append(buffer, Int8Array.copyFromJavaArray(segment));
  }

  @Override
  public String remove(double startSeconds, double endSeconds) {
    return MseBindings.remove(buffer, startSeconds, endSeconds);
  }

  @Override
  public void abort() {
    buffer.abort();
  }

  @Override
  public String endOfStream() {
    return MseBindings.endOfStream(mediaSource, null);
  }
}
