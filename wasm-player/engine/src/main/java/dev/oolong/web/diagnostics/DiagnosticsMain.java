package dev.oolong.web.diagnostics;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.extractor.Diagnostics;
import dev.oolong.extractor.ExtractionLoader;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.protocol.MessageType;
import dev.oolong.upstream.RangeReader;
import dev.oolong.util.Json;
import dev.oolong.web.EngineMain;
import dev.oolong.web.jso.WorkerScope;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;

/**
 * The diagnostics entry ({@code oolong-diagnostics.wasm}), for tests and benchmarks only: the
 * whole engine plus packet dumps ({@code DEMUX}), demux benchmarks, and the WebCodecs decode,
 * canvas render and transmux checks. The shipped engine ({@link EngineMain}) has none of them.
 * Every other message goes to the engine as it would in the shipped build.
 */
public final class DiagnosticsMain {
  private DiagnosticsMain() {}

  public static void main(String[] args) {
    EngineMain.main(args);
  }

  /** Handles one message from the page: a diagnostic, or the engine's. */
  @JSExport
  public static void onMessage(JSObject message) {
    int id = WorkerScope.intField(message, "id");
    MessageType type = MessageType.of(WorkerScope.intField(message, "type"));
    if (type == null) {
      EngineMain.onMessage(message);
      return;
    }
    try {
      switch (type) {
        case DEMUX -> demux(id, WorkerScope.stringField(message, "url"));
        case DEMUX_BENCHMARK -> benchmark(id, WorkerScope.stringField(message, "url"),
            Math.max(1, WorkerScope.intField(message, "iterations")));
        case TRANSMUX -> TransmuxCheck.run(id, WorkerScope.objectField(message, "data"));
        case DECODE_VIDEO -> DecodeCheck.run(id, WorkerScope.stringField(message, "url"),
            WorkerScope.intField(message, "frames"), EngineMain.DATA_SOURCE);
        case DECODE_AUDIO -> AudioDecodeCheck.run(id, WorkerScope.stringField(message, "url"), EngineMain.DATA_SOURCE);
        case RENDER_VIDEO -> CanvasRenderCheck.run(id, WorkerScope.stringField(message, "url"),
            WorkerScope.objectField(message, "canvas"), EngineMain.DATA_SOURCE);
        default -> EngineMain.onMessage(message);
      }
    } catch (RuntimeException e) {
      EngineMain.replyError(id, PlayerException.critical(ErrorCode.PLAYER_INTERNAL,
          "Engine error: " + e, "reason", String.valueOf(e)));
    }
  }

  private static void demux(int id, String url) {
    PacketRecorder recorder = new PacketRecorder();
    double start = WorkerScope.now();
    new ExtractionLoader(EngineMain.DATA_SOURCE, url, recorder, new ExtractionLoader.Callback() {
      @Override
      public void onEnd() {
        String json = Diagnostics.summary(recorder, WorkerScope.now() - start);
        WorkerScope.postMessage(WorkerScope.message(MessageType.RESULT.value, id, json));
      }

      @Override
      public void onError(PlayerException error) {
        EngineMain.replyError(id, error);
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
    RangeReader.read(EngineMain.DATA_SOURCE, url, 0, 1, new RangeReader.Callback() {
      @Override
      public void onResult(RangeReader.Result head) {
        long total = head.totalLength();
        if (total <= 0 || total > 256L * 1024 * 1024) {
          EngineMain.replyError(id, PlayerException.critical(ErrorCode.PLAYER_INVALID_ARGUMENT,
              "Benchmark input must have a known size up to 256 MiB", "argument", "url",
              "reason", "size " + total));
          return;
        }
        RangeReader.read(EngineMain.DATA_SOURCE, url, 0, (int) total, new RangeReader.Callback() {
          @Override
          public void onResult(RangeReader.Result all) {
            benchmarkUrl = url;
            benchmarkData = all.data();
            runBenchmark(id, all.data(), iterations);
          }

          @Override
          public void onError(PlayerException error) {
            EngineMain.replyError(id, error);
          }
        });
      }

      @Override
      public void onError(PlayerException error) {
        EngineMain.replyError(id, error);
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
      EngineMain.replyError(id, e);
    }
  }

}
