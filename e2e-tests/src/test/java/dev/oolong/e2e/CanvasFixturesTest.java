package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture with a video track on the canvas path. Which ones play is written here, in {@link
 * #PLAYS} (what Debian's Chromium 156 decodes with WebCodecs, ../shared/PLATFORM.md), from the
 * codec ffprobe names and whether the file is encrypted — never from the browser's answer at run
 * time, so a codec lost in a regression cannot pass as "expected unsupported". The browser's own
 * answer ({@code VideoDecoder.isConfigSupported}) is still asked and must agree with the table: a
 * browser that changes fails here, loudly. A fixture that plays: every frame drawn is read back
 * from the canvas in the engine (the probe) and is the frame meant, strictly forward; an audio
 * track reaches the worklet (RMS of the tone); a seek while paused draws the exact frame. One that
 * does not (HEVC; encrypted: the canvas path has no EME): {@code load()} fails with a critical
 * {@code CODEC_UNSUPPORTED} and nothing hangs.
 */
class CanvasFixturesTest extends BrowserTest {
  /** Video codecs (ffprobe's names) this browser's WebCodecs decodes: true plays, false refuses. */
  static final java.util.Map<String, Boolean> PLAYS = java.util.Map.of(
      "h264", true, "vp8", true, "vp9", true, "av1", true, "hevc", false);

  /** Whether the fixture should play on the canvas path, from the table (encrypted: never). */
  static boolean expectedToPlay(String fixture) throws Exception {
    String codec = null;
    for (JsonNode s : Manifests.ffprobe(fixture).get("streams")) {
      if ("video".equals(s.get("codec_type").asText())) {
        codec = s.get("codec_name").asText();
        break;
      }
    }
    assertThat(PLAYS).as("%s: video codec %s is in the table (add it, with what this browser does)", fixture, codec)
        .containsKey(codec);
    return PLAYS.get(codec) && !encrypted(fixture);
  }

  /** An MP4 with a Common Encryption scheme box ({@code tenc}) in its header. */
  static boolean encrypted(String fixture) throws Exception {
    byte[] head;
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(TestEnv.testMedia().resolve(fixture))) {
      head = in.readNBytes(1 << 16);
    }
    return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).contains("tenc");
  }

  static List<String> fixtures() throws Exception {
    List<String> out = new ArrayList<>();
    for (String f : Manifests.files(".mp4", ".ts", ".flv", ".mkv", ".webm")) {
      for (JsonNode s : Manifests.ffprobe(f).get("streams")) {
        if ("video".equals(s.get("codec_type").asText())) {
          out.add(f);
          break;
        }
      }
    }
    return out;
  }

  /** The engine's probe of the fixture and the browser's answer for its video codec string. */
  static final String SUPPORT_JS = """
      async (u) => {
        const engine = await Oolong.createEngine();
        try {
          const info = await engine.probe(u);
          const v = info.tracks.find((t) => t.type === 'video');
          const a = info.tracks.find((t) => t.type === 'audio');
          const video = !!v && !v.encrypted && !!v.codecString
            && (await VideoDecoder.isConfigSupported({ codec: v.codecString })).supported === true;
          return JSON.stringify({ video, codec: v ? v.codecString : null, encrypted: !!v && v.encrypted, audio: !!a });
        } finally { engine.terminate(); }
      }""";

  static final String LOAD_JS = """
      async (u) => {
        %s
        const p = makePlayer({ mode: 'webcodecs' }, 640, 360);
        const timer = new Promise((r) => setTimeout(() => r('no answer within 15 s'), 15000));
        return Promise.race([timer, p.load(u).then(() => 'ok', (e) => e.severity + ' ' + e.codeName)]);
      }""".formatted(MAKE_PLAYER);

  private JsonNode stats() throws Exception {
    return Manifests.JSON.readTree((String) page.evaluate("() => JSON.stringify(window.player.getStats())"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void playsFrameExactWhereWebCodecsDecodesItAndFailsClearlyWhereNot(String fixture) throws Exception {
    page.navigate(url("/blank.html"));
    String u = url("/test-media/" + fixture);
    JsonNode support = Manifests.JSON.readTree((String) page.evaluate(SUPPORT_JS, u));
    Object loaded = page.evaluate(LOAD_JS, u);
    System.out.println("[fixtures] " + fixture + " " + support + " load: " + loaded);
    boolean plays = expectedToPlay(fixture);
    assertThat(support.get("video").asBoolean()).as("%s: the browser's WebCodecs answer (%s) against the table "
        + "(plays: %s); a changed browser must update the table", fixture, support, plays).isEqualTo(plays);
    if (!plays) {
      // The metadata waits for the browser's answer: load() itself fails.
      assertThat(loaded).as("%s: %s; events %s; stats %s", fixture, support, page.evaluate("() => window.events.join(',')"),
          page.evaluate("() => JSON.stringify(window.player.getStats().errors.map((e) => e.message))"))
          .isEqualTo("CRITICAL CODEC_UNSUPPORTED");
      return;
    }
    assertThat(loaded).as(fixture).isEqualTo("ok");
    double first = MsePlaybackTest.firstFrameTime(fixture);
    page.waitForFunction("() => window.events.includes('loadeddata')", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    page.evaluate("() => { window.player._probe(true); window.player.play(); }");
    page.waitForFunction("(t) => window.player.getStats().mediaTime > t", first + 1.5,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    JsonNode s = stats();
    System.out.println("[fixtures] " + fixture + " " + s.toString().replaceAll("\"draws\":\\[.*?\\]\\]", "\"draws\":[...]"));
    assertThat(s.get("errors")).as(fixture).isEmpty();
    assertThat(Barcode.checkDraws(s, first, MsePlaybackTest.FPS).draws()).as("%s: draws read back", fixture)
        .isGreaterThanOrEqualTo(25);
    if (support.get("audio").asBoolean()) {
      assertThat(s.get("audioRms").asDouble()).as("%s: the worklet played the tone", fixture).isGreaterThan(0.05);
      // Audio is the clock (a loaded machine can starve it for a moment: it must be again within 3 s).
      page.waitForFunction("() => window.player.getStats().audioMaster", null,
          new Page.WaitForFunctionOptions().setTimeout(3_000));
    }
    // Paused, a seek mid-frame draws that frame. FLV without an onMetaData keyframe index, and
    // fragments without sidx or mfra, have no seek points (README: not supported): the seek is
    // refused with a recoverable error.
    page.evaluate("() => window.player.pause()");
    if (fixture.endsWith(".flv") && !fixture.contains("indexed") || fixture.contains("cmaf")) {
      page.evaluate("() => window.player.seek(3)");
      page.waitForFunction("() => window.events.some((e) => e.startsWith('error RECOVERABLE PLAYER_INVALID_ARGUMENT'))", null,
          new Page.WaitForFunctionOptions().setTimeout(5_000));
      page.evaluate("() => window.player.destroy()");
      return;
    }
    double at = first + 3.0 + 0.5 / MsePlaybackTest.FPS;
    int expected = (int) Math.floor((at - first) * MsePlaybackTest.FPS);
    page.evaluate("(t) => window.player.seek(t)", at);
    page.waitForFunction("(e) => { const d = window.player.getStats().probe.draws;"
        + " return window.events.includes('seeked') && d.length > 0 && d[d.length - 1][1] === e; }", expected,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    assertThat(stats().get("errors")).as(fixture).isEmpty();
    page.evaluate("() => window.player.destroy()");
  }
}
