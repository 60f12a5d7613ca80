package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * One timeline on both paths: a length not known yet reads as unknown, never as a wrong number.
 * (Transport streams whose clock starts ten hours in, or 1.3 s before the 33-bit wrap, are in
 * {@link BothPathsFixturesTest}: media time from 0, seeks past the wrap to the exact frame.)
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
