package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a timed test): time from the call to the first video frame presented
 * ({@code requestVideoFrameCallback}), for progressive MP4, Oolong's MSE path against a plain
 * {@code <video src>} on the same file in the same browser, alternating, 7 rounds each, medians in
 * the bench report, each against native. Oolong is measured cold (the call starts the engine
 * worker) and warm (an engine started beforehand is passed in).
 */
class FirstFrameBenchmarkTest extends BenchTest {
  static final String JS = """
      async ([url, mode]) => {
        %s
        const box = document.createElement('div');
        document.body.appendChild(box);
        const firstFrame = (v) => within(new Promise((r) => v.requestVideoFrameCallback(() => r(performance.now()))),
          10000, 'first frame');
        let t0, t1;
        if (mode === 'native') {
          const v = document.createElement('video');
          v.muted = true; box.appendChild(v);
          t0 = performance.now();
          v.src = url; v.play().catch(() => {});
          t1 = await firstFrame(v);
          v.removeAttribute('src'); v.load();
        } else {
          const engine = mode === 'warm' ? await within(Oolong.createEngine(), 10000, 'engine') : undefined;
          t0 = performance.now();
          const p = Oolong.createPlayer(box, { muted: true, autoplay: true, engine });
          p.load(url);
          t1 = await firstFrame(p.element);
          p.destroy();
          if (engine) engine.terminate();
        }
        box.remove();
        return t1 - t0;
      }""".formatted(WAITS);

  @Test
  void firstFrameAgainstTheNativeElement() throws Exception {
    page.navigate(url("/blank.html"));
    String[] fixtures = {"mp4/h264-aac-moov-first.mp4", "mp4/h264-aac-moov-last.mp4"};
    List<BenchReport.Row> rows = new ArrayList<>();
    for (String fixture : fixtures) {
      int rounds = 7;
      double[][] ms = new double[3][rounds];
      double[][] cpu = new double[3][rounds];
      String[] modes = {"native", "warm", "cold"};
      for (int r = 0; r < rounds; r++) {
        for (int m = 0; m < 3; m++) {
          String u = url("/test-media/" + fixture + "?round=" + r + "&mode=" + modes[m]);
          double cpu0 = browserCpuMs();
          ms[m][r] = ((Number) page.evaluate(JS, List.of(u, modes[m]))).doubleValue();
          cpu[m][r] = browserCpuMs() - cpu0; // the whole script: start, first frame, teardown
        }
      }
      double[] med = new double[3];
      for (int m = 0; m < 3; m++) {
        med[m] = median(ms[m]);
        assertThat(med[m]).as("%s %s produced a frame", fixture, modes[m]).isPositive();
      }
      rows.add(BenchReport.Row.of("first frame " + fixture + ", Oolong warm (engine running)", "ms, median of 7",
          med[1], "<video src> (native)", med[0]));
      rows.add(BenchReport.Row.of("first frame " + fixture + ", Oolong cold (starts the engine)", "ms, median of 7",
          med[2], "<video src> (native)", med[0]));
      rows.add(BenchReport.Row.of("first frame " + fixture + ", Oolong warm: CPU of all browser processes",
          "CPU ms per start, median of 7", median(cpu[1]), "<video src> (native)", median(cpu[0]))
          .withNote("from the call to the first frame and teardown"));
      rows.add(BenchReport.Row.of("first frame " + fixture + ", Oolong cold: CPU of all browser processes",
          "CPU ms per start, median of 7", median(cpu[2]), "<video src> (native)", median(cpu[0]))
          .withNote("from the call to the first frame and teardown; cold includes the wasm's compilation"));
    }
    report("Time to first frame: MSE path against the native element (requestVideoFrameCallback)", rows);
  }
}
