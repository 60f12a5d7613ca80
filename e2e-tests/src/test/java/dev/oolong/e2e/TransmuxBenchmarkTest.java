package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.server.DevServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark: MPEG-TS → fragmented MP4 in a worker, in the same browser on the same bytes, Oolong's
 * wasm engine against hls.js 1.7.4's own transmuxer worker ({@code hls.worker.js}, an npm dev
 * dependency of these tests, driven through its message protocol: init, configure, demux, flush).
 *
 * <p>The same boundary for both: per iteration the page copies the input, transfers it to the
 * worker, and waits for the output to come back to the page (transferred), as a player's own
 * loop does. Two figures each: the <b>round trip</b> (the page's clock over those iterations)
 * and the <b>engine only</b> (the time inside the worker: Oolong's from the message's arrival to
 * the output ready; hls.js's the time spent in its worker's message handler, measured by a
 * wrapper script that loads {@code hls.worker.js} and times each handler call, which is
 * synchronous for clear segments). Best of three alternating rounds (the machine is noisy).
 *
 * <p>The outputs are checked against each other: both carry the same number of video and of audio
 * samples, and the same sample payload bytes, counted by a small fMP4 reader on the page ({@code
 * trun} sample sizes, {@code tfhd}/{@code trex} defaults, tracks told apart by {@code hdlr}).
 */
class TransmuxBenchmarkTest extends BenchTest {
  @Override
  protected DevServer.Config serverConfig() {
    // hls.js's dist folder is served under /media/ for this test only.
    return super.serverConfig().withUserMedia(Path.of(System.getProperty("oolong.hlsjs")));
  }

  /**
   * Page script prefix: {@code fmp4Counts(streams)} → {@code {vide: {samples, bytes, mdat}, soun:
   * {...}}}, each stream an array of {@code Uint8Array}s (init segment, then media segments).
   */
  static final String FMP4_COUNTS = """
      const fmp4Counts = (streams) => {
        const out = { vide: { samples: 0, bytes: 0, mdat: 0 }, soun: { samples: 0, bytes: 0, mdat: 0 } };
        const u32 = (d, o) => d[o] * 16777216 + (d[o + 1] << 16) + (d[o + 2] << 8) + d[o + 3];
        const fourcc = (d, o) => String.fromCharCode(d[o], d[o + 1], d[o + 2], d[o + 3]);
        const boxes = (d, start, end, visit) => {
          for (let o = start; o + 8 <= end;) {
            let size = u32(d, o), header = 8;
            if (size === 1) { size = u32(d, o + 8) * 4294967296 + u32(d, o + 12); header = 16; }
            else if (size === 0) size = end - o;
            if (size < header || o + size > end) throw new Error('bad box ' + fourcc(d, o + 4) + ' at ' + o);
            visit(fourcc(d, o + 4), o + header, o + size);
            o += size;
          }
        };
        for (const stream of streams) {
          const handler = {}, defaultSize = {};
          for (const d of stream) boxes(d, 0, d.length, (t, s, e) => {
            if (t === 'moov') boxes(d, s, e, (t2, s2, e2) => {
              if (t2 === 'trak') {
                let id = 0, h = '';
                boxes(d, s2, e2, (t3, s3, e3) => {
                  if (t3 === 'tkhd') id = u32(d, s3 + (d[s3] === 1 ? 20 : 12));
                  if (t3 === 'mdia') boxes(d, s3, e3, (t4, s4) => { if (t4 === 'hdlr') h = fourcc(d, s4 + 8); });
                });
                handler[id] = h;
              }
              if (t2 === 'mvex') boxes(d, s2, e2, (t3, s3) => { if (t3 === 'trex') defaultSize[u32(d, s3 + 4)] = u32(d, s3 + 16); });
            });
            if (t === 'moof') boxes(d, s, e, (t2, s2, e2) => {
              if (t2 !== 'traf') return;
              let id = 0, size = 0;
              boxes(d, s2, e2, (t3, s3) => {
                const flags = u32(d, s3) & 0xffffff;
                if (t3 === 'tfhd') {
                  id = u32(d, s3 + 4);
                  size = defaultSize[id] || 0;
                  let o = s3 + 8;
                  if (flags & 1) o += 8;
                  if (flags & 2) o += 4;
                  if (flags & 8) o += 4;
                  if (flags & 0x10) size = u32(d, o);
                }
                if (t3 === 'trun') {
                  const k = out[handler[id]];
                  if (!k) throw new Error('a trun of track ' + id + ' with no vide/soun trak');
                  const n = u32(d, s3 + 4);
                  let o = s3 + 8 + (flags & 1 ? 4 : 0) + (flags & 4 ? 4 : 0);
                  for (let i = 0; i < n; i++) {
                    if (flags & 0x100) o += 4;
                    let sz = size;
                    if (flags & 0x200) { sz = u32(d, o); o += 4; }
                    if (flags & 0x400) o += 4;
                    if (flags & 0x800) o += 4;
                    k.samples++; k.bytes += sz;
                  }
                }
              });
            });
            if (t === 'mdat') {
              const types = new Set(Object.values(handler));
              const k = types.size === 1 ? out[[...types][0]] : null; // muxed streams: payload not attributable
              if (k) k.mdat += e - s;
            }
          });
        }
        return out;
      };
      """;

  /**
   * Runs a transmuxer set up by {@link #HLS_JS} or {@link #OOLONG} (warmed up, waiting in {@code
   * window.bench}) for {@code iterations}, then ends it; the browser's CPU time is read around the
   * timed iterations only. Returns {ms, engineMs, cpuMs, bytes, counts}.
   */
  private JsonNode measure(String setup, String url, int iterations) throws Exception {
    assertThat(page.evaluate(setup, List.of(url, iterations))).isEqualTo("ready");
    double cpu0 = browserCpuMs();
    JsonNode r = Manifests.JSON.readTree((String) page.evaluate(
        "(n) => window.bench.run(n).then((r) => JSON.stringify(r))", iterations));
    double cpu = browserCpuMs() - cpu0;
    com.fasterxml.jackson.databind.node.ObjectNode out = (com.fasterxml.jackson.databind.node.ObjectNode)
        Manifests.JSON.readTree((String) page.evaluate("() => JSON.stringify(window.bench.finish())"));
    out.put("ms", r.get("ms").asDouble()).put("engineMs", r.get("engineMs").asDouble()).put("cpuMs", cpu);
    return out;
  }

  /** hls.js's worker, each message handler call timed (a classic worker built from a blob). */
  static final String HLS_JS = """
      async ([url, iterations]) => {
        %s
        %s
        const data = await within(fetch(url).then((r) => r.arrayBuffer()), 10000, 'input');
        const wrapper = `
          let busy = 0;
          const add = self.addEventListener.bind(self);
          self.addEventListener = (type, fn, options) => add(type, type !== 'message' ? fn : (e) => {
            if (e.data && e.data.cmd === 'busy') { self.postMessage({ event: 'busy', busy }); busy = 0; return; }
            const t0 = performance.now();
            try { fn(e); } finally { busy += performance.now() - t0; }
          }, options);
          importScripts('${location.origin}/media/hls.worker.js');`;
        const w = new Worker(URL.createObjectURL(new Blob([wrapper], { type: 'text/javascript' })));
        let waiting = null;
        let streams = null;
        const init = { video: null, audio: null };
        w.onmessage = (e) => {
          const m = e.data;
          if (m.event === 'transmuxComplete' && m.data && m.data.remuxResult) {
            const r = m.data.remuxResult;
            const tracks = r.initSegment && r.initSegment.tracks;
            for (const type of ['video', 'audio']) {
              if (tracks && tracks[type] && tracks[type].initSegment) init[type] = tracks[type].initSegment;
              const t = r[type];
              if (t) streams[type].push(t.data1, ...(t.data2 ? [t.data2] : []));
            }
          }
          if ((m.event === 'init' || m.event === 'flush' || m.event === 'busy') && waiting) { const r = waiting; waiting = null; r(m); }
        };
        const next = () => within(new Promise((r) => { waiting = r; }), 10000, 'hls.js answer');
        const config = { debug: false, forceKeyFrameOnDiscontinuity: true, maxAudioFramesDrift: 1,
                         stretchShortVideoTrack: false, maxBufferHole: 0.1, progressive: false };
        let p = next();
        w.postMessage({ cmd: 'init', instanceNo: 0, typeSupported: { mpeg: false, mp3: false, ac3: false },
                        id: 'main', config: JSON.stringify(config) });
        await p;
        w.postMessage({ cmd: 'configure', instanceNo: 0, config: { audioCodec: 'mp4a.40.2',
                        videoCodec: 'avc1.4d401e', initSegmentData: undefined, duration: 6, defaultInitPts: null } });
        const run = async (n) => {
          p = next(); w.postMessage({ cmd: 'busy' }); await p; // the handler's clock from zero
          const t0 = performance.now();
          for (let i = 0; i < n; i++) {
            streams = { video: [], audio: [] };
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
          const ms = performance.now() - t0;
          p = next(); w.postMessage({ cmd: 'busy' });
          const engineMs = (await p).busy;
          return { ms, engineMs };
        };
        await run(20); // warm-up: the JIT tiers up
        window.bench = { run, finish: () => {
          w.terminate();
          return { bytes: data.byteLength,
            counts: fmp4Counts([[init.video, ...streams.video], [init.audio, ...streams.audio]]) };
        } };
        return 'ready';
      }""".formatted(WAITS, FMP4_COUNTS);

  /** Oolong's engine worker: the same loop through {@code _transmux}. */
  static final String OOLONG = """
      async ([url, iterations]) => {
        %s
        %s
        const data = await within(fetch(url).then((r) => r.arrayBuffer()), 10000, 'input');
        const engine = await within(Oolong.createEngine({ _wasm: 'oolong-diagnostics.wasm' }), 10000, 'engine');
        let last = null;
        const run = async (n) => {
          let engineMs = 0;
          const t0 = performance.now();
          for (let i = 0; i < n; i++) {
            last = await within(engine._transmux(data.slice(0)), 10000, 'transmux');
            engineMs += last.engineMs;
          }
          return { ms: performance.now() - t0, engineMs };
        };
        await run(20); // warm-up: the wasm tiers up
        window.bench = { run, finish: () => {
          engine.terminate();
          return { bytes: data.byteLength, counts: fmp4Counts(last.segments.map((list) => list.map((b) => new Uint8Array(b)))),
            mimeTypes: last.mimeTypes };
        } };
        return 'ready';
      }""".formatted(WAITS, FMP4_COUNTS);

  @Test
  void tsToFmp4AgainstHlsJs() throws Exception {
    page.navigate(url("/blank.html"));
    List<BenchReport.Row> rows = new ArrayList<>();
    for (String fixture : List.of("ts/h264-aac.ts", "hls/ts/seg001.ts")) {
      int iterations = 30;
      String u = url("/test-media/" + fixture);
      JsonNode o = null;
      JsonNode h = null;
      double[] best = new double[4]; // Oolong round trip, engine; hls.js round trip, engine (MB/s)
      double[] cpu = {Double.MAX_VALUE, Double.MAX_VALUE}; // CPU ms of all browser processes per MB
      for (int round = 0; round < 3; round++) {
        JsonNode ro = measure(OOLONG, u, iterations);
        JsonNode rh = measure(HLS_JS, u, iterations);
        double mb = ro.get("bytes").asDouble() * iterations / 1e6;
        best[0] = Math.max(best[0], mb / (ro.get("ms").asDouble() / 1000));
        best[1] = Math.max(best[1], mb / (ro.get("engineMs").asDouble() / 1000));
        best[2] = Math.max(best[2], mb / (rh.get("ms").asDouble() / 1000));
        best[3] = Math.max(best[3], mb / (rh.get("engineMs").asDouble() / 1000));
        cpu[0] = Math.min(cpu[0], ro.get("cpuMs").asDouble() / mb);
        cpu[1] = Math.min(cpu[1], rh.get("cpuMs").asDouble() / mb);
        o = ro;
        h = rh;
      }
      System.out.println("[benchmark] " + fixture + " Oolong " + o + "\n[benchmark] " + fixture + " hls.js " + h);
      // Both carried the media: every video sample with the same payload bytes in both; every
      // audio sample ffprobe lists (its ADTS headers off) in Oolong's output, and at least those
      // in hls.js's (it fills a gap before the first audio frame with silent frames of its own).
      int[] source = sourcePackets(fixture);
      JsonNode ov = o.get("counts").get("vide");
      JsonNode hv = h.get("counts").get("vide");
      JsonNode oa = o.get("counts").get("soun");
      JsonNode ha = h.get("counts").get("soun");
      assertThat(ov.get("samples").asInt()).as("%s video samples, Oolong %s, ffprobe %d", fixture, ov, source[0])
          .isEqualTo(source[0]);
      assertThat(hv.get("samples").asInt()).as("%s video samples, hls.js %s, ffprobe %d", fixture, hv, source[0])
          .isEqualTo(source[0]);
      assertThat(ov.get("bytes").asLong()).as("%s video payload bytes: Oolong %s, hls.js %s", fixture, ov, hv)
          .isEqualTo(hv.get("bytes").asLong());
      assertThat(oa.get("samples").asInt()).as("%s audio samples, Oolong %s, ffprobe %d", fixture, oa, source[1])
          .isEqualTo(source[1]);
      assertThat(oa.get("bytes").asLong()).as("%s audio payload bytes, Oolong %s, ffprobe %d", fixture, oa, source[2])
          .isEqualTo(source[2]);
      assertThat(ha.get("samples").asInt()).as("%s audio samples, hls.js %s, ffprobe %d", fixture, ha, source[1])
          .isGreaterThanOrEqualTo(source[1]);
      int added = ha.get("samples").asInt() - source[1];
      String note = source[0] + " video and " + source[1] + " audio samples (ffprobe) in both outputs, video payload "
          + "bytes equal" + (added > 0 ? "; hls.js adds " + added + " silent audio frames (" + (ha.get("bytes").asLong()
          - oa.get("bytes").asLong()) + " bytes)" : ", audio payload bytes equal") + "; best of 3 rounds of " + iterations;
      rows.add(BenchReport.Row.of("transmux " + fixture + ", round trip from the page", "MB/s of input", best[0],
          "hls.js 1.7.4 transmuxer worker, round trip", best[2]).withNote(note));
      rows.add(BenchReport.Row.of("transmux " + fixture + ", engine only (inside the worker)", "MB/s of input", best[1],
          "hls.js 1.7.4, inside its worker", best[3]).withNote(note));
      rows.add(BenchReport.Row.of("transmux " + fixture + ", CPU of all browser processes (round trip)",
          "CPU ms per MB of input", cpu[0], "hls.js 1.7.4, round trip", cpu[1]).withNote("lowest of 3 rounds"));
    }
    report("TS to fMP4 transmux against hls.js (same bytes, same boundary, outputs back on the page)", rows);
  }

  /**
   * ffprobe's packets of the fixture: [video packets, audio packets, audio payload bytes without
   * the ADTS headers (7 bytes each: ffmpeg writes them without a CRC)].
   */
  static int[] sourcePackets(String fixture) throws Exception {
    String file = TestEnv.testMedia().resolve(fixture).toString();
    List<String> video = ffprobeSizes(file, "v");
    List<String> audio = ffprobeSizes(file, "a");
    return new int[] {video.size(), audio.size(), audio.stream().mapToInt(a -> Integer.parseInt(a.split(",")[0]) - 7).sum()};
  }

  private static List<String> ffprobeSizes(String file, String streams) throws Exception {
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", streams, "-show_entries", "packet=size",
        "-of", "csv=p=0", file).redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
        .lines().filter(l -> !l.isBlank()).toList();
    assertThat(p.waitFor()).as("ffprobe %s: %s", file, lines).isZero();
    return lines;
  }
}
