package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a timed test): time from the call to the first video frame presented
 * ({@code requestVideoFrameCallback}), for progressive MP4, Oolong's MSE path against a plain
 * {@code <video src>} on the same file in the same browser, alternating, 7 rounds each, medians
 * reported in {@code target/benchmarks/first-frame.tsv}. Oolong is measured cold (the call starts
 * the engine worker) and warm (an engine started beforehand is passed in).
 */
class FirstFrameBenchmarkTest extends BrowserTest {
  static final String JS = """
      async ([url, mode]) => {
        const box = document.createElement('div');
        document.body.appendChild(box);
        const firstFrame = (v) => new Promise((r) => v.requestVideoFrameCallback(() => r(performance.now())));
        let t0, t1;
        if (mode === 'native') {
          const v = document.createElement('video');
          v.muted = true; box.appendChild(v);
          t0 = performance.now();
          v.src = url; v.play().catch(() => {});
          t1 = await firstFrame(v);
          v.removeAttribute('src'); v.load();
        } else {
          const engine = mode === 'warm' ? await Oolong.createEngine() : undefined;
          t0 = performance.now();
          const p = Oolong.createPlayer(box, { muted: true, autoplay: true, engine });
          p.load(url);
          t1 = await firstFrame(p.video);
          p.destroy();
          if (engine) engine.terminate();
        }
        box.remove();
        return t1 - t0;
      }""";

  @Test
  void firstFrameAgainstTheNativeElement() throws Exception {
    page.navigate(url("/blank.html"));
    String[] fixtures = {"mp4/h264-aac-moov-first.mp4", "mp4/h264-aac-moov-last.mp4"};
    StringBuilder report = new StringBuilder("fixture\tnative_ms\toolong_warm_ms\toolong_cold_ms\twarm-native_ms\n");
    for (String fixture : fixtures) {
      int rounds = 7;
      double[][] ms = new double[3][rounds];
      String[] modes = {"native", "warm", "cold"};
      for (int r = 0; r < rounds; r++) {
        for (int m = 0; m < 3; m++) {
          String u = url("/test-media/" + fixture + "?round=" + r + "&mode=" + modes[m]);
          ms[m][r] = ((Number) page.evaluate(JS, java.util.List.of(u, modes[m]))).doubleValue();
        }
      }
      double[] med = new double[3];
      for (int m = 0; m < 3; m++) {
        double[] sorted = ms[m].clone();
        Arrays.sort(sorted);
        med[m] = sorted[rounds / 2];
        assertThat(med[m]).as("%s %s produced a frame", fixture, modes[m]).isPositive();
      }
      report.append(String.format(Locale.ROOT, "%s\t%.1f\t%.1f\t%.1f\t%.1f%n", fixture, med[0], med[1],
          med[2], med[1] - med[0]));
    }
    Path out = Path.of("target/benchmarks/first-frame.tsv");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println("[benchmark] time to first frame (median of 7)\n" + report);
  }
}
