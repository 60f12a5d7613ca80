package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How long playback stands still when it moves to the other path ({@code setPath}), from the call
 * to the new path's {@code playing}, against what a page would do without it: a new player on
 * the other path that loads the same URL, seeks to the same position and plays (from the first
 * call to {@code playing}). Both on the same page, the same file, the same position, interleaved.
 */
class PathSwitchBenchmarkTest extends BenchTest {
  static final String JS = """
      async ([url, from, to, how]) => {
        %s
        const modeOf = (p) => p === 'mse' ? 'mse' : 'webcodecs';
        const box = freshBox(640, 360);
        const p = window.player = Oolong.createPlayer(box, { mode: modeOf(from), muted: true });
        await within(p.load(url), 15000, 'load');
        await p.play();
        if (!await until(() => p.currentTime > 1.5, 15000)) throw new Error('not playing');
        let ms;
        if (how === 'switch') {
          const t0 = performance.now();
          await within(p.setPath(to), 15000, 'the switch');
          ms = performance.now() - t0;
          if (p.path !== to || p.paused) throw new Error('not playing on ' + to);
          p.destroy();
        } else {
          const pos = p.currentTime;
          const t0 = performance.now();
          p.destroy();
          const box2 = freshBox(640, 360);
          const q = window.player = Oolong.createPlayer(box2, { mode: modeOf(to), muted: true });
          const playing = new Promise((r) => q.on('playing', r));
          await within(q.load(url), 15000, 'load');
          q.seek(pos);
          await q.play();
          await within(playing, 15000, 'playing');
          ms = performance.now() - t0;
          q.destroy();
        }
        return ms;
      }""".formatted(WAITS);

  @Test
  void aSwitchAgainstANewPlayerAtThePosition() throws Exception {
    page.navigate(url("/blank.html"));
    List<BenchReport.Row> rows = new ArrayList<>();
    for (String fixture : new String[] {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts"}) {
      for (String[] d : new String[][] {{"mse", "canvas"}, {"canvas", "mse"}}) {
        int rounds = 5;
        double[] sw = new double[rounds];
        double[] fresh = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          String u = url("/test-media/" + fixture + "?round=" + r);
          sw[r] = ((Number) page.evaluate(JS, List.of(u, d[0], d[1], "switch"))).doubleValue();
          fresh[r] = ((Number) page.evaluate(JS, List.of(u, d[0], d[1], "fresh"))).doubleValue();
        }
        assertThat(median(sw)).isPositive();
        rows.add(BenchReport.Row.of("playback stands still, " + d[0] + " → " + d[1] + ", " + fixture,
            "ms, median of " + rounds, median(sw), "a new " + d[1] + " player: load, seek, play", median(fresh))
            .withNote("from the call to the new path's playing"));
      }
    }
    report("Path switch: setPath() against a new player at the same position", rows);
  }
}
