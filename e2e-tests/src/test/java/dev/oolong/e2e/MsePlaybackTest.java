package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Playback through MSE in Chromium: the engine worker demuxes and remuxes, its MediaSource is
 * attached to a real {@code <video>}. For each container the barcode read from the element's
 * pixels must match its {@code currentTime}, a seek must show the frame at the target, audio
 * must be decoded, {@code ended} must fire once, and {@code destroy()} must leave nothing behind.
 * VP8/Vorbis goes out as a WebM byte stream, MP3 as {@code audio/mpeg}, the rest as fMP4.
 */
class MsePlaybackTest extends BrowserTest {
  static final double FPS = 30;

  static final String LOAD_JS = """
      async (u) => {
        const div = document.createElement('div');
        div.id = 'box';
        document.body.appendChild(div);
        window.events = [];
        window.player = Oolong.createPlayer(div, { muted: true });
        for (const n of ['ended', 'seeked', 'error', 'playing']) window.player.on(n, (e) => window.events.push(n));
        try { await window.player.load(u); return 'ok'; }
        catch (e) { return 'error ' + e.codeName + ': ' + e.message; }
      }""";

  /** Seeks the player to {@code t} and resolves at {@code seeked}; rejects after 10 s without it. */
  static final String SEEK_JS = """
      (t) => new Promise((r, j) => {
        const timer = setTimeout(() => j(new Error('no seeked within 10 s of seek(' + t + '); currentTime '
            + window.player.currentTime + ', stats ' + JSON.stringify(window.player.getStats()))), 10000);
        window.player.element.addEventListener('seeked', () => { clearTimeout(timer); r(); }, { once: true });
        window.player.seek(t); })""";

  /** The player's {@code getStats()}. */
  static JsonNode stats(Page page) throws Exception {
    return Manifests.JSON.readTree((String) page.evaluate("() => JSON.stringify(window.player.getStats())"));
  }

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  /** The media time of the fixture's first video frame (its barcode index 0), from ffprobe's packet list. */
  static double firstFrameTime(String fixture) throws Exception {
    return dev.oolong.FfprobePackets.firstVideoFrameUs(fixture) / 1e6;
  }

  /** The stream's start in the container's own times (0 for MP4): media time 0 there. */
  static double streamStart(String fixture) throws Exception {
    return dev.oolong.FfprobePackets.mediaOriginUs(fixture) / 1e6;
  }

  private double currentTime() {
    return ((Number) page.evaluate("() => window.player.currentTime")).doubleValue();
  }

  /**
   * Waits until the element has painted the frame of its current position: its next frame while
   * playing; paused, until the barcode it shows is the frame of {@code currentTime} (at most 3 s:
   * a loaded machine composites the paused frame late — 4 frames behind after 150 ms was seen;
   * the caller's assertion then says what was shown).
   */
  private void settle(double first) {
    page.evaluate("""
        ([read, first, fps]) => new Promise((r) => {
          const v = window.player.element;
          if (v.requestVideoFrameCallback && !v.paused) { v.requestVideoFrameCallback(() => r()); return; }
          const readFrame = eval(read);
          const end = performance.now() + 3000;
          const check = () => {
            const i = readFrame(v);
            if ((i >= 0 && Math.abs(i - (v.currentTime - first) * fps) <= 1) || performance.now() > end) r();
            else setTimeout(check, 50);
          };
          setTimeout(check, 50);
        })""", List.of(Barcode.READ_JS, first, FPS));
  }

