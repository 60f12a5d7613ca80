package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one public {@code Player}, the same on both paths: the same event payloads and stats
 * fields, the engine's state in the stats, and a second {@code load()} that replaces the media
 * (on the canvas path it hung: a canvas hands its control to a worker only once).
 */
class PlayerApiTest extends BrowserTest {
  static final String FIRST = "mp4/h264-aac-moov-first.mp4";
  static final String SECOND = "ts/h264-aac.ts";

  static final String TWO_LOADS_JS = """
      async ([first, second, mode]) => {
        %s
        const p = makePlayer({ mode, muted: true }, 640, 360);
        const payloads = {};
        for (const n of ['loadedmetadata', 'playing', 'timeupdate', 'seeked', 'durationchange'])
          p.on(n, (e) => { payloads[n] = Object.keys(e).sort().join(','); });
        const data = () => new Promise((r) => { const off = p.on('loadeddata', () => { off(); r(); }); });
        const out = {};
        try {
          let loaded = data();
          await within(p.load(first), 15000, 'first load');
          await within(loaded, 15000, 'first loadeddata');
          await p.play();
          if (!await until(() => p.currentTime > 0.5, 15000)) throw new Error('not playing past 0.5 s within 15000 ms');
          out.statsWhilePlaying = p.getStats();
          loaded = data();
          await within(p.load(second), 15000, 'second load');
          await within(loaded, 15000, 'second loadeddata');
          await p.play();
          // A TS's length is an estimate once a second of key frames was read: unknown (Infinity)
          // until then, which a loaded machine can make last past loadeddata.
          if (!await until(() => Number.isFinite(p.duration), 10000)) throw new Error('no finite duration within 10000 ms');
          out.durationAfterSecond = p.duration;
          const t0 = p.currentTime;
          if (!await until(() => p.currentTime > t0 + 1, 15000)) throw new Error('the second media did not play on 1 s within 15000 ms');
          out.ok = true;
        } catch (e) {
          out.failed = String(e.message || e);
        }
        out.payloads = payloads;
        out.path = p.path;
        out.element = p.element.tagName;
        out.events = window.events;
        out.statsAtEnd = p.getStats();
        p.destroy();
        return JSON.stringify(out);
      }""".formatted(MAKE_PLAYER + BenchTest.WAITS);

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mse", "webcodecs"})
  void aSecondLoadReplacesTheMediaAndEventsAndStatsHaveOneShape(String mode) throws Exception {
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(TWO_LOADS_JS,
        List.of(url("/test-media/" + FIRST), url("/test-media/" + SECOND), mode)));
    System.out.println("[player-api] " + mode + ": " + out);
    assertThat(out.has("failed")).as("%s", out).isFalse();
    assertThat(out.get("path").asText()).isEqualTo("mse".equals(mode) ? "mse" : "canvas");
    assertThat(out.get("element").asText()).isEqualTo("mse".equals(mode) ? "VIDEO" : "CANVAS");
    double ffDuration = Manifests.ffprobe(SECOND).get("format").get("duration").asDouble();
    assertThat(out.get("durationAfterSecond").asDouble()).as("the second media's length")
        .isBetween(ffDuration * 0.75, ffDuration * 1.25);
    // Every event carries the same fields on both paths.
    out.get("payloads").fields().forEachRemaining(e -> assertThat(e.getValue().asText()).as(e.getKey())
        .isEqualTo("currentTime,duration,paused,playbackRate,type"));
    assertThat(out.get("payloads").size()).as("%s", out.get("payloads")).isGreaterThanOrEqualTo(4);
    // One stats shape: the common fields, the engine's state.
    JsonNode s = out.get("statsWhilePlaying");
    for (String field : List.of("path", "pathReason", "pathSwitches", "state", "loading", "held", "errors")) {
      assertThat(s.has(field)).as("stats field %s: %s", field, s).isTrue();
    }
    assertThat(s.get("state").asText()).as("%s", s).isIn("playing", "buffering");
    assertThat(out.get("events").toString()).doesNotContain("error");
  }
}
