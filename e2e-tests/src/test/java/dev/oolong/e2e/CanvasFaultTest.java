package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults outside the media on the canvas path: the player never hangs and says what happened.
 *
 * <ul>
 *   <li>The AudioWorklet's module never arrives (the request is held by Playwright's router, as a
 *       stalled server would): {@code load()} still resolves, a recoverable
 *       {@code PLAYER_AUDIO_UNAVAILABLE} says why, and the picture plays on the wall clock.
 *   <li>The engine's worker hits an uncaught error (thrown inside the real worker through
 *       Playwright's worker handle): every player on it gets a critical
 *       {@code PLAYER_ENGINE_CRASHED}, a pending {@code load()} rejects with it.
 * </ul>
 */
class CanvasFaultTest extends BrowserTest {
  static final String FIXTURE = "/test-media/mp4/h264-aac-moov-first.mp4";

  /** Makes a canvas player, records its events, starts {@code load(u)} (kept in window.loading). */
  static final String START_JS = """
      (u) => {
        %s
        const p = makePlayer({ mode: 'webcodecs' }, 320, 180);
        window.outcome = null;
        window.loading = p.load(u).then(() => window.outcome = 'ok',
          (e) => window.outcome = 'rejected ' + e.codeName + ': ' + e.message);
      }""".formatted(MAKE_PLAYER);

  /** Requests held unanswered (a stalled server). */
  private final List<Route> held = new CopyOnWriteArrayList<>();

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  private JsonNode stats() throws Exception {
    return Manifests.JSON.readTree((String) page.evaluate("() => JSON.stringify(window.player.getStats())"));
  }

  private String outcomeWithin(int ms) {
    page.waitForFunction("() => window.outcome !== null", null, new Page.WaitForFunctionOptions().setTimeout(ms));
    return (String) page.evaluate("() => window.outcome");
  }

  @Test
  void aWorkletModuleThatNeverArrivesLeavesThePicturePlayingWithoutSound() throws Exception {
    // Playwright's router does not see a worklet's module request; Chromium's own request
    // interception (DevTools Fetch domain) does: the request is paused and never continued.
    CDPSession cdp = context.newCDPSession(page);
    List<String> paused = new CopyOnWriteArrayList<>();
    cdp.on("Fetch.requestPaused", e -> paused.add(e.getAsJsonObject("request").get("url").getAsString()));
    JsonObject pattern = new JsonObject();
    pattern.addProperty("urlPattern", "*oolong-audio-worklet.js*");
    JsonArray patterns = new JsonArray();
    patterns.add(pattern);
    JsonObject params = new JsonObject();
    params.add("patterns", patterns);
    cdp.send("Fetch.enable", params);
    page.evaluate(START_JS, url(FIXTURE));
    // The audio graph's bound is 5 s; load resolves after it, not never.
    assertThat(outcomeWithin(15_000)).isEqualTo("ok");
    assertThat(paused).as("the worklet module was requested and held").isNotEmpty();
    page.evaluate("() => window.player.play()");
    page.waitForFunction("() => window.player.getStats().renderedFrames >= 30", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    JsonNode s = stats();
    System.out.println("[fault] worklet held: " + s + " " + page.evaluate("() => window.events.join(' | ')"));
    assertThat(s.get("audioPath").asText()).isEqualTo("none");
    assertThat(s.get("audioMaster").asBoolean()).isFalse();
    JsonNode errors = s.get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("codeName").asText()).isEqualTo("PLAYER_AUDIO_UNAVAILABLE");
    assertThat(errors.get(0).get("severity").asText()).isEqualTo("RECOVERABLE");
    assertThat(errors.get(0).get("data").get("reason").asText()).contains("did not load within 5000 ms");
    // The wall clock leads: media time keeps pace with real time.
    double t0 = ((Number) page.evaluate("() => window.player.getStats().mediaTime")).doubleValue();
    page.waitForTimeout(1000);
    double t1 = ((Number) page.evaluate("() => window.player.getStats().mediaTime")).doubleValue();
    assertThat(t1 - t0).as("media time over 1 s of wall time").isBetween(0.6, 1.4);
  }

  @Test
  void anEngineWorkerCrashFailsItsPlayersAndTheirPendingLoad() throws Exception {
    context.route("**" + FIXTURE, held::add); // the load stays pending
    page.evaluate(START_JS, url(FIXTURE));
    page.waitForCondition(() -> !held.isEmpty(), new Page.WaitForConditionOptions().setTimeout(15_000));
    Worker engine = page.workers().stream().filter(w -> w.url().endsWith("oolong-worker.js")).findFirst().orElseThrow();
    engine.evaluate("() => { setTimeout(() => { throw new Error('injected by CanvasFaultTest'); }, 0); }");
    String outcome = outcomeWithin(10_000);
    System.out.println("[fault] worker crash: " + outcome + " " + page.evaluate("() => window.events.join(' | ')"));
    assertThat(outcome).startsWith("rejected PLAYER_ENGINE_CRASHED").contains("injected by CanvasFaultTest");
    JsonNode s = stats();
    JsonNode errors = s.get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("codeName").asText()).isEqualTo("PLAYER_ENGINE_CRASHED");
    assertThat(errors.get(0).get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(errors.get(0).get("data").get("reason").asText()).contains("injected by CanvasFaultTest");
    assertThat((String) page.evaluate("() => window.events.join(' | ')")).contains("CRITICAL PLAYER_ENGINE_CRASHED");
    // Calls on the failed player neither throw nor hang.
    page.evaluate("() => { window.player.pause(); window.player.seek(1); window.player.destroy(); }");
  }

  @Test
  void anUnknownVideoRenderFailsTheLoadWithAnInvalidArgument() {
    Object outcome = page.evaluate("""
        async (u) => {
          const box = document.createElement('div');
          document.body.appendChild(box);
          const p = Oolong.createPlayer(box, { mode: 'webcodecs', videoRender: 'texture' });
          const timer = new Promise((r) => setTimeout(() => r('no answer within 10 s'), 10000));
          return Promise.race([timer, p.load(u).then(() => 'ok',
            (e) => e.severity + ' ' + e.codeName + ' ' + e.data.argument)]);
        }""", url(FIXTURE));
    assertThat(outcome).isEqualTo("CRITICAL PLAYER_INVALID_ARGUMENT videoRender");
  }
}
