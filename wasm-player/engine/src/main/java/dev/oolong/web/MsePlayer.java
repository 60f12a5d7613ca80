package dev.oolong.web;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.ExtractionLoader;
import dev.oolong.extractor.SeekMap;
import dev.oolong.msefallback.MediaSink;
import dev.oolong.msefallback.MseSession;
import dev.oolong.protocol.MessageType;
import dev.oolong.upstream.DataSource;
import dev.oolong.util.Json;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A player on the MSE path inside the engine worker: a MediaSource made here (its handle goes to
 * the page, which attaches it to the media element), fed by an {@link MseSession}. This class
 * only adapts the browser's MSE objects to {@link MediaSink} and carries messages.
 */
final class MsePlayer implements MediaSink, MseSession.Listener {
  private final int id;
  private final String url;
  private final DataSource source;
  private final MseSession session;
  private MseBindings.MediaSource mediaSource;
  private MseBindings.SourceBuffer buffer;
  private ExtractionLoader loader;
  private boolean open;
  private boolean destroyed;
  private int retries;

  MsePlayer(int id, String url, DataSource source) {
    this.id = id;
    this.url = url;
    this.source = source;
    this.session = new MseSession(this, this);
  }

  void start() {
    if (!MseBindings.workerMseSupported()) {
      onError(PlayerException.critical(ErrorCode.MEDIA_SOURCE_UNAVAILABLE,
          "This browser cannot use MediaSource in a worker", "reason", "no MediaSource in workers"));
      return;
    }
    mediaSource = MseBindings.newMediaSource();
    MseBindings.listen(mediaSource, "sourceopen", e -> {
      open = true;
      session.pump();
    });
    MseBindings.postHandle(MessageType.PLAYER_MEDIA.value, id, mediaSource.getHandle());
    load();
  }

  private void load() {
    loader = new ExtractionLoader(source, url, session.output(), new ExtractionLoader.Callback() {
      @Override
      public void onEnd() {
        if (!destroyed) {
          session.inputEnded();
        }
      }

      @Override
      public void onError(PlayerException error) {
        session.fail(error);
      }

      @Override
      public void onRetry(PlayerException error) {
        retries++;
        postStats();
      }
    });
    loader.start();
  }

  /**
   * The element is seeking to {@code seconds} (media time = source time). When the target is
   * buffered already, or everything has been loaded, MSE seeks in its buffer and the download
   * goes on; otherwise the extraction moves to the seek point before the target.
   */
  void seek(double seconds, boolean buffered) {
    SeekMap map = session.seekMap();
    if (destroyed || buffered || map == null || !map.isSeekable() || loader == null
        || loader.isDone()) {
      return;
    }
    session.seek();
    loader.seekTo(map.getSeekPoint((long) (seconds * 1e6)));
  }

  void destroy() {
    destroyed = true;
    if (loader != null) {
      loader.cancel();
    }
  }

  // --- MediaSink

  @Override
  public boolean isOpen() {
    return open && !destroyed && "open".equals(mediaSource.getReadyState())
        || open && !destroyed && "ended".equals(mediaSource.getReadyState());
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
    MseBindings.listen(buffer, "updateend", e -> {
      postStats();
      session.pump();
    });
    MseBindings.listen(buffer, "error", e -> session.fail(PlayerException.critical(
        ErrorCode.MEDIA_SOURCE_FAILED, "The SourceBuffer reported an error while appending",
        "operation", "appendBuffer", "reason", "error event")));
    return null;
  }

  @Override
  public boolean isUpdating() {
    return buffer != null && buffer.isUpdating();
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
  public void abort() {
    buffer.abort();
  }

  @Override
  public String endOfStream() {
    return MseBindings.endOfStream(mediaSource, null);
  }

  // --- MseSession.Listener

  @Override
  public void onAppended(int segments, long bytes) {}

  private void postStats() {
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id, Json.object().put("event", "stats")
        .put("mimeType", session.mimeType() == null ? "" : session.mimeType())
        .put("segmentsAppended", session.segmentsAppended())
        .put("bytesAppended", session.bytesAppended())
        .put("silentFrames", session.silentFrames())
        .put("retries", retries)
        .putRaw("buffered", buffer == null ? "[]" : MseBindings.bufferedJson(buffer)).toString());
  }

  @Override
  public void onEndOfStream() {
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id,
        Json.object().put("event", "endOfStream").toString());
  }

  @Override
  public void onError(PlayerException error) {
    if (loader != null) {
      loader.cancel();
    }
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id,
        Json.object().put("event", "error").putRaw("error", error.toJson()).toString());
  }
}