  /** Plays past the first second, pauses, and checks the frame shown against the clock. */
  private void playAndCheckTheFrame(String fixture, double first) {
    page.evaluate("() => window.player.play()");
    page.waitForFunction("(t) => window.player.currentTime > t", first + 1.0,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    page.evaluate("() => window.player.pause()");
    settle(first);
    double t = currentTime();
    int index = Barcode.read(page, "video");
    assertThat(index).as("%s: frame at %.3f s", fixture, t).isNotNegative();
    // Paused after playing, Chromium shows its last painted frame and reports the audio clock:
    // within 2 frames on an idle machine, up to 4.6 apart with one core busy (even after waiting).
    // Frame-exactness is what the seeks below check (±1).
    assertThat(Math.abs(index - (t - first) * FPS)).as("%s: frame %d at %.3f s", fixture, index, t)
        .isLessThanOrEqualTo(6.0);
  }

  /**
   * A seek to the very end (the duration, which for MP3 and MPEG-TS is the seek map's estimate
   * until the end is read) ends playback cleanly: no error about a structure cut short, one
   * {@code ended}.
   */
  @ParameterizedTest
  @ValueSource(strings = {"audio/tone.mp3", "ts/h264-aac.ts"})
  void aSeekToTheEndEndsCleanly(String fixture) throws Exception {
    assertThat(page.evaluate(LOAD_JS, url("/test-media/" + fixture))).isEqualTo("ok");
    page.waitForFunction("() => window.player.duration > 0", null,
        new Page.WaitForFunctionOptions().setTimeout(10_000));
    page.evaluate("() => window.player.play()");
    page.evaluate("() => window.player.seek(window.player.duration)");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    page.waitForTimeout(600); // reports after the end: nothing is loaded again past it
    JsonNode stats = stats(page);
    assertThat(stats.get("errors")).as(fixture).isEmpty();
    @SuppressWarnings("unchecked")
    List<String> events = (List<String>) page.evaluate("() => window.events");
    assertThat(events.stream().filter("ended"::equals)).hasSize(1);
  }

  /**
   * Audio alone: fMP4 for AAC, FLAC and Opus; MP3 as an {@code audio/mpeg} stream of its own
   * (Chromium has no MP3 in MP4). The clock advances with decoded audio, a seek lands, and the
   * stream ends once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"audio/tone.mp3", "audio/tone.aac", "audio/tone.flac", "audio/opus.ogg",
      "audio/flac.ogg", "audio/vorbis.ogg"})
  void audioPlaysSeeksAndEnds(String fixture) throws Exception {
    assertThat(page.evaluate(LOAD_JS, url("/test-media/" + fixture))).isEqualTo("ok");
    page.evaluate("() => window.player.play()");
    page.waitForFunction("() => window.player.currentTime > 1.0", null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    page.evaluate(SEEK_JS, 4.0);
    assertThat(currentTime()).as("%s after a seek to 4 s", fixture).isBetween(3.9, 4.5);
    JsonNode stats = stats(page);
    assertThat(stats.get("audioDecodedBytes").asLong()).as("audio decoded").isPositive();
    assertThat(stats.get("errors")).isEmpty();
    assertThat(stats.get("mimeType").asText()).startsWith(fixture.endsWith(".mp3") ? "audio/mpeg"
        : fixture.contains("vorbis") ? "audio/webm" : "audio/mp4");
    page.evaluate("() => window.player.seek(window.player.duration - 0.5)"); // the end, without waiting 2 s for it
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    @SuppressWarnings("unchecked")
    List<String> events = (List<String>) page.evaluate("() => window.events");
    assertThat(events.stream().filter("ended"::equals)).hasSize(1);
    assertThat(events).doesNotContain("error");
  }

  /**
   * The main-thread MediaSource (for browsers without MSE in workers), forced here: the engine
   * still decides every operation, the page only carries them out; the same checks hold.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts", "webm/vp8-vorbis.webm",
      "flv/h264-mp3.flv"})
  void playsWithTheMediaSourceOnThePage(String fixture) throws Exception {
    double first = firstFrameTime(fixture);
    String js = LOAD_JS.replace("{ muted: true }", "{ muted: true, mediaSourceIn: 'main' }");
    assertThat(page.evaluate(js, url("/test-media/" + fixture))).isEqualTo("ok");
    assertThat((String) page.evaluate("() => window.player.element.src")).startsWith("blob:");
    playAndCheckTheFrame(fixture, first);
    if (fixture.contains("mp3")) {
      // The MP3 SourceBuffer (generated timestamps from the offset) starts where ffprobe puts the
      // first audio packet (less the stream's start: media time), within a frame (1152 / 48000 s):
      // audio and video on one timeline.
      double audioStart = Manifests.ffprobe(fixture).get("streams").get(1).get("start_time").asDouble()
          - streamStart(fixture);
      double buffered = ((Number) page.evaluate("() => window.player._path().pageMse.sbs[1].buffered.start(0)")).doubleValue();
      assertThat(buffered).as("%s: the MP3 buffer starts", fixture).isCloseTo(audioStart,
          org.assertj.core.data.Offset.offset(0.025));
    }
    page.evaluate(SEEK_JS, first + 3.0);
    settle(first);
    int shown = Barcode.read(page, "video");
    assertThat(Math.abs(shown - 3.0 * FPS)).as("%s: seek showed frame %d", fixture, shown).isLessThanOrEqualTo(1.0);
    page.evaluate("() => { window.player.seek(window.player.duration - 0.5); return window.player.play(); }");
    page.waitForFunction("() => window.events.includes('ended')", null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    page.evaluate("() => window.player.destroy()");
    assertThat(page.evaluate("() => document.querySelectorAll('video').length")).isEqualTo(0);
  }

  @Test
  void aCodecTheBrowserRefusesIsATypedError() {
    // Chromium here has no HEVC in MSE (PLATFORM.md): isTypeSupported says no before any append.
    Object r = page.evaluate(LOAD_JS, url("/test-media/mp4/hevc-aac.mp4"));
    assertThat((String) r).startsWith("error CODEC_UNSUPPORTED: ").contains("hvc1");
  }
}
