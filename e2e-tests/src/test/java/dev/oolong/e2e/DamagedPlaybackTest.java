package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files cut short play what is there, on both paths, judged by ffmpeg's decode of the same bytes
 * ({@code damaged/FILE.frames}, from the test media script): the page sees frames only go forward
 * and the last whole frame at the end; {@code ended} comes once, with one recoverable {@code
 * CONTAINER_TRUNCATED} and no critical error; the clock stops at the end of the media that is
 * there (not at the container's stated duration). Played at 4×: the path to the end is what is
 * tested, not real time.
 */
class DamagedPlaybackTest extends BrowserTest {
  static final double FPS = MsePlaybackTest.FPS;

  static final String JS = """
      async ([u, mode, vw]) => {
        %s
        const out = {};
        const p = makePlayer({ mode }, 640, 360);
        try {
          try { await within(p.load(u), 20000, 'load'); }
          catch (e) { out.loadError = e.severity + ' ' + e.codeName + ': ' + e.message; return JSON.stringify(out); }
          p.playbackRate = 4;
          startPacing(p.element, vw);
          await p.play();
          out.ended = await until(() => window.events.includes('ended'), 20000);
          out.pacing = stopPacing();
          await new Promise((r) => setTimeout(r, 300)); // the clock must not run on
          out.timeEnd = p.currentTime;
          out.durationEnd = p.duration;
          out.lastFrame = readBarcode([p.element, vw]);
        } catch (e) {
          out.failed = String(e.message || e);
        }
        out.events = window.events;
        p.destroy();
        return JSON.stringify(out);
      }""".formatted(MAKE_PLAYER + BenchTest.WAITS + FramePacing.JS);

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"cut50-mp4-h264-aac-moov-first.mp4,mse", "cut50-mp4-h264-aac-moov-first.mp4,webcodecs",
      "cut50-ts-h264-aac.ts,mse", "cut50-ts-h264-aac.ts,webcodecs",
      "cut50-flv-h264-aac.flv,mse", "cut50-flv-h264-aac.flv,webcodecs",
      "cut50-webm-vp9-opus.webm,mse", "cut50-webm-vp9-opus.webm,webcodecs"})
  void aFileCutShortPlaysWhatIsThereAndEndsWithAWarning(String file, String mode) throws Exception {
    String damaged = "damaged/" + file;
    String source = file.substring(file.indexOf('-') + 1).replaceFirst("-", "/");
    String[] oracle = Files.readString(TestEnv.testMedia().resolve(damaged + ".frames")).trim().split(" ");
    int decodable = Integer.parseInt(oracle[0]);
    double first = MsePlaybackTest.firstFrameTime(source);
    String what = damaged + " on " + mode;
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(JS, List.of(url("/test-media/" + damaged), mode,
        BothPathsFixturesTest.videoWidth(source))));
    String report = out.toString().replaceAll("\"pacing\":\\[.*?\\]\\]", "\"pacing\":[...]");
    System.out.println("[damaged] " + what + ": " + report);
    assertThat(out.has("loadError") || out.has("failed")).as("%s: %s", what, report).isFalse();
    assertThat(out.get("ended").asBoolean()).as("%s: ended (%s)", what, report).isTrue();
    List<String> events = new ArrayList<>();
    out.get("events").forEach(e -> events.add(e.asText()));
    assertThat(events.stream().filter("ended"::equals)).as("%s: %s", what, events).hasSize(1);
    assertThat(events.stream().filter(e -> e.startsWith("error CRITICAL"))).as("%s: %s", what, events).isEmpty();
    assertThat(events.stream().filter(e -> e.startsWith("error RECOVERABLE CONTAINER_TRUNCATED")))
        .as("%s: %s", what, events).hasSize(1);
    FramePacing.Result pacing = FramePacing.analyse(out.get("pacing"), FPS);
    assertThat(pacing.backwards()).as("%s: frames going back: %s", what, pacing).isZero();
    // ffmpeg decodes frames 0 .. decodable - 1 from these bytes: the last of them shows at the end
    // (one frame of slack: the last frame of a file cut inside it may be ffmpeg's concealment).
    assertThat(out.get("lastFrame").asInt()).as("%s: the frame shown at the end (ffmpeg decodes %d): %s",
        what, decodable, report).isBetween(decodable - 2, decodable - 1);
    double end = first + decodable / FPS;
    assertThat(out.get("timeEnd").asDouble()).as("%s: the clock at the end (the media ends at %.3f)", what, end)
        .isBetween(end - 0.1, end + 0.25);
    assertThat(out.get("durationEnd").asDouble()).as("%s: duration at the end", what)
        .isBetween(end - 0.1, end + 0.25);
  }
}
