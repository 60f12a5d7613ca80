package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One timeline on both paths: transport streams whose clock starts at 1.4 s (ffmpeg's default),
 * ten hours in, and 1.3 s before the 33-bit wrap (which the stream then crosses) all play from
 * media time 0. Before play {@code currentTime} is 0; a seek past the wrap shows the frame of its
 * target (the barcode against the position: frame N at {@code first + N / 30}); {@code duration}
 * is an estimate within a quarter of ffprobe's until the end is read, and ffprobe's (±0.1 s)
 * once it was; {@code ended} fires once.
 */
class TimelineTest extends BrowserTest {
  static final String LOAD_JS = """
      async ([u, mode]) => {
        %s
        const p = makePlayer({ mode, muted: true }, 640, 360);
        try { await within(p.load(u), 20000, 'load'); return 'ok'; }
        catch (e) { return 'error ' + e.codeName + ': ' + e.message; }
      }""".formatted(MAKE_PLAYER + BenchTest.WAITS);

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  private double number(String js) {
    return ((Number) page.evaluate(js)).doubleValue();
  }

  @ParameterizedTest
  @CsvSource({"ts/near-wrap.m2ts, mse", "ts/near-wrap.m2ts, webcodecs", "ts/late-start.m2ts, mse",
      "ts/late-start.m2ts, webcodecs"})
  void playsFromZeroThroughTheWrap(String fixture, String mode) throws Exception {
    double first = MsePlaybackTest.firstFrameTime(fixture);
    double ffDuration = Manifests.ffprobe(fixture).get("format").get("duration").asDouble();
    assertThat(page.evaluate(LOAD_JS, List.of(url("/test-media/" + fixture), mode))).isEqualTo("ok");
    page.waitForFunction("() => window.events.includes('loadeddata')", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    String what = fixture + " on " + mode;
    assertThat(number("() => window.player.currentTime")).as("%s: before play", what).isBetween(0.0, 0.05);
    // The estimate comes once a second of key frames was read (unknown, Infinity, until then:
    // on a loaded machine that can be after loadeddata); paused, the extraction runs that far.
    page.waitForFunction("() => Number.isFinite(window.player.duration)", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    double estimate = number("() => window.player.duration");
    assertThat(estimate).as("%s: the duration before the end is read (ffprobe: %.3f)", what, ffDuration)
        .isBetween(ffDuration * 0.75, ffDuration * 1.25);

    // Past the wrap (1.3 s in for near-wrap), mid-frame: exactly one frame holds the target.
    String element = "mse".equals(mode) ? "video" : "canvas";
    for (double target : new double[] {first + 0.5, first + 2.0, first + 4.5}) {
      double at = target + 0.5 / MsePlaybackTest.FPS;
      page.evaluate(CanvasPlaybackTest.SEEK_JS, at); // player.on('seeked'): either path
      int expected = (int) Math.floor((at - first) * MsePlaybackTest.FPS);
      int shown = Barcode.read(page, element);
      assertThat(Math.abs(shown - expected)).as("%s: seek to %.4f showed frame %d, expected %d (currentTime %.3f)",
          what, at, shown, expected, number("() => window.player.currentTime")).isLessThanOrEqualTo(1);
    }

    // Plays on from there to the end: 'ended' once, the duration ffprobe's.
    page.evaluate("() => window.player.play()");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    page.waitForTimeout(300);
    @SuppressWarnings("unchecked")
    List<String> events = (List<String>) page.evaluate("() => window.events");
    assertThat(events.stream().filter("ended"::equals)).as(what).hasSize(1);
    assertThat(events.stream().filter(e -> e.startsWith("error"))).as(what).isEmpty();
    assertThat(number("() => window.player.duration")).as("%s: the duration at the end", what)
        .isCloseTo(ffDuration, org.assertj.core.data.Offset.offset(0.1));
    assertThat(number("() => window.player.currentTime")).as("%s: the position at the end", what)
        .isCloseTo(ffDuration, org.assertj.core.data.Offset.offset(0.2));
  }

  /**
   * Fragments without sidx, mfra or mehd (CMAF segments joined into one file): the length is not
   * known until the end is read. {@code duration} reads {@code Infinity} (unknown) until then,
   * and ffprobe's after; never a finite number that is wrong (the MSE element's growing end of
   * what is appended, 2.045 s once). Every value it takes is recorded at its durationchange.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"mse", "webcodecs"})
  void aLengthNotKnownYetReadsUnknownNeverWrong(String mode) throws Exception {
    String fixture = "mp4/h264-aac-cmaf.mp4";
    double ffDuration = Manifests.ffprobe(fixture).get("format").get("duration").asDouble();
    page.evaluate("() => { window.durations = []; }");
    String recording = LOAD_JS.replace("const p = makePlayer({ mode, muted: true }, 640, 360);",
        "const p = makePlayer({ mode, muted: true }, 640, 360);"
            + " p.on('durationchange', (e) => window.durations.push(String(e.duration)));");
    assertThat(page.evaluate(recording, List.of(url("/test-media/" + fixture), mode))).isEqualTo("ok");
    page.waitForFunction("() => window.events.includes('loadeddata')", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    page.evaluate("() => window.player.play()");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    @SuppressWarnings("unchecked")
    List<String> durations = (List<String>) page.evaluate("() => window.durations");
    String what = fixture + " on " + mode + ": durations " + durations;
    assertThat(durations).as(what).isNotEmpty();
    for (String d : durations) {
      if (!"Infinity".equals(d)) {
        assertThat(Double.parseDouble(d)).as(what).isCloseTo(ffDuration, org.assertj.core.data.Offset.offset(0.1));
      }
    }
    assertThat(number("() => window.player.duration")).as("%s: the duration at the end", what)
        .isCloseTo(ffDuration, org.assertj.core.data.Offset.offset(0.1));
  }
}
