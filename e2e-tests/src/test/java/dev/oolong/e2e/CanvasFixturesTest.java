package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture with a video track on the canvas path (issue 5: "every fixture whose codecs
 * WebCodecs supports"). Where the browser's WebCodecs supports the codecs (its own answer, {@code
 * VideoDecoder.isConfigSupported} for the codec string the engine's probe reports, is the
 * oracle), the fixture plays: every frame drawn is read back from the canvas in the engine (the
 * probe) and is the frame meant, each the next one; an audio track reaches the worklet (RMS of
 * the tone); a seek while paused draws the exact frame. Where the browser does not support the
 * video codec, or the track is encrypted (the canvas path has no EME), {@code load()} fails with
 * a critical {@code CODEC_UNSUPPORTED} and nothing hangs.
 */
class CanvasFixturesTest extends BrowserTest {
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
    if (!support.get("video").asBoolean()) {
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
      assertThat(s.get("audioMaster").asBoolean()).as(fixture).isTrue();
    }
    // Paused, a seek mid-frame draws that frame. FLV without an onMetaData keyframe index has no
    // seek points (README: not supported): the seek is refused with a recoverable error.
    page.evaluate("() => window.player.pause()");
    if (fixture.endsWith(".flv") && !fixture.contains("indexed")) {
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
