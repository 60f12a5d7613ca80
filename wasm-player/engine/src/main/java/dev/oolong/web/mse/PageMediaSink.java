package dev.oolong.web.mse;

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
public final class PageMediaSink implements MediaSink {
  private final int player;
  private final WorkerMediaSink.Events events;
  private boolean open;
  private final boolean[] updating = new boolean[2];
  private final boolean[] created = new boolean[2];

  public PageMediaSink(int player, WorkerMediaSink.Events events) {
    this.player = player;
    this.events = events;
    command("attach", 0, null, null, 0);
  }

  private void command(String op, int buffer, String mime, byte[] data, double seconds) {
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, op, buffer, mime,
        data == null ? null : Int8Array.copyFromJavaArray(data), seconds);
  }

  /** What the page reports about its MediaSource and SourceBuffer number {@code buffer}. */
  public void onPageEvent(String event, int buffer, String reason) {
    int b = buffer == 1 ? 1 : 0;
    switch (event) {
      case "sourceopen" -> {
        open = true;
        events.opened();
      }
      case "updateend" -> {
        updating[b] = false;
        events.appended();
      }
      case "error" -> {
        updating[b] = false;
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
  public String createBuffer(int buffer, String mimeType) {
    created[buffer] = true;
    command("create", buffer, mimeType, null, 0);
    return null;
  }

  @Override
  public boolean isUpdating(int buffer) {
    return updating[buffer];
  }

  @Override
  public void setDuration(double seconds) {
    command("duration", 0, null, null, seconds);
  }

  @Override
  public void setTimestampOffset(int buffer, double seconds) {
    command("offset", buffer, null, null, seconds);
  }

  @Override
  public String append(int buffer, byte[] segment) {
    updating[buffer] = true;
    command("append", buffer, null, segment, 0);
    return null;
  }

  @Override
  public String remove(int buffer, double startSeconds, double endSeconds) {
    updating[buffer] = true;
    command("remove", buffer, null, null, endSeconds);
    return null; // from 0: the back buffer is always removed from the start
  }

  @Override
  public void abort(int buffer) {
    if (created[buffer]) {
      command("abort", buffer, null, null, 0);
    }
    updating[buffer] = false;
  }

  @Override
  public String endOfStream() {
    command("eos", 0, null, null, 0);
    return null;
  }
}
