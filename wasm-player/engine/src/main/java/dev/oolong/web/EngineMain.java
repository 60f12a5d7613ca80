package dev.oolong.web;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.Version;
import dev.oolong.extractor.Diagnostics;
import dev.oolong.extractor.ExtractionLoader;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.media.MediaInfo;
import dev.oolong.player.OutputPath;
import dev.oolong.probe.Prober;
import dev.oolong.protocol.MessageType;
import dev.oolong.protocol.PlayerCommand;
import dev.oolong.upstream.RangeReader;
import dev.oolong.util.Json;
import dev.oolong.web.diagnostics.AudioDecodeCheck;
import dev.oolong.web.diagnostics.CanvasRenderCheck;
import dev.oolong.web.diagnostics.DecodeCheck;
import dev.oolong.web.diagnostics.TransmuxCheck;
import dev.oolong.web.fetch.FetchDataSource;
import dev.oolong.web.jso.WorkerScope;
import dev.oolong.web.mse.MseBindings;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;

/**
 * The engine worker's entry points. The worker script loads the wasm, calls {@link #main}, then
 * forwards every message from the page to {@link #onMessage}. Entry points never block: work
 * continues from fetch and timer callbacks.
 */
public final class EngineMain {
  private static final FetchDataSource DATA_SOURCE = new FetchDataSource();
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
      } else if (type == MessageType.DEMUX) {
        demux(id, WorkerScope.stringField(message, "url"));
      } else if (type == MessageType.DEMUX_BENCHMARK) {
        benchmark(id, WorkerScope.stringField(message, "url"),
            Math.max(1, WorkerScope.intField(message, "iterations")));
      } else if (type == MessageType.TRANSMUX) {
        TransmuxCheck.run(id, WorkerScope.objectField(message, "data"));
      } else if (type == MessageType.DECODE_VIDEO) {
        DecodeCheck.run(id, WorkerScope.stringField(message, "url"),
            WorkerScope.intField(message, "frames"), DATA_SOURCE);
      } else if (type == MessageType.DECODE_AUDIO) {
        AudioDecodeCheck.run(id, WorkerScope.stringField(message, "url"), DATA_SOURCE);
      } else if (type == MessageType.RENDER_VIDEO) {
        CanvasRenderCheck.run(id, WorkerScope.stringField(message, "url"),
            WorkerScope.objectField(message, "canvas"), DATA_SOURCE);
      } else if (type == MessageType.PLAYER_LOAD) {
        int player = WorkerScope.intField(message, "player");
        destroy(PLAYERS.remove(player));
        String url = WorkerScope.stringField(message, "url");
        Failover.register(player, OutputPath.ofWireName(WorkerScope.stringField(message, "fallback")));
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
            p.start(WorkerScope.intField(message, "mainThread") == 1);
          }
        } catch (PlayerException e) {
          loadFailed(player, e);
        } catch (RuntimeException e) {
          loadFailed(player, PlayerException.critical(ErrorCode.PLAYER_INTERNAL, "Engine error: " + e,
              "reason", String.valueOf(e)));
        }
      } else if (type == MessageType.PLAYER_CONTROL) {
        if (PLAYERS.get(WorkerScope.intField(message, "player")) instanceof CanvasPlayer p) {
          p.control(PlayerCommand.of(WorkerScope.intField(message, "op")), MseBindings.doubleField(message, "value"),
              MseBindings.doubleField(message, "value2"));
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
          p.onPageEvent(WorkerScope.stringField(message, "event"), WorkerScope.intField(message, "buffer"),
              WorkerScope.stringField(message, "reason"));
        }
      } else if (type == MessageType.PLAYER_DESTROY) {
        int player = WorkerScope.intField(message, "player");
        destroy(PLAYERS.remove(player));
        Failover.forget(player);
      } else {
        replyError(id, PlayerException.critical(ErrorCode.PLAYER_INVALID_ARGUMENT,
            "Unknown message type", "argument", "type", "reason", "unknown"));
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

  private static void demux(int id, String url) {
    PacketRecorder recorder = new PacketRecorder();
    double start = WorkerScope.now();
    new ExtractionLoader(DATA_SOURCE, url, recorder, new ExtractionLoader.Callback() {
      @Override
      public void onEnd() {
        String json = Diagnostics.summary(recorder, WorkerScope.now() - start);
        WorkerScope.postMessage(WorkerScope.message(MessageType.RESULT.value, id, json));
      }

      @Override
      public void onError(PlayerException error) {
        replyError(id, error);
      }
    }).start();
  }

  /** The last benchmark input (URL and bytes): a second run on it times no download. */
  private static String benchmarkUrl;
  private static byte[] benchmarkData;

  /**
   * Loads the file into memory (once per URL: the warm-up run loads it, the timed run reuses
   * it), then times {@code iterations} extractions of it.
   */
  private static void benchmark(int id, String url, int iterations) {
    if (url != null && url.equals(benchmarkUrl)) {
      runBenchmark(id, benchmarkData, iterations);
      return;
    }
    RangeReader.read(DATA_SOURCE, url, 0, 1, new RangeReader.Callback() {
      @Override
      public void onResult(RangeReader.Result head) {
        long total = head.totalLength();
        if (total <= 0 || total > 256L * 1024 * 1024) {
          replyError(id, PlayerException.critical(ErrorCode.PLAYER_INVALID_ARGUMENT,
              "Benchmark input must have a known size up to 256 MiB", "argument", "url",
              "reason", "size " + total));
          return;
        }
        RangeReader.read(DATA_SOURCE, url, 0, (int) total, new RangeReader.Callback() {
          @Override
          public void onResult(RangeReader.Result all) {
            benchmarkUrl = url;
            benchmarkData = all.data();
            runBenchmark(id, all.data(), iterations);
          }

          @Override
          public void onError(PlayerException error) {
            replyError(id, error);
          }
        });
      }

      @Override
      public void onError(PlayerException error) {
        replyError(id, error);
      }
    });
  }

  private static void runBenchmark(int id, byte[] data, int iterations) {
    try {
      double start = WorkerScope.now();
      long packets = 0;
      for (int i = 0; i < iterations; i++) {
        packets += Diagnostics.extractOnce(data).packets;
      }
      double ms = WorkerScope.now() - start;
      double mb = (double) data.length * iterations / 1e6;
      String json = Json.object().put("bytes", data.length).put("iterations", iterations)
          .put("packets", packets).put("ms", ms)
          .put("mbPerSecond", mb / (ms / 1000)).toString();
      WorkerScope.postMessage(WorkerScope.message(MessageType.RESULT.value, id, json));
    } catch (PlayerException e) {
      replyError(id, e);
    }
  }

  public static void replyError(int id, PlayerException e) {
    WorkerScope.postMessage(WorkerScope.message(MessageType.ERROR.value, id, e.toJson()));
  }
}
