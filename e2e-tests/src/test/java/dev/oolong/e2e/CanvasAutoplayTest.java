package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The browser's autoplay policy (issue 5; the MSE path's since issue 15): Chromium launched with
 * its desktop policy (audio only after a user activation). On the canvas path an autoplaying
 * player must say so
 * ({@code autoplayblocked}, a recoverable {@code PLAYER_AUDIO_UNAVAILABLE}), play the picture
 * muted on its own clock, and bring the sound in where the picture is when the user unmutes with
 * a real click (Playwright's input events are trusted).
 *
 * <p>Playwright runs every {@code evaluate} as a user gesture, which would lift the policy. So
 * after navigating, this test never evaluates: the page starts the player from its own script and
 * reports its state on the console every 100 ms, and the only input is the click.
 */
class CanvasAutoplayTest extends BrowserTest {
  static final String FIXTURE = "mp4/h264-aac-moov-first.mp4";

  /** Runs in the page without a gesture: the player, an unmute button, and the state reports. */
  static final String PAGE_SCRIPT = """
      window.addEventListener('DOMContentLoaded', () => {
        const box = document.createElement('div');
        box.style.width = '640px'; box.style.height = '360px';
        document.body.appendChild(box);
        const button = document.createElement('button');
        button.id = 'unmute'; button.textContent = 'Sound';
        document.body.appendChild(button);
        const events = [];
        const player = Oolong.createPlayer(box, { mode: 'webcodecs', autoplay: true });
        button.onclick = () => { player.muted = false; };
        for (const n of ['autoplayblocked', 'volumechange', 'playing', 'error'])
          player.on(n, (e) => events.push(n === 'error' ? 'error ' + e.codeName : n));
        player.load(%s).catch((e) => events.push('load failed ' + e.codeName));
        const barcode = %s;
        setInterval(() => console.log('oolong-state ' + JSON.stringify({ events, muted: player.muted,
          time: player.currentTime, now: performance.now(), frame: barcode(player.element),
          stats: player.getStats() })), 100);
      });""";

  private final AtomicReference<JsonNode> state = new AtomicReference<>();

  @Override
  protected List<String> browserArgs() {
    // Headless Chromium lets audio start without a gesture unless told its desktop default.
    return super.browserArgs().stream()
        .map(a -> a.startsWith("--autoplay-policy=") ? "--autoplay-policy=document-user-activation-required" : a)
        .toList();
  }

  /** Waits (without touching the page) for a state report that satisfies {@code test}. */
  private JsonNode await(String what, Predicate<JsonNode> test, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      JsonNode s = state.get();
      if (s != null && test.test(s)) {
        return s;
      }
      page.waitForTimeout(50);
    }
    throw new AssertionError("not within " + seconds + " s: " + what + "; last state " + state.get());
  }

  /** The page's state reports (console lines) become {@link #state}; a previous test's are forgotten. */
  private void listen() {
    state.set(null);
    page.onConsoleMessage(m -> {
      if (m.text().startsWith("oolong-state ")) {
        try {
          state.set(Manifests.JSON.readTree(m.text().substring(13)));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });
  }

  private static boolean has(JsonNode s, String event) {
    for (JsonNode e : s.get("events")) {
      if (e.asText().equals(event)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void autoplayWithoutAGestureStartsMutedAndAClickBringsTheSoundIn() throws Exception {
    double first = MsePlaybackTest.firstFrameTime(FIXTURE);
    listen();
    String media = Manifests.JSON.writeValueAsString(url("/test-media/" + FIXTURE));
    page.addInitScript(PAGE_SCRIPT.formatted(media, Barcode.READ_JS));
    page.navigate(url("/blank.html"));

    JsonNode blocked = await("autoplayblocked", s -> has(s, "autoplayblocked"), 10);
    assertThat(has(blocked, "error PLAYER_AUDIO_UNAVAILABLE")).as("%s", blocked).isTrue();
    assertThat(blocked.get("muted").asBoolean()).isTrue();

    // Muted, the picture plays in real time on the wall clock, the frame shown follows it.
    JsonNode a = await("playing past 1 s", s -> s.get("time").asDouble() > first + 1.0, 10);
    JsonNode b = await("one more second", s -> s.get("now").asDouble() - a.get("now").asDouble() > 1000, 5);
    // Both on the page's clock (each report says when it was made: a loaded machine delivers
    // them late). Never faster than the wall; slower only by bounded stalls (0.77 was seen with
    // one core busy when timed at the reports' arrival); the idle figure is the bench's.
    double rate = (b.get("time").asDouble() - a.get("time").asDouble())
        / ((b.get("now").asDouble() - a.get("now").asDouble()) / 1000);
    System.out.println("[autoplay] held: " + b);
    assertThat(rate).as("media seconds per wall second while muted").isBetween(0.6, 1.1);
    JsonNode held = b.get("stats");
    assertThat(held.get("audioHeld").asBoolean()).isTrue();
    assertThat(held.get("audioMaster").asBoolean()).isFalse();
    assertThat(held.get("audioPlayedFrames").asLong()).isZero();
    assertThat(Math.abs(b.get("frame").asInt() - (b.get("time").asDouble() - first) * MsePlaybackTest.FPS))
        .as("frame on the canvas against the clock: %s", b).isLessThanOrEqualTo(6.0);

    // The user's click: the sound comes in and is the clock again.
    page.click("#unmute");
    JsonNode master = await("audio master", s -> s.get("stats").get("audioMaster").asBoolean(), 5);
    long wallM = System.nanoTime();
    JsonNode on = await("two seconds with sound", s -> System.nanoTime() - wallM > 2_000_000_000L, 4);
    System.out.println("[autoplay] after the click: " + on);
    JsonNode s = on.get("stats");
    assertThat(s.get("audioHeld").asBoolean()).isFalse();
    assertThat(on.get("muted").asBoolean()).isFalse();
    assertThat(s.get("audioPlayedFrames").asLong()).isPositive();
    assertThat(s.get("audioRms").asDouble()).as("the worklet played the tone").isGreaterThan(0.05);
    assertThat(s.get("avSamples").asInt()).as("frames shown on the audio clock").isGreaterThan(10);
    // Over the frames since the sound came in, the rejoin included: within the scheduler's
    // lateness bound on any machine (9–15 ms p95 measured idle). The rejoin's own timing (the
    // audio starts where the picture will be when it is heard, so the clock does not hold: 84 ms
    // standstill without it) is proven on a fake clock in CanvasSessionTest.
    assertThat(s.get("avOffsetP95Ms").asDouble()).as("A/V offset p95 since the sound came in")
        .isLessThanOrEqualTo(CanvasPlaybackTest.LATE_MS);
    assertThat(on.get("time").asDouble()).as("the clock went on from where the picture was")
        .isGreaterThan(master.get("time").asDouble());
    assertThat(on.get("events").toString().split("error", -1)).as("%s", on).hasSize(2); // only the one above
  }

  /** The MSE path without a gesture: the element refuses to play with sound. */
  static final String MSE_PAGE_SCRIPT = """
      window.addEventListener('DOMContentLoaded', () => {
        const box = document.createElement('div');
        box.style.width = '640px'; box.style.height = '360px';
        document.body.appendChild(box);
        const events = [];
        const player = Oolong.createPlayer(box, { mode: 'mse', autoplay: true });
        for (const n of ['autoplayblocked', 'playing', 'error'])
          player.on(n, (e) => events.push(n === 'error' ? 'error ' + e.codeName : n));
        player.load(%s).catch((e) => events.push('load failed ' + e.codeName));
        setInterval(() => console.log('oolong-state ' + JSON.stringify({ events, muted: player.muted,
          paused: player.paused, time: player.currentTime, now: performance.now(), stats: {} })), 100);
      });""";

  /**
   * On the MSE path a refused autoplay is said too ({@code autoplayblocked}; it was silent): the
   * element stays paused until {@code play()} comes from a gesture.
   */
  @Test
  void aRefusedAutoplayOnTheMsePathIsSaid() throws Exception {
    listen();
    page.addInitScript(MSE_PAGE_SCRIPT.formatted(Manifests.JSON.writeValueAsString(url("/test-media/" + FIXTURE))));
    page.navigate(url("/blank.html"));
    JsonNode blocked = await("autoplayblocked", s -> has(s, "autoplayblocked"), 10);
    assertThat(blocked.get("paused").asBoolean()).as("%s", blocked).isTrue();
    assertThat(has(blocked, "playing")).as("%s", blocked).isFalse();
  }
}
