package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.server.DevServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a timed test): MPEG-TS → fragmented MP4 in a worker, in the same browser on the
 * same bytes, Oolong's wasm engine against hls.js 1.7.4's own transmuxer worker
 * ({@code hls.worker.js}, an npm dev dependency of these tests, driven through its message
 * protocol: init, configure, demux, flush). Both are timed from the page over the same number of
 * whole-file transmuxes, after a warm-up, in three alternating rounds (the best of each counts, as
 * this machine is noisy); the result goes to {@code target/benchmarks/transmux.tsv}.
 */
class TransmuxBenchmarkTest extends BrowserTest {
  @Override
  protected DevServer.Config serverConfig() {
    // hls.js's dist folder is served under /media/ for this test only.
    return super.serverConfig().withUserMedia(Path.of(System.getProperty("oolong.hlsjs")));
  }

  static final String HLS_JS = """
      async ([url, iterations]) => {
        const data = await (await fetch(url)).arrayBuffer();
        const w = new Worker('/media/hls.worker.js');
        let waiting = null;
        let outBytes = 0;
        w.onmessage = (e) => {
          const m = e.data;
          if (m.event === 'transmuxComplete' && m.data && m.data.remuxResult) {
            for (const t of [m.data.remuxResult.video, m.data.remuxResult.audio]) {
              if (t) outBytes += t.data1.byteLength + (t.data2 ? t.data2.byteLength : 0);
            }
          }
          if ((m.event === 'init' || m.event === 'flush') && waiting) { const r = waiting; waiting = null; r(); }
        };
        const next = () => new Promise((r) => { waiting = r; });
        const config = { debug: false, forceKeyFrameOnDiscontinuity: true, maxAudioFramesDrift: 1,
                         stretchShortVideoTrack: false, maxBufferHole: 0.1, progressive: false };
        let p = next();
        w.postMessage({ cmd: 'init', instanceNo: 0, typeSupported: { mpeg: false, mp3: false, ac3: false },
                        id: 'main', config: JSON.stringify(config) });
        await p;
        w.postMessage({ cmd: 'configure', instanceNo: 0, config: { audioCodec: 'mp4a.40.2',
                        videoCodec: 'avc1.4d401e', initSegmentData: undefined, duration: 6, defaultInitPts: null } });
        const run = async (n) => {
          outBytes = 0;
          const t0 = performance.now();
          for (let i = 0; i < n; i++) {
            const chunkMeta = { level: 0, sn: i, part: -1, id: 0, size: data.byteLength, partial: false,
              transmuxing: { start: 0, executeStart: 0, executeEnd: 0, end: 0 },
              buffering: { audio: {}, video: {}, audiovideo: {} } };
            const state = { discontinuity: true, contiguous: false, accurateTimeOffset: true,
              trackSwitch: true, timeOffset: 0, initSegmentChange: false };
            const copy = data.slice(0);
            w.postMessage({ cmd: 'demux', instanceNo: 0, data: copy, decryptdata: null, chunkMeta, state }, [copy]);
            p = next();
            w.postMessage({ cmd: 'flush', instanceNo: 0, chunkMeta });
            await p;
          }
          return performance.now() - t0;
        };
        await run(20); // warm-up: the JIT tiers up
        const ms = await run(iterations);
        w.terminate();
        return JSON.stringify({ ms, bytes: data.byteLength, outBytes: outBytes / iterations });
      }""";

  static final String OOLONG = """
      async ([url, iterations]) => {
        const engine = await Oolong.createEngine();
        await engine._benchmarkTransmux(url, 20); // warm-up: the wasm tiers up
        const t0 = performance.now();
        const r = await engine._benchmarkTransmux(url, iterations);
        const ms = performance.now() - t0;
        engine.terminate();
        return JSON.stringify({ ms, bytes: r.bytes, outBytes: r.outBytes / iterations, engineMs: r.ms });
      }""";

  @Test
  void tsToFmp4AgainstHlsJs() throws Exception {
    page.navigate(url("/blank.html"));
    StringBuilder report = new StringBuilder(
        "fixture\toolong_MBps\thlsjs_MBps\toolong/hlsjs\toolong_engine_only_MBps\toolong_out_bytes\thlsjs_out_bytes\n");
    for (String fixture : List.of("ts/h264-aac.ts", "hls/ts/seg001.ts")) {
      int iterations = 30;
      String u = url("/test-media/" + fixture);
      JsonNode o = null;
      JsonNode h = null;
      double oolong = 0;
      double hls = 0;
      double engineOnly = 0;
      for (int round = 0; round < 3; round++) {
        JsonNode ro = Manifests.JSON.readTree((String) page.evaluate(OOLONG, List.of(u, iterations)));
        JsonNode rh = Manifests.JSON.readTree((String) page.evaluate(HLS_JS, List.of(u, iterations)));
        double mb = ro.get("bytes").asDouble() * iterations / 1e6;
        oolong = Math.max(oolong, mb / (ro.get("ms").asDouble() / 1000));
        engineOnly = Math.max(engineOnly, mb / (ro.get("engineMs").asDouble() / 1000));
        hls = Math.max(hls, mb / (rh.get("ms").asDouble() / 1000));
        o = ro;
        h = rh;
      }
      // Both really produced fMP4 of about the input's size (the media bytes are the same).
      assertThat(o.get("outBytes").asDouble()).as("oolong output").isGreaterThan(0.8 * o.get("bytes").asDouble());
      assertThat(h.get("outBytes").asDouble()).as("hls.js output").isGreaterThan(0.8 * h.get("bytes").asDouble());
      report.append(String.format(Locale.ROOT, "%s\t%.1f\t%.1f\t%.2f\t%.1f\t%.0f\t%.0f%n", fixture, oolong,
          hls, oolong / hls, engineOnly, o.get("outBytes").asDouble(), h.get("outBytes").asDouble()));
    }
    Path out = Path.of("target/benchmarks/transmux.tsv");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println("[benchmark] TS -> fMP4 transmux, MB/s of input\n" + report);
  }
}
