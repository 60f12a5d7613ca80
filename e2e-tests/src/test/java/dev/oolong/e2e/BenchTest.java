package dev.oolong.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Base of the benchmarks: browser tests tagged {@code bench}, left out of {@code ./oolong test}
 * and run by {@code ./oolong bench}. A benchmark asserts only that it measured something real
 * (its outputs checked against each other); its figures go to the {@link BenchReport}.
 */
@Tag("bench")
abstract class BenchTest extends BrowserTest {
  /**
   * Page script prefix: {@code within(promise, ms, what)} rejects with a message (and the player's
   * stats) when the promise has not settled in time; {@code until(cond, ms)} polls a condition for
   * at most {@code ms}. Every wait in a benchmark's script goes through one of them. {@code
   * freshBox(w, h)} empties the page and returns a new {@code w×h} box in it, for a player.
   */
  static final String WAITS = """
      const within = (promise, ms, what) => Promise.race([promise, new Promise((_, reject) =>
        setTimeout(() => reject(new Error('benchmark: no ' + what + ' within ' + ms + ' ms: '
          + JSON.stringify(window.player && window.player.getStats ? window.player.getStats() : null))), ms))]);
      const until = async (cond, ms) => {
        const end = performance.now() + ms;
        while (!cond() && performance.now() < end) await new Promise((r) => setTimeout(r, 25));
        return cond();
      };
      const freshBox = (w, h) => {
        document.body.innerHTML = '';
        const box = document.createElement('div');
        box.style.width = w + 'px'; box.style.height = h + 'px';
        document.body.appendChild(box);
        return box;
      };
      """;

  @Override
  protected Duration testLimit() {
    return Duration.ofMinutes(20);
  }

  /**
   * The CPU time (ms) of every Chromium process this JVM started, from {@code /proc} through
   * {@link ProcessHandle}: the browser, its renderers, GPU and utility processes.
   */
  static double browserCpuMs() {
    return ProcessHandle.current().descendants()
        .filter(ph -> ph.info().command().map(c -> c.contains("chromium")).orElse(false))
        .mapToDouble(ph -> ph.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6)
        .sum();
  }

  /** The median of the values that are figures (NaN where none is). */
  static double median(double[] v) {
    double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }

  /** Writes a section of the report; the command reproduces this class alone. */
  void report(String section, List<BenchReport.Row> rows) throws IOException {
    BenchReport.add(section, browser.version(), "./oolong bench -Dtest=" + getClass().getSimpleName(), rows);
  }
}
