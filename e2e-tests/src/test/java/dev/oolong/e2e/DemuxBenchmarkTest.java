package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.extractor.Diagnostics;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a timed test: demux throughput (MB/s, input bytes per second, data in memory)
 * of the same extractor code in the wasm engine in Chromium and on this JVM, measured in one run.
 * It asserts only that both ran; the figures go to the bench report (the JVM as the reference:
 * what the compilation to wasm costs). The JMH benchmark (wasm-player/bench) is the careful JVM
 * measurement.
 */
class DemuxBenchmarkTest extends BenchTest {
  static final String[] FIXTURES = {"mp4/h264-aac-moov-first.mp4", "mp4/h264-aac-fragmented.mp4",
      "ts/h264-aac.ts", "flv/h264-aac.flv", "webm/vp9-opus.webm", "audio/opus.ogg",
      "audio/tone.flac", "audio/tone.aac", "audio/tone.mp3", "audio/vorbis.ogg",
      "mkv/h264-aac.mkvmerge.mkv", "mp4/h264-aac-cenc.mp4"};

  @Test
  void wasmAgainstJvmThroughput() throws Exception {
    page.navigate(url("/blank.html"));
    List<BenchReport.Row> rows = new ArrayList<>();
    for (String fixture : FIXTURES) {
      byte[] data = Files.readAllBytes(TestEnv.testMedia().resolve(fixture));
      int iterations = (int) Math.max(20, 60_000_000L / data.length);
      // wasm: one warm-up pass, then the measured one (same worker).
      String js = """
          async ([u, n]) => {
            window.engine = window.engine || await Oolong.createEngine({ _wasm: 'oolong-diagnostics.wasm' });
            await window.engine._benchmarkDemux(u, Math.max(1, n / 10));
            return JSON.stringify(await window.engine._benchmarkDemux(u, n));
          }""";
      JsonNode wasm = Manifests.JSON.readTree((String) page.evaluate(js,
          List.of(url("/test-media/" + fixture), iterations)));
      double wasmMbps = wasm.get("mbPerSecond").asDouble();
      double jvmMbps = jvmThroughput(data, iterations);
      assertThat(wasm.get("packets").asLong()).isPositive();
      assertThat(wasmMbps).isPositive();
      rows.add(BenchReport.Row.of("demux " + fixture, "MB/s of input", wasmMbps, "the same Java on this JVM (HotSpot)",
          jvmMbps));
    }
    report("Demux throughput: the engine in wasm against the same code on the JVM", rows);
  }

  /** The same work on this JVM: warm up, then time the same number of iterations. */
  static double jvmThroughput(byte[] data, int iterations) throws Exception {
    for (int i = 0; i < iterations / 2; i++) {
      Diagnostics.extractOnce(data);
    }
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      Diagnostics.extractOnce(data);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return (double) data.length * iterations / 1e6 / seconds;
  }
}
