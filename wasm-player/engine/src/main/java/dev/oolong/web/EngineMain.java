package dev.oolong.web;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.Version;
import dev.oolong.media.MediaInfo;
import dev.oolong.probe.Prober;
import dev.oolong.protocol.MessageType;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;

/**
 * The engine worker's entry points. The worker script loads the wasm, calls {@link #main}, then
 * forwards every message from the page to {@link #onMessage}. Entry points never block: work
 * continues from fetch and timer callbacks.
 */
public final class EngineMain {
  private static final FetchDataSource DATA_SOURCE = new FetchDataSource();

  private EngineMain() {}

  public static void main(String[] args) {
    WorkerScope.postMessage(WorkerScope.readyMessage(MessageType.READY.value, Version.VERSION));
  }

  /** Handles one message from the page. */
  @JSExport
  public static void onMessage(JSObject message) {
    int id = WorkerScope.intField(message, "id");
    MessageType type = MessageType.of(WorkerScope.intField(message, "type"));
    try {
      if (type == MessageType.PROBE) {
        probe(id, WorkerScope.stringField(message, "url"));
      } else {
        replyError(id, PlayerException.critical(ErrorCode.PLAYER_INVALID_ARGUMENT,
            "Unknown message type", "argument", "type", "reason", "unknown"));
      }
    } catch (RuntimeException e) {
      replyError(id, PlayerException.critical(ErrorCode.PLAYER_INTERNAL,
          "Engine error: " + e, "reason", String.valueOf(e)));
    }
  }

  private static void probe(int id, String url) {
    if (url == null || url.isEmpty()) {
      replyError(id, PlayerException.critical(ErrorCode.PLAYER_INVALID_ARGUMENT,
          "probe() needs a URL", "argument", "url", "reason", "missing"));
      return;
    }
    Prober.probe(DATA_SOURCE, url, new Prober.Callback() {
      @Override
      public void onResult(MediaInfo info) {
        WorkerScope.postMessage(WorkerScope.message(MessageType.RESULT.value, id, info.toJson()));
      }

      @Override
      public void onError(PlayerException error) {
        replyError(id, error);
      }
    });
  }

  private static void replyError(int id, PlayerException e) {
    WorkerScope.postMessage(WorkerScope.message(MessageType.ERROR.value, id, e.toJson()));
  }
}
