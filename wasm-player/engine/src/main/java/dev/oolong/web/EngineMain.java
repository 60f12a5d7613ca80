package dev.oolong.web;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.Version;
import dev.oolong.media.MediaInfo;
import dev.oolong.player.OutputPath;
import dev.oolong.probe.Prober;
import dev.oolong.protocol.MessageType;
import dev.oolong.protocol.PageMseEvent;
import dev.oolong.protocol.PlayerCommand;
import dev.oolong.web.fetch.FetchDataSource;
import dev.oolong.web.jso.WorkerScope;
import dev.oolong.web.mse.MseBindings;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;

/**
 * The engine worker's entry points. The worker script loads the wasm, calls {@link #main}, then
 * forwards every message from the page to {@link #onMessage}. Entry points never block: work
 * continues from fetch and timer callbacks.
 *
 * <p>The shipped engine ({@code oolong-engine.wasm}) answers probes and runs players. The
 * diagnostics (packet dumps, decode, render and transmux checks, demux benchmarks) are a
 * separate entry, {@code dev.oolong.web.diagnostics.DiagnosticsMain} ({@code
 * oolong-diagnostics.wasm}), for tests and benchmarks: this class never reaches them.
 */
public final class EngineMain {
  /** The engine's one data source (fetch). */
  public static final FetchDataSource DATA_SOURCE = new FetchDataSource();
  /** The worker's timers ({@code setTimeout}), for back-off between attempts of a load. */
  public static final dev.oolong.upstream.Delay DELAY = (ms, task) ->
      dev.oolong.web.webcodecs.WebCodecsBindings.after(ms, ignored -> task.run());
  /** WebCrypto in the worker, for HLS AES-128 segments. */
  public static final dev.oolong.upstream.Cipher CIPHER = new dev.oolong.web.fetch.WebCryptoCipher();
  /** The players by number: {@link MsePlayer}s and {@link CanvasPlayer}s. */
  private static final java.util.Map<Integer, Object> PLAYERS = new java.util.HashMap<>();

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
      } else if (type == MessageType.PLAYER_LOAD) {
        int player = WorkerScope.intField(message, "player");
        destroy(PLAYERS.remove(player));
        String url = WorkerScope.stringField(message, "url");
        Failover.register(player, OutputPath.ofWireName(WorkerScope.stringField(message, "fallback")),
            WorkerScope.intField(message, "rebuilds"), WorkerScope.intField(message, "rebuildBudget"));
        try {
          if ("webcodecs".equals(WorkerScope.stringField(message, "mode"))) {
            CanvasPlayer p = new CanvasPlayer(player, message);
            PLAYERS.put(player, p);
            p.start(DATA_SOURCE, url);
          } else {
            MsePlayer p = new MsePlayer(player, url, DATA_SOURCE);
            PLAYERS.put(player, p);
            p.configure(MseBindings.doubleField(message, "bufferGoal"),
                MseBindings.doubleField(message, "backBuffer"));
            p.startAfter(MseBindings.doubleField(message, "startAfter"), WorkerScope.intField(message, "rebuilds"));
            p.start(WorkerScope.intField(message, "mainThread") == 1);
          }
        } catch (PlayerException e) {
          loadFailed(player, e);
        } catch (RuntimeException e) {
          loadFailed(player, PlayerException.critical(ErrorCode.PLAYER_INTERNAL, "Engine error: " + e,
              "reason", String.valueOf(e)));
        }
      } else if (type == MessageType.PLAYER_CONTROL) {
        Object player = PLAYERS.get(WorkerScope.intField(message, "player"));
        if (player instanceof CanvasPlayer p) {
          p.control(PlayerCommand.of(WorkerScope.intField(message, "op")), MseBindings.doubleField(message, "value"),
              MseBindings.doubleField(message, "value2"));
        } else if (player instanceof MsePlayer p) {
          p.control(PlayerCommand.of(WorkerScope.intField(message, "op")), MseBindings.doubleField(message, "value"));
        }
      } else if (type == MessageType.PLAYER_SEEK) {
        if (PLAYERS.get(WorkerScope.intField(message, "player")) instanceof MsePlayer p) {
          p.onElementEvent(WorkerScope.stringField(message, "event"));
          p.seek(MseBindings.playback(message));
        }
      } else if (type == MessageType.PLAYER_TIME) {
        if (PLAYERS.get(WorkerScope.intField(message, "player")) instanceof MsePlayer p) {
          String event = WorkerScope.stringField(message, "event");
          if ("error".equals(event)) {
            p.elementFailed(WorkerScope.stringField(message, "reason"));
          } else {
            p.onElementEvent(event);
            p.onPlayback(MseBindings.playback(message));
          }
        }
      } else if (type == MessageType.PLAYER_MSE_EVENT) {
        if (PLAYERS.get(WorkerScope.intField(message, "player")) instanceof MsePlayer p) {
          p.onPageEvent(PageMseEvent.of(WorkerScope.intField(message, "event")), WorkerScope.intField(message, "buffer"),
              WorkerScope.stringField(message, "reason"));
        }
      } else if (type == MessageType.PLAYER_DESTROY) {
        int player = WorkerScope.intField(message, "player");
        destroy(PLAYERS.remove(player));
        Failover.forget(player);
      } else {
        // Diagnostic messages (packet dumps, decode checks...) are the diagnostics entry's only.
        replyError(id, PlayerException.critical(ErrorCode.PLAYER_INVALID_ARGUMENT,
            type == null ? "Unknown message type" : "Message " + type + " is not in the shipped engine"
                + " (it is the diagnostics build's, oolong-diagnostics.wasm)",
            "argument", "type", "reason", type == null ? "unknown" : "diagnostics only"));
      }
    } catch (RuntimeException e) {
      replyError(id, PlayerException.critical(ErrorCode.PLAYER_INTERNAL,
          "Engine error: " + e, "reason", String.valueOf(e)));
    }
  }

  /** A load has no request id to answer: the player hears its failure as its error event. */
  private static void loadFailed(int player, PlayerException error) {
    Object p = PLAYERS.remove(player);
    destroy(p);
    Failover.report(player, p instanceof CanvasPlayer ? OutputPath.CANVAS : OutputPath.MSE, error);
  }

  private static void destroy(Object player) {
    if (player instanceof MsePlayer p) {
      p.destroy();
    } else if (player instanceof CanvasPlayer p) {
      p.destroy();
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

  public static void replyError(int id, PlayerException e) {
    WorkerScope.postMessage(WorkerScope.message(MessageType.ERROR.value, id, e.toJson()));
  }
}
