package dev.oolong.web;

import dev.oolong.PlayerException;
import dev.oolong.extractor.ExtractionLoader;
import dev.oolong.extractor.SeekMap;
import dev.oolong.msefallback.MediaSink;
import dev.oolong.msefallback.MseSession;
import dev.oolong.protocol.MessageType;
import dev.oolong.upstream.DataSource;
import dev.oolong.util.Json;

/**
 * A player on the MSE path inside the engine worker: the loader feeds an {@link MseSession},
 * whose {@link MediaSink} is a MediaSource in this worker ({@link WorkerMediaSink}) or, where
 * workers have none, on the page ({@link PageMediaSink}). This class only wires them and carries
 * messages.
 */
final class MsePlayer implements MseSession.Listener, WorkerMediaSink.Events {
  private final int id;
  private final String url;
  private final DataSource source;
  private MediaSink sink;
  private MseSession session;
  private ExtractionLoader loader;
  private boolean destroyed;
  private int retries;
  /** Seconds of media kept behind the playhead. */
  private double backBuffer = 30;
  private double evictedTo;

  MsePlayer(int id, String url, DataSource source) {
    this.id = id;
    this.url = url;
    this.source = source;
  }

  /**
   * Starts: the MediaSource lives in this worker where the browser allows it (or unless the page
   * asks for the main thread), else on the page, driven by messages.
   */
  /** The back-buffer limit in seconds (a value <= 0 keeps the default). */
  void configure(double back) {
    if (back > 0) {
      backBuffer = back;
    }
  }

  /**
   * The element's position moved: what lies further back than the back-buffer limit is removed
   * (and, should the buffer be full, what lies behind the playhead).
   */
  void onTime(double seconds) {
    if (session == null || destroyed) {
      return;
    }
    session.setCurrentTime(seconds);
    if (seconds - backBuffer > evictedTo + 1) {
      evictedTo = seconds - backBuffer;
      session.evict(evictedTo);
    }
  }

  void start(boolean mainThread) {
    boolean inWorker = !mainThread && MseBindings.workerMseSupported();
    sink = inWorker ? new WorkerMediaSink(id, this) : new PageMediaSink(id, this);
    session = new MseSession(sink, this);
    load();
  }

  /** An event of the page's MediaSource (main-thread MSE). */
  void onPageEvent(String event, String reason) {
    if (sink instanceof PageMediaSink page && !destroyed) {
      page.onPageEvent(event, reason);
    }
  }

  @Override
  public void opened() {
    session.pump();
  }

  @Override
  public void appended() {
    postStats();
    session.pump();
  }

  @Override
  public void failed(PlayerException e) {
    session.fail(e);
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
    SeekMap map = session == null ? null : session.seekMap();
    if (destroyed || session == null || buffered || map == null || !map.isSeekable()
        || loader == null || loader.isDone()) {
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

  // --- MseSession.Listener

  @Override
  public void onAppended(int segments, long bytes) {}

  private void postStats() {
    if (session == null) {
      return;
    }
    MseBindings.postEvent(MessageType.PLAYER_EVENT.value, id, Json.object().put("event", "stats")
        .put("mimeType", session.mimeType() == null ? "" : session.mimeType())
        .put("segmentsAppended", session.segmentsAppended())
        .put("bytesAppended", session.bytesAppended())
        .put("silentFrames", session.silentFrames())
        .put("retries", retries)
        .put("evictions", session.evictions())
        .put("loading", loader != null && !loader.isDone())
        .putRaw("buffered", sink instanceof WorkerMediaSink w ? w.bufferedJson() : "[]").toString());
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
