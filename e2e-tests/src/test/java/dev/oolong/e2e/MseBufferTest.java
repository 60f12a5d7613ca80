package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Buffer management on the MSE path, scaled down to the 6 s fixtures: the back-buffer limit
 * ({@code backBuffer: 1}: what lies more than a second behind the playhead is removed while the
 * stream plays to its end), the forward goal ({@code bufferGoal: 2}: loading holds two seconds
 * ahead of a paused element and goes on as it plays), and a hole in the media jumped over.
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
    // At 2×: the removals follow the playhead whatever its pace (and the suite spends half the time).
    page.evaluate("() => { window.player.playbackRate = 2; window.player.play(); }");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    JsonNode done = stats();
    assertThat(done.get("errors")).isEmpty();
    assertThat(done.get("evictions").asInt()).as("removals").isPositive();
    // What is left starts well after the beginning (or nothing is: MSE also drops the frames that
    // depend on removed ones, up to the next key frame).
    if (done.get("buffered").size() > 0) {
      double start = done.get("buffered").get(0).get(0).asDouble();
      assertThat(start - first).as("buffered at the end: %s", done.get("buffered")).isGreaterThan(2.0);
    }
  }

  private JsonNode stats() throws Exception {
    return MsePlaybackTest.stats(page);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "mp4/h264-aac-fragmented.mp4", "mp4/h264-aac-moov-last.mp4",
      "webm/vp9-opus.webm"})
  void theForwardGoalHoldsLoadingUntilPlaybackUsesIt(String fixture) throws Exception {
    String js = MsePlaybackTest.LOAD_JS.replace("{ muted: true }", "{ muted: true, bufferGoal: 2 }");
    assertThat(page.evaluate(js, url("/test-media/" + fixture))).isEqualTo("ok");
    page.waitForFunction("() => window.player.getStats().held", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    page.waitForTimeout(1000); // a held loader stays held: nothing more arrives
    JsonNode held = stats();
    double time = ((Number) page.evaluate("() => window.player.currentTime")).doubleValue();
    JsonNode ranges = held.get("buffered");
    assertThat(ranges).as("buffered").isNotEmpty();
    double end = ranges.get(ranges.size() - 1).get(1).asDouble();
    double duration = ((Number) page.evaluate("() => window.player.duration")).doubleValue();
    assertThat(held.get("held").asBoolean()).isTrue();
    assertThat(held.get("loading").asBoolean()).as("not everything loaded").isTrue();
    // The goal (less the last frames before the key frame the cut waits for), plus at most the
    // group of pictures that crossed it.
    assertThat(end - time).as("%s: buffered %s at %.3f", fixture, ranges, time)
        .isGreaterThanOrEqualTo(2.0 - 0.2).isLessThanOrEqualTo(2.0 + 1.2);
    assertThat(end).isLessThan(duration - 1);

    // Playback uses what is held and loading goes on (at 2×, as above).
    page.evaluate("() => { window.player.playbackRate = 2; window.player.play(); }");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    JsonNode done = stats();
    assertThat(done.get("errors")).isEmpty();
    assertThat(done.get("loading").asBoolean()).isFalse();
  }

  /**
   * A hole in the media (a stretch lost from a broadcast): the remuxer bridges it (the last frame
   * before it lasts until the next, the audio gets silence), so the buffer has no hole and the
   * element plays on; the frames after it are at their times. No hole is jumped: the TS's clock
   * starts at 1.4 s, media time at 0.
   */
  @Test
  void aHoleInTheMediaPlaysThroughWithTheRightFrames() throws Exception {
    // ts/hole.m2ts: the first 2 s of ts/h264-aac.ts (frame 0 at `first`), then its frames from
    // frame 90 on, starting at `resumed` (ffprobe's times for the file, less its start): no video
    // in between.
    double first = MsePlaybackTest.firstFrameTime("ts/hole.m2ts");
    double start = MsePlaybackTest.streamStart("ts/hole.m2ts"); // media time 0 in the file's times
    double resumed = java.nio.file.Files.readAllLines(TestEnv.testMedia().resolve("ts/hole.m2ts.packets.csv"))
        .stream().map(l -> l.split(",")).filter(f -> f[0].equals("0") && f[4].startsWith("K"))
        .mapToDouble(f -> Double.parseDouble(f[1]) - start).filter(t -> t > first + 2.5).min().orElseThrow();
    assertThat(page.evaluate(MsePlaybackTest.LOAD_JS, url("/test-media/ts/hole.m2ts"))).isEqualTo("ok");
    page.evaluate("() => window.player.play()");
    // Playing across the hole (Chromium stops at a hole in the buffered ranges).
    page.waitForFunction("(t) => window.player.currentTime > t", resumed + 0.3,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    page.evaluate("() => window.player.pause()");
    // The frames after the hole are where the file puts them: frame 90 + N at resumed + N / 30.
    double target = resumed + 0.6;
    page.evaluate(MsePlaybackTest.SEEK_JS, target);
    page.waitForTimeout(200);
    int index = Barcode.read(page, "video");
    assertThat(Math.abs(index - 90 - (target - resumed) * MsePlaybackTest.FPS))
        .as("frame %d at %.3f s (video resumes at %.3f s)", index, target, resumed).isLessThanOrEqualTo(1.0);
    page.evaluate("() => window.player.play()");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    JsonNode done = stats();
    assertThat(done.get("errors")).isEmpty();
    assertThat(done.get("holesSkipped").asInt()).as("holes jumped: none (media time starts at 0, no gap before"
        + " the TS's first frame)").isZero();
    assertThat(done.get("buffered")).as("bridged: one range").hasSize(1);
    assertThat(done.get("silentFrames").asInt()).as("silence in the audio's hole").isPositive();
  }

  /**
   * A seek past what is buffered (loading holds a second ahead), then back to the start: the
   * extraction moved to the seek target, and playback from the start must still get everything
   * in between (moved back when the playhead's range runs out, or continued) and play to the
   * end. What is left of the buffer has no hole but the slivers where two loads meet (the audio
   * frame that straddles a key frame), which the player jumps.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts"})
  void afterASeekAheadAndBackEverythingInBetweenPlays(String fixture) throws Exception {
    double first = MsePlaybackTest.firstFrameTime(fixture);
    String js = MsePlaybackTest.LOAD_JS.replace("{ muted: true }", "{ muted: true, bufferGoal: 1 }");
    assertThat(page.evaluate(js, url("/test-media/" + fixture))).isEqualTo("ok");
    page.waitForFunction("() => window.player.getStats().held", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    page.evaluate(MsePlaybackTest.SEEK_JS, first + 4.0);
    assertThat(((Number) page.evaluate("() => window.player.currentTime")).doubleValue())
        .as("the seek is not clamped to what is loaded").isCloseTo(first + 4.0, org.assertj.core.data.Offset.offset(0.05));
    page.waitForFunction("() => window.player.getStats().held", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    JsonNode split = stats();
    page.evaluate(MsePlaybackTest.SEEK_JS, first + 0.2);
    page.evaluate("() => window.player.play()");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    JsonNode done = stats();
    assertThat(done.get("errors")).isEmpty();
    JsonNode ranges = done.get("buffered");
    for (int i = 1; i < ranges.size(); i++) {
      assertThat(ranges.get(i).get(0).asDouble() - ranges.get(i - 1).get(1).asDouble())
          .as("holes left in %s (after the seek ahead: %s)", ranges, split.get("buffered")).isLessThan(0.1);
    }
    assertThat(ranges.get(0).get(0).asDouble()).isLessThan(first + 0.2);
  }
}
