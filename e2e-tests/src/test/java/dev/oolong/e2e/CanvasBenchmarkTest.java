package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark: the canvas path ({@code mode: 'webcodecs'}) against the {@code <video>} element fed
 * by Oolong's MSE path, on the same files in the same browser, alternating, medians of {@link
 * #ROUNDS} rounds, into the bench report.
 *
 * <ul>
 *   <li><b>Frame pacing at 1×</b>, 720p30 and 1080p30 on a 640×360 box: both played from the
 *       start to the end while {@link FramePacing} reads the barcode the page sees (the element's
 *       {@code requestVideoFrameCallback}, the canvas's {@code requestAnimationFrame} read-backs):
 *       frames presented per wall-clock second, frames skipped, time stalled. The same sampler
 *       for both, so the same quantity.
 *   <li><b>CPU beside wall time</b>: the CPU time of all of Chromium's processes over the run
 *       (from {@code /proc}), per second of wall time.
 *   <li><b>Drawing capacity</b> of the canvas path (planes), played as fast as it goes ({@code
 *       _unpaced}: every frame drawn once decoded and the GPU has executed the frames before it
 *       but two), against the 30 fps real time needs.
 *   <li><b>Glass-to-glass</b> of the first frame: the first video sample's arrival in the engine
 *       to the frame drawn on the canvas (the engine's clock), or to the element's {@code
 *       requestVideoFrameCallback} {@code presentationTime}.
 * </ul>
 * The machine has no GPU: Chromium decodes in software for both, and composites with SwiftShader.
 */
class CanvasBenchmarkTest extends BenchTest {
  static final int ROUNDS = 3;

  /** Loads a player paused; resolves once the first frame is there (the whole file buffered for MSE). */
  static final String LOAD_JS = """
      async ([url, mode, w, h, videoRender, unpaced, videoWidth]) => {
        %s
        %s
        const box = freshBox(w, h);
        const p = window.player = Oolong.createPlayer(box, { mode, muted: true, videoRender });
        const data = new Promise((r) => p.on('loadeddata', r));
        await within(p.load(url), 20000, 'load');
        await within(data, 20000, 'loadeddata');
        if (mode === 'mse') {
          // The whole file in the element first (or as much as 10 s brings): the run measures
          // playing, not loading.
          const dur = p.duration;
          await until(() => p.getStats().buffered.some(([s, e]) => e >= dur - 0.1) || !p.getStats().loading, 10000);
        } else {
          if (unpaced) p._unpaced(true);
          await until(() => p.getStats().decodedFrames > 0, 5000);
          await new Promise((r) => setTimeout(r, 300));
        }
        // The first read-back in a page stalls its compositor (~66 ms): done once before playing.
        readBarcode([mode === 'mse' ? p.element : p.element, videoWidth]);
        return 'ok';
      }""".formatted(WAITS, FramePacing.JS);

  /** Plays to the end with the pacing sampler on; resolves with the wall time, samples and counts. */
  static final String RUN_JS = """
      async ([mode, videoWidth]) => {
        %s
        %s
        const p = window.player;
        const ended = new Promise((r) => p.on('ended', r));
        const el = mode === 'mse' ? p.element : p.element;
        startPacing(el, videoWidth);
        const t0 = performance.now();
        p.play();
        await within(ended, 40000, 'ended');
        const ms = performance.now() - t0;
        const samples = stopPacing();
        const s = p.getStats();
        return JSON.stringify({ ms, samples, decoded: mode === 'mse' ? p.element.getVideoPlaybackQuality().totalVideoFrames
          : s.decodedFrames, refreshStalls: s.refreshStalls });
      }""".formatted(WAITS, FramePacing.JS);

  /** Plays to the end unpaced; resolves with the wall time and the frames drawn. */
  static final String UNPACED_JS = """
      async () => {
        %s
        const p = window.player;
        const ended = new Promise((r) => p.on('ended', r));
        const before = p.getStats();
        const t0 = performance.now();
        p.play();
        await within(ended, 40000, 'ended');
        const ms = performance.now() - t0;
        await until(() => p.getStats().mediaTime >= p.duration - 0.1, 5000);
        const after = p.getStats();
        return JSON.stringify({ ms, drawn: after.renderedFrames - before.renderedFrames });
      }""".formatted(WAITS);

  /** The first frame's glass-to-glass delay (ms) of a fresh player. */
  static final String GLASS_JS = """
      async ([url, mode]) => {
        %s
        const box = freshBox(640, 360);
        const p = Oolong.createPlayer(box, { mode, muted: true, autoplay: mode === 'mse' });
        const presented = mode === 'mse' ? new Promise((r) => p.element.requestVideoFrameCallback(
          (now, meta) => r(performance.timeOrigin + meta.presentationTime))) : null;
        await within(p.load(url), 20000, 'load');
        let glass = null;
        for (let i = 0; i < 200 && glass === null; i++) {
          await new Promise((r) => setTimeout(r, 25));
          const s = p.getStats();
          if (mode === 'mse') {
            if (s.firstVideoSampleAt !== null) glass = (await within(presented, 5000, 'first frame')) - s.firstVideoSampleAt;
          } else if (s.glassFirstMs !== null) glass = s.glassFirstMs;
        }
        p.destroy();
        return glass;
      }""".formatted(WAITS);

  record Run(FramePacing.Result pacing, double cpuMsPerSecond, int decoded) {}

  /** Loads {@code fixture} on a fresh player: {@code path} is {@code mse} or {@code webcodecs/<videoRender>}. */
  private void load(String fixture, String path, int videoWidth, boolean unpaced) throws Exception {
    String mode = path.startsWith("webcodecs") ? "webcodecs" : "mse";
    String render = path.startsWith("webcodecs/") ? path.substring("webcodecs/".length()) : "auto";
    Object loaded = page.evaluate(LOAD_JS, List.of(url("/test-media/" + fixture + "?m=" + path), mode, 640, 360,
        render, unpaced, videoWidth));
    assertThat(loaded).isEqualTo("ok");
  }

  /** Plays {@code fixture} at 1× to its end on a fresh player, the page sampling what it shows. */
  private Run play(String fixture, String path, int videoWidth) throws Exception {
    load(fixture, path, videoWidth, false);
    double cpu0 = browserCpuMs();
    JsonNode r = Manifests.JSON.readTree((String) page.evaluate(RUN_JS, List.of(path.startsWith("mse") ? "mse" : "webcodecs",
        videoWidth)));
    double cpu = browserCpuMs() - cpu0;
    page.evaluate("() => window.player.destroy()");
    FramePacing.Result pacing = FramePacing.analyse(r.get("samples"), MsePlaybackTest.FPS);
    System.out.println("[benchmark] " + fixture + " " + path + ": " + pacing + "; refresh stalls "
        + r.path("refreshStalls"));
    assertThat(pacing.shown()).as("%s %s: frames the page saw", fixture, path).isGreaterThan(1);
    assertThat(pacing.backwards()).as("%s %s: %s", fixture, path, pacing).isZero();
    return new Run(pacing, cpu / (r.get("ms").asDouble() / 1000), r.get("decoded").asInt());
  }

  /** One figure of {@link #ROUNDS} rounds per path: [path][round]. */
  interface Figure {
    double of(Run run);
  }

  @Test
  void canvasPathAgainstTheVideoElement() throws Exception {
    page.navigate(url("/blank.html"));
    List<BenchReport.Row> rows = new ArrayList<>();
    String[][] fixtures = {{"mp4/h264-720p-bt709.mp4", "1280"}, {"mp4/h264-1080p-bt709.mp4", "1920"}};
    String[] paths = {"webcodecs/auto", "mse"};
    for (String[] f : fixtures) {
      int videoWidth = Integer.parseInt(f[1]);
      Run[][] runs = new Run[paths.length][ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < paths.length; i++) {
          try {
            runs[i][round] = play(f[0], paths[i], videoWidth);
          } catch (com.microsoft.playwright.PlaywrightException e) {
            // A stuck run is reported and left out of the medians (bounded waits, never a hang);
            // the functional suites are where a stuck player fails.
            System.out.println("[benchmark] " + f[0] + " " + paths[i] + " round " + round + " failed: " + e.getMessage());
            page.navigate(url("/blank.html"));
          }
        }
      }
      String name = f[0] + " at 1x, ";
      String ref = "<video> (MSE path), same sampler";
      rows.add(row(name + "frames presented per wall second", "frames/s", runs, r -> r.pacing().presentedPerSecond(), ref));
      rows.add(row(name + "frames skipped", "frames", runs, r -> r.pacing().skipped(), ref));
      rows.add(row(name + "frames held past 1.5 frame times", "frames", runs, r -> r.pacing().repeated(), ref));
      rows.add(row(name + "time stalled (held past 2 frame times)", "ms", runs, r -> r.pacing().stallMs(), ref));
      rows.add(row(name + "CPU of all browser processes", "CPU ms per wall s", runs, Run::cpuMsPerSecond, ref));
      // The canvas path's drawing capacity (planes, as 'auto' draws here), against real time's need.
      double[] drawn = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        try {
          load(f[0], "webcodecs/planes", videoWidth, true);
          JsonNode u = Manifests.JSON.readTree((String) page.evaluate(UNPACED_JS));
          page.evaluate("() => window.player.destroy()");
          drawn[round] = u.get("drawn").asDouble() / (u.get("ms").asDouble() / 1000);
        } catch (com.microsoft.playwright.PlaywrightException e) {
          System.out.println("[benchmark] " + f[0] + " unpaced round " + round + " failed: " + e.getMessage());
          page.navigate(url("/blank.html"));
          drawn[round] = Double.NaN;
        }
      }
      rows.add(BenchReport.Row.of(f[0] + " unpaced: canvas frames drawn per second (planes)", "frames/s",
          median(drawn), "the video's rate (real time)", MsePlaybackTest.FPS));
    }
    rows.add(glassToGlass());
    report("Canvas path against the <video> element: frame pacing seen from the page, CPU", rows);
  }

  /** The median of a figure over the rounds, canvas (path 0) against the element (path 1). */
  private static BenchReport.Row row(String figure, String unit, Run[][] runs, Figure f, String reference) {
    double[][] v = new double[2][];
    for (int i = 0; i < 2; i++) {
      v[i] = java.util.Arrays.stream(runs[i]).mapToDouble(r -> r == null ? Double.NaN : f.of(r)).toArray();
    }
    assertThat(median(v[0])).as("%s: at least one canvas round measured", figure).isNotNaN();
    assertThat(median(v[1])).as("%s: at least one element round measured", figure).isNotNaN();
    return BenchReport.Row.of(figure, unit, median(v[0]), reference, median(v[1]));
  }

  /** Glass-to-glass of the first frame, both paths, 640×360, median of 5. */
  private BenchReport.Row glassToGlass() {
    String[] modes = {"webcodecs", "mse"};
    String fixture = "mp4/h264-aac-moov-first.mp4";
    int rounds = 5;
    double[][] glass = new double[2][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < 2; i++) {
        Object g;
        try {
          g = page.evaluate(GLASS_JS, List.of(url("/test-media/" + fixture + "?g=" + round + modes[i]), modes[i]));
        } catch (com.microsoft.playwright.PlaywrightException e) {
          System.out.println("[benchmark] glass-to-glass " + modes[i] + " round " + round + " failed: " + e.getMessage());
          page.navigate(url("/blank.html"));
          g = null;
        }
        glass[i][round] = g instanceof Number n ? n.doubleValue() : Double.NaN;
      }
    }
    for (int i = 0; i < 2; i++) {
      assertThat(median(glass[i])).as("%s glass-to-glass is a delay", modes[i]).isPositive();
    }
    return BenchReport.Row.of(fixture + " first frame, glass-to-glass (first sample in the engine to the frame "
        + "on screen)", "ms, median of 5", median(glass[0]), "<video> (MSE path)", median(glass[1]));
  }
}
