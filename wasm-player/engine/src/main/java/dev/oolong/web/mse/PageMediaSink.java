package dev.oolong.web.mse;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.msefallback.MediaSink;
import dev.oolong.protocol.MessageType;
import dev.oolong.protocol.PageMseEvent;
import dev.oolong.protocol.PageMseOp;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A MediaSource on the page's main thread, for browsers without MediaSource in workers: every
 * operation is a message to the page ({@link PageMseOp}), which carries it out on its MediaSource and
 * answers with a {@link PageMseEvent}. What is appended when, and in which
 * order, is still decided here (by the session); the page only executes.
 */
public final class PageMediaSink implements MediaSink {
  private final int player;
  private final WorkerMediaSink.Events events;
  private boolean open;
  private final boolean[] updating = new boolean[MAX_BUFFERS];
  private final boolean[] created = new boolean[MAX_BUFFERS];

  public PageMediaSink(int player, WorkerMediaSink.Events events) {
    this.player = player;
    this.events = events;
    command(PageMseOp.ATTACH, 0, null, null, 0);
  }

  private void command(PageMseOp op, int buffer, String mime, byte[] data, double seconds) {
    MseBindings.postCommand(MessageType.PLAYER_MSE.value, player, op.value, buffer, mime,
        data == null ? null : Int8Array.copyFromJavaArray(data), seconds);
  }

  /** What the page reports about its MediaSource and SourceBuffer number {@code buffer}. */
  public void onPageEvent(PageMseEvent event, int buffer, String reason) {
    int b = buffer >= 0 && buffer < updating.length ? buffer : 0;
    if (event == null) {
      return; // an event of a later version of the page side: ignored
    }
    switch (event) {
      case SOURCE_OPEN -> {
        open = true;
        events.opened();
      }
      case UPDATE_END -> {
        updating[b] = false;
        events.appended();
      }
      case ERROR -> {
        updating[b] = false;
        String message = "The page's MediaSource failed: " + reason;
        events.failed(reason != null && reason.startsWith("NotSupported")
            ? PlayerException.critical(ErrorCode.CODEC_UNSUPPORTED, message, "codec", reason)
            : PlayerException.critical(ErrorCode.MEDIA_SOURCE_FAILED, message, "operation", "page",
                "reason", String.valueOf(reason)));
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
    command(PageMseOp.CREATE, buffer, mimeType, null, 0);
    return null;
  }

  @Override
  public boolean isUpdating(int buffer) {
    return updating[buffer];
  }

  @Override
  public void setDuration(double seconds) {
    command(PageMseOp.DURATION, 0, null, null, seconds);
  }

  @Override
  public void setTimestampOffset(int buffer, double seconds) {
    command(PageMseOp.OFFSET, buffer, null, null, seconds);
  }

  @Override
  public String append(int buffer, byte[] segment) {
    updating[buffer] = true;
    command(PageMseOp.APPEND, buffer, null, segment, 0);
    return null;
  }

  @Override
  public String remove(int buffer, double startSeconds, double endSeconds) {
    updating[buffer] = true;
    command(PageMseOp.REMOVE, buffer, null, null, endSeconds);
    return null; // from 0: the back buffer is always removed from the start
  }

  @Override
  public void abort(int buffer) {
    if (created[buffer]) {
      command(PageMseOp.ABORT, buffer, null, null, 0);
    }
    updating[buffer] = false;
  }

  @Override
  public String endOfStream() {
    command(PageMseOp.END_OF_STREAM, 0, null, null, 0);
    return null;
  }
}
