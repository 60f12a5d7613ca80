package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.server.DevServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a timed test): Oolong's HLS against hls.js 1.7.4 in the same browser, on the same
 * playlists from the same server, alternating, 7 rounds each, medians in the bench report.
 *
 * <ul>
 *   <li>Time to first frame, VOD over loopback: from the call to the first frame presented
 *       ({@code requestVideoFrameCallback}), Oolong's MSE path (engine started beforehand, and
 *       cold) against hls.js attached to a {@code <video>} (its script loaded beforehand).
 *   <li>Plain live latency on server-dev's simulator (2 s segments): after 10 s of playing, the
 *       wall clock against the capture time of the picture at the position — Oolong's {@code
 *       getStats().latency}, hls.js's {@code Date.now() − hls.playingDate}; both from the
 *       segments' program date times.
 * </ul>
 */
class HlsBenchmarkTest extends BenchTest {
  @Override
  protected DevServer.Config serverConfig() {
    // hls.js's dist folder is served under /media/ for this test only.
    return super.serverConfig().withUserMedia(Path.of(System.getProperty("oolong.hlsjs")));
  }

  static final String LOAD_HLSJS = """
      () => new Promise((resolve, reject) => {
        if (window.Hls) { resolve(); return; }
        const s = document.createElement('script');
        s.src = '/media/hls.min.js';
        s.onload = () => resolve();
        s.onerror = () => reject(new Error('hls.min.js did not load'));
        document.head.appendChild(s);
      })""";

  static final String FIRST_FRAME_JS = """
      async ([url, mode]) => {
        %s
        const box = document.createElement('div');
        document.body.appendChild(box);
        const firstFrame = (v) => within(new Promise((r) => v.requestVideoFrameCallback(() => r(performance.now()))),
          10000, 'first frame');
        let t0, t1;
        if (mode === 'hls.js') {
          const v = document.createElement('video');
          v.muted = true; box.appendChild(v);
          t0 = performance.now();
          const hls = new Hls();
          hls.loadSource(url);
          hls.attachMedia(v);
          v.play().catch(() => {});
          t1 = await firstFrame(v);
          hls.destroy();
        } else {
          const engine = mode === 'warm' ? await within(Oolong.createEngine(), 10000, 'engine') : undefined;
          t0 = performance.now();
          const p = Oolong.createPlayer(box, { mode: 'mse', muted: true, autoplay: true, engine });
          p.load(url);
          t1 = await firstFrame(p.element);
          p.destroy();
          if (engine) engine.terminate();
        }
        box.remove();
        return t1 - t0;
      }""".formatted(WAITS);

  static final String LIVE_JS = """
      async ([url, mode]) => {
        %s
        const box = document.createElement('div');
        document.body.appendChild(box);
        let latency;
        if (mode === 'hls.js') {
          const v = document.createElement('video');
          v.muted = true; box.appendChild(v);
          const hls = new Hls();
          hls.loadSource(url);
          hls.attachMedia(v);
          v.play().catch(() => {});
          await new Promise((r) => setTimeout(r, 10000));
          latency = hls.playingDate ? (Date.now() - hls.playingDate.getTime()) / 1000 : -1;
          hls.destroy();
        } else {
          const p = Oolong.createPlayer(box, { mode: 'mse', muted: true, autoplay: true });
          p.load(url);
          await new Promise((r) => setTimeout(r, 10000));
          latency = p.getStats().latency ?? -1;
          p.destroy();
        }
        box.remove();
        return latency;
      }""".formatted(WAITS);

  @Test
  void hlsAgainstHlsJs() throws Exception {
    page.navigate(url("/blank.html"));
    page.evaluate(LOAD_HLSJS);
    List<BenchReport.Row> rows = new ArrayList<>();
    String[] modes = {"hls.js", "warm", "cold"};
    for (String fixture : new String[] {"hls/ts/index.m3u8", "hls/fmp4/index.m3u8"}) {
      int rounds = 7;
      double[][] ms = new double[3][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int m = 0; m < 3; m++) {
          String u = url("/test-media/" + fixture + "?round=" + r + "&mode=" + modes[m].replace(".", ""));
          ms[m][r] = ((Number) page.evaluate(FIRST_FRAME_JS, List.of(u, modes[m]))).doubleValue();
        }
      }
      double[] med = new double[3];
      for (int m = 0; m < 3; m++) {
        med[m] = median(ms[m]);
        assertThat(med[m]).as("%s %s produced a frame", fixture, modes[m]).isPositive();
      }
      rows.add(BenchReport.Row.of("first frame " + fixture + ", Oolong warm (engine running), MSE", "ms, median of 7",
          med[1], "hls.js 1.7.4", med[0]).withNote("goal: ≤ hls.js's and ≤ 500 ms"));
      rows.add(BenchReport.Row.of("first frame " + fixture + ", Oolong cold (starts the engine), MSE", "ms, median of 7",
          med[2], "hls.js 1.7.4", med[0]));
    }
    int rounds = 3;
    double[][] latency = new double[2][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int m = 0; m < 2; m++) {
        latency[m][r] = ((Number) page.evaluate(LIVE_JS, List.of(url("/live/fmp4/index.m3u8"), modes[m]))).doubleValue();
      }
    }
    rows.add(BenchReport.Row.of("plain live latency after 10 s (2 s segments, hold-back 6 s), Oolong MSE",
        "s, median of 3", median(latency[1]), "hls.js 1.7.4", median(latency[0]))
        .withNote("goal: ≤ 3 target durations (6 s); lower is better"));
    report("HLS against hls.js 1.7.4: time to first frame (VOD, loopback) and plain live latency", rows);
  }
}
