package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The back-buffer limit, scaled down to the 6 s fixtures: with {@code backBuffer: 1} what lies
 * more than a second behind the playhead is removed from the SourceBuffer while the stream plays
 * to its end.
 */
class MseBufferTest extends BrowserTest {
  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "webm/vp9-opus.webm"})
  void theBackBufferIsRemoved(String fixture) throws Exception {
    double first = MsePlaybackTest.firstFrameTime(fixture);
    String js = MsePlaybackTest.LOAD_JS.replace("{ muted: true }", "{ muted: true, backBuffer: 1 }");
    assertThat(page.evaluate(js, url("/test-media/" + fixture))).isEqualTo("ok");
    page.evaluate("() => window.player.play()");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    JsonNode done = Manifests.JSON.readTree((String) page.evaluate("() => JSON.stringify(window.player.getStats())"));
    assertThat(done.get("errors")).isEmpty();
    assertThat(done.get("evictions").asInt()).as("removals").isPositive();
    // What is left starts well after the beginning (or nothing is: MSE also drops the frames that
    // depend on removed ones, up to the next key frame).
    if (done.get("buffered").size() > 0) {
      double start = done.get("buffered").get(0).get(0).asDouble();
      assertThat(start - first).as("buffered at the end: %s", done.get("buffered")).isGreaterThan(2.0);
    }
  }
}
