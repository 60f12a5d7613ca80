package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Many canvas players made, loaded, played and destroyed one after another in one page (a
 * playlist, a feed of clips): every one of them loads, draws and goes, none hangs. Each wait in
 * the page is bounded and a stuck player is reported with its stats.
 */
class CanvasLifecycleTest extends BrowserTest {
  static final int PLAYERS = 24;

  static final String LOOP_JS = """
      async ([url, n]) => {
        const within = (promise, ms, what, p) => Promise.race([promise, new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no ' + what + ' within ' + ms + ' ms: '
            + JSON.stringify(p.getStats()))), ms))]);
        const rounds = [];
        for (let i = 0; i < n; i++) {
          document.body.innerHTML = '';
          const box = document.createElement('div');
          box.style.width = '320px'; box.style.height = '180px';
          document.body.appendChild(box);
          const t0 = performance.now();
          const p = Oolong.createPlayer(box, { mode: 'webcodecs' });
          const data = new Promise((r) => p.on('loadeddata', r));
          try {
            await within(p.load(url), 15000, 'load', p);
            const t1 = performance.now();
            await within(data, 15000, 'loadeddata', p);
            await p.play();
            const drawn = new Promise((r) => {
              const tick = () => p.getStats().renderedFrames >= 5 ? r() : setTimeout(tick, 20);
              tick();
            });
            await within(drawn, 15000, 'five frames drawn', p);
            const s = p.getStats();
            rounds.push({ i, loadMs: Math.round(t1 - t0), totalMs: Math.round(performance.now() - t0),
              audioPath: s.audioPath, errors: s.errors.map((e) => e.codeName) });
          } catch (e) {
            rounds.push({ i, failed: String(e.message || e) });
          } finally {
            p.destroy();
          }
        }
        return JSON.stringify(rounds);
      }""";

  @Test
  void playersMadeOneAfterAnotherInOnePageAllLoadPlayAndGo() throws Exception {
    page.navigate(url("/blank.html"));
    JsonNode rounds = Manifests.JSON.readTree((String) page.evaluate(LOOP_JS,
        java.util.List.of(url("/test-media/mp4/h264-aac-moov-first.mp4"), PLAYERS)));
    System.out.println("[lifecycle] " + rounds);
    assertThat(rounds).hasSize(PLAYERS);
    for (JsonNode r : rounds) {
      assertThat(r.has("failed")).as("%s", r).isFalse();
      assertThat(r.get("audioPath").asText()).as("%s", r).isEqualTo("ring");
      assertThat(r.get("errors")).as("%s", r).isEmpty();
    }
  }
}
