package dev.oolong.web;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.msefallback.MediaSink;
import dev.oolong.protocol.MessageType;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A MediaSource on the page's main thread, for browsers without MediaSource in workers: every
 * operation is a message to the page, which carries it out on its MediaSource and answers with
 * {@code sourceopen}, {@code updateend} or {@code error}. What is appended when, and in which
 * order, is still decided here (by the session); the page only executes.
 */
final class PageMediaSink implements MediaSink {
  private final int player;
  private final WorkerMediaSink.Events events;
  private boolean open;
  private boolean updating;
  private boolean created;

  PageMediaSink(int player, WorkerMediaSink.Events events) {
    this.player = player;
    this.events = events;
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, "attach", null, null, 0);
  }

  /** What the page reports about its MediaSource. */
  void onPageEvent(String event, String reason) {
    switch (event) {
      case "sourceopen" -> {
        open = true;
        events.opened();
      }
      case "updateend" -> {
        updating = false;
        events.appended();
      }
      case "error" -> {
        updating = false;
        String message = "The page's MediaSource failed: " + reason;
        events.failed(reason != null && reason.startsWith("NotSupported")
            ? PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED, message, "codec", reason)
            : PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED, message, "operation", "page",
                "reason", String.valueOf(reason)));
      }
      default -> {
        // an event of a later version of the page side: ignored
      }
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isTypeSupported(String mimeType) {
    return true; // asked on the page when the buffer is made; a refusal comes back as an error
  }

  @Override
  public String createBuffer(String mimeType) {
    created = true;
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, "create", mimeType, null, 0);
    return null;
  }

  @Override
  public boolean isUpdating() {
    return updating;
  }

  @Override
  public void setDuration(double seconds) {
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, "duration", null, null, seconds);
  }

  @Override
  public void setTimestampOffset(double seconds) {
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, "offset", null, null, seconds);
  }

  @Override
  public String append(byte[] segment) {
    updating = true;
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, "append", null,
        Int8Array.copyFromJavaArray(segment), 0);
    return null;
  }

  @Override
  public String remove(double startSeconds, double endSeconds) {
    updating = true;
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, "remove", null, null, endSeconds);
    return null; // from 0: the back buffer is always removed from the start
  }

  @Override
  public void abort() {
    if (created) {
      MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, "abort", null, null, 0);
    }
    updating = false;
  }

  @Override
  public String endOfStream() {
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, "eos", null, null, 0);
    return null;
  }
}
