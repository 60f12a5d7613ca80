package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A live HLS stream (server-dev's simulator looping the fMP4 fixture against the wall clock, a
 * window of five 2 s segments) on both paths, from the page: it starts near the live edge (the
 * latency from the segments' program date times, in {@code getStats()}, is the hold-back and at
 * most a segment more), plays on past the segments listed at the start (so the list was
 * reloaded and the reading went on), the picture follows the clock (the barcode moved by the
 * frames the position moved, modulo the fixture's 180 frames: it loops), the latency does not
 * drift (the catch-up), no error, no end.
 */
class LivePlaybackTest extends BrowserTest {
  static final String CASE_JS = """
      ([u, mode, vw]) => {
        %s
        return runCase({ mode }, async (p, out) => {
          await within(p.load(u), 20000, 'load');
          await p.play();
          if (!await until(() => p.currentTime > 0 && p.getStats().latency != null, 15000)) throw new Error('not playing within 15 s');
          await new Promise((r) => setTimeout(r, 1000));
          const sample = () => ({ time: p.currentTime, frame: readBarcode([p.element, vw]), wall: performance.now() / 1000,
            latency: p.getStats().latency, duration: p.duration });
          out.first = sample();
          await new Promise((r) => setTimeout(r, 5500)); // past what the first list offered (10 s)
          out.second = sample();
        });
      }""".formatted(MAKE_PLAYER + RUN_CASE + BenchTest.WAITS + FramePacing.JS);

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mse", "webcodecs"})
  void aLiveStreamPlaysNearItsEdgeAndGoesOnPastTheFirstList(String mode) throws Exception {
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(CASE_JS, List.of(url("/live/fmp4/index.m3u8"), mode, 640)));
    String report = out.toString();
    System.out.println("[live] " + mode + ": " + report);
    assertThat(out.has("failed")).as(report).isFalse();
    assertThat(out.get("events").toString()).as(report).doesNotContain("error").doesNotContain("ended");
    JsonNode a = out.get("first");
    JsonNode b = out.get("second");
    assertThat(a.get("duration").isNull() || a.get("duration").asText().equals("Infinity")).as("live: no duration: %s", report).isTrue();
    // near the edge: the hold-back (3 × 2 s) and at most a segment more, a second of slack for a loaded machine
    assertThat(a.get("latency").asDouble()).as(report).isBetween(4.0, 9.0);
    double played = b.get("time").asDouble() - a.get("time").asDouble();
    double wall = b.get("wall").asDouble() - a.get("wall").asDouble();
    assertThat(played).as("media played in %.1f s of wall time: %s", wall, report).isBetween(wall * 0.6, wall * 1.2);
    // the picture follows the position (the fixture loops every 180 frames)
    long off = Math.floorMod(b.get("frame").asLong() - a.get("frame").asLong() - Math.round(played * 30), 180);
    assertThat(Math.min(off, 180 - off)).as("frames the picture moved against %.2f s of media (mod 180): %s", played, report)
        .isLessThanOrEqualTo(4);
    assertThat(out.get("stats").get("playlistReloads").asInt()).as(report).isGreaterThanOrEqualTo(2);
    // the catch-up holds the latency at the hold-back (it runs up to 1.1× while behind): it does
    // not drift away while playing; a stall on a loaded machine is allowed half a second
    assertThat(b.get("latency").asDouble()).as("latency after %.1f s: %s", wall, report)
        .isLessThanOrEqualTo(Math.max(a.get("latency").asDouble(), 6.3) + 0.5);
    assertThat(out.get("stats").get("live").asBoolean()).isTrue();
  }
}
