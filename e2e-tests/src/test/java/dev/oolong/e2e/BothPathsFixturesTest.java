package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture with video through both output paths, with the same assertions, all read from the
 * page: {@code currentTime} 0 before play; {@code duration} unknown or an estimate within a quarter
 * of ffprobe's before the end is read, and ffprobe's (±0.1 s) after; two seeks while paused, each
 * showing the frame of its target (the barcode, ±1 frame: frame N at {@code first + N / 30}); then
 * playing to the end with the page's frame sampler ({@link FramePacing}) seeing frames only go
 * forward and the last frame (±1) on screen at the end; {@code ended} once, no error; {@code destroy()} leaves no element and no worker. The
 * transport streams whose clock starts ten hours in and just before the 33-bit wrap are in the
 * list, and so are HLS playlists (TS and fMP4 segments, a multivariant playlist, AES-128) given as the URL.
 *
 * <p>What plays where is written here ({@link #PLAYS}: Debian's Chromium, ../shared/PLATFORM.md),
 * never asked of the browser at run time: HEVC is refused by both paths with a critical
 * {@code CODEC_UNSUPPORTED}, encrypted media (no key system: no DRM yet) with {@code
 * DRM_NO_KEY_SYSTEM}. Files without seek points (fragments without {@code sidx}/{@code mfra},
 * FLV without a key-frame index) are played to the end at 4× instead of seeked. Path-specific
 * facts ride along: on the MSE path a SourceBuffer per track and the audio decoded by the element;
 * on the canvas path the tone reaches the audio worklet.
 */
class BothPathsFixturesTest extends BrowserTest {
  /** Video codecs (ffprobe's names) each path plays here: true plays, false is refused. */
  static final Map<String, Map<String, Boolean>> PLAYS = Map.of(
      "mse", Map.of("h264", true, "vp8", true, "vp9", true, "av1", true, "hevc", false),
      "webcodecs", Map.of("h264", true, "vp8", true, "vp9", true, "av1", true, "hevc", false));

  static final double FPS = MsePlaybackTest.FPS;

  static Stream<Arguments> cases() throws Exception {
    List<String> fixtures = new ArrayList<>();
    for (String f : Manifests.files(".mp4", ".ts", ".flv", ".mkv", ".webm")) {
      for (JsonNode s : Manifests.ffprobe(f).get("streams")) {
        if ("video".equals(s.get("codec_type").asText())) {
          fixtures.add(f);
          break;
        }
      }
    }
    fixtures.add("ts/near-wrap.m2ts");
    fixtures.add("ts/late-start.m2ts");
    // HLS playlists given as the URL: TS segments, fMP4 segments behind EXT-X-MAP, and a
    // multivariant playlist (its first variant plays)
    fixtures.add("hls/ts/index.m3u8");
    fixtures.add("hls/fmp4/index.m3u8");
    fixtures.add("hls/master/master.m3u8");
    fixtures.add("hls/aes/index.m3u8"); // AES-128, decrypted by WebCrypto in the worker
    List<Arguments> out = new ArrayList<>();
    for (String f : fixtures) {
      out.add(Arguments.of(f, "mse"));
      out.add(Arguments.of(f, "webcodecs"));
    }
    return out.stream();
  }

  /** An MP4 with a Common Encryption scheme box ({@code tenc}) in its header. */
  static boolean encrypted(String fixture) throws Exception {
    byte[] head;
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(TestEnv.testMedia().resolve(fixture))) {
      head = in.readNBytes(1 << 16);
    }
    return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).contains("tenc");
  }

  static int videoWidth(String fixture) throws Exception {
    for (JsonNode s : Manifests.ffprobe(fixture).get("streams")) {
      if ("video".equals(s.get("codec_type").asText())) {
        return s.get("width").asInt();
      }
    }
    throw new AssertionError(fixture + " has no video");
  }

  static String videoCodec(String fixture) throws Exception {
    for (JsonNode s : Manifests.ffprobe(fixture).get("streams")) {
      if ("video".equals(s.get("codec_type").asText())) {
        return s.get("codec_name").asText();
      }
    }
    throw new AssertionError(fixture + " has no video");
  }

  /** The index of the first video stream in ffprobe's report. */
  static int videoStream(String fixture) throws Exception {
    JsonNode streams = Manifests.ffprobe(fixture).get("streams");
    for (int i = 0; i < streams.size(); i++) {
      if ("video".equals(streams.get(i).get("codec_type").asText())) {
        return i;
      }
    }
    throw new AssertionError(fixture + " has no video");
  }

  /** Without seek points: fragments without an index, FLV without a key-frame index. */
  static boolean seekable(String fixture) {
    return !(fixture.contains("cmaf") || fixture.endsWith(".flv") && !fixture.contains("indexed"));
  }

  /** One whole case in the page: load, seeks, play to the end; everything bounded; a JSON report. */
  static final String CASE_JS = """
      async ([u, mode, targets, first, fps, rate, vw]) => {
        %s
        const readFrame = (el) => readBarcode([el, vw]); // the picture may be scaled (canvas)
        const out = { seeks: [] };
        const p = makePlayer({ mode }, 640, 360);
        const seek = (t) => new Promise((r, j) => {
          const timer = setTimeout(() => j(new Error('no seeked within 15 s of seek(' + t + ')')), 15000);
          const off = p.on('seeked', () => { off(); clearTimeout(timer); r(); });
          p.seek(t);
        });
        try {
          try { await within(p.load(u), 20000, 'load'); }
          catch (e) { out.loadError = e.severity + ' ' + e.codeName; return JSON.stringify(out); }
          if (!await until(() => window.events.includes('loadeddata'), 15000)) throw new Error('no loadeddata within 15 s');
          out.timeBeforePlay = p.currentTime;
          await until(() => Number.isFinite(p.duration), 3000);
          out.durationBefore = Number.isFinite(p.duration) ? p.duration : 'unknown';
          for (const at of targets) {
            await seek(at);
            const expected = Math.floor((at - first) * fps);
            // the picture of a seek can come a little after 'seeked' (compositing): up to 3 s
            await until(() => Math.abs(readFrame(p.element) - expected) <= 1, 3000);
            out.seeks.push({ at, expected, shown: readFrame(p.element), time: p.currentTime });
          }
          p.playbackRate = rate;
          startPacing(p.element, vw);
          await p.play();
          out.ended = await until(() => window.events.includes('ended'), 20000);
          out.pacing = stopPacing();
          await new Promise((r) => setTimeout(r, 300)); // nothing more after the end
          out.durationEnd = p.duration;
          out.timeEnd = p.currentTime;
          out.lastFrame = readFrame(p.element);
        } catch (e) {
          out.failed = String(e.message || e);
        }
        out.events = window.events;
        out.stats = p.getStats();
        p.destroy();
        out.elementsLeft = document.querySelectorAll('video, canvas').length;
        return JSON.stringify(out);
      }""".formatted(MAKE_PLAYER + BenchTest.WAITS + FramePacing.JS);

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  @Override
  protected dev.oolong.server.DevServer.Config serverConfig() {
    return super.serverConfig().withFaults(true); // ?rate=N: a slow link
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void playsSeeksAndEndsAlike(String fixture, String mode) throws Exception {
    playSeekAndEnd(fixture, mode, "");
  }

  /**
   * The same on a slow link (150 kB/s, about the media's own rate; Matroska from mkvmerge on both
   * paths, MPEG-TS on MSE): the seeks come while the
   * start is still loading, so each reload lands next to what an earlier load appended. (On the
   * MSE path with one SourceBuffer for both tracks, the audio of a reload joining the earlier
   * audio with a hole or an overlap made MSE drop the video up to the next key frame: a seek to
   * 4.5 s showed frame 150 instead of 135.)
   */
  @ParameterizedTest(name = "{0} on {1}")
  @org.junit.jupiter.params.provider.CsvSource({"mkv/h264-aac.mkvmerge.mkv,mse", "mkv/h264-aac.mkvmerge.mkv,webcodecs",
      "ts/h264-aac.ts,mse"})
  void seeksWhileLoadingOnASlowLink(String fixture, String mode) throws Exception {
    playSeekAndEnd(fixture, mode, "?rate=150000");
  }

  void playSeekAndEnd(String url, String mode, String query) throws Exception {
    String what = url + query + " on " + mode;
    // A multivariant playlist plays its first variant: ffprobe's report of that one is the oracle;
    // the AES-128 playlist's segments are hls/ts's encrypted (ffprobe will not read its key)
    String fixture = url.endsWith("master.m3u8") ? url.replace("master.m3u8", "v0/index.m3u8")
        : url.replace("hls/aes/", "hls/ts/");
    boolean encrypted = encrypted(fixture);
    boolean plays = PLAYS.get(mode).get(videoCodec(fixture)) && !encrypted;
    double first = MsePlaybackTest.firstFrameTime(fixture);
    double ffDuration = Manifests.ffprobe(fixture).get("format").get("duration").asDouble();
    boolean seekable = seekable(fixture);
    List<Double> targets = seekable
        ? List.of(first + 3.0 + 0.5 / FPS, first + 4.5 + 0.5 / FPS) : List.of();
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(CASE_JS, List.of(url("/test-media/" + url + query),
        mode, targets, first, FPS, seekable ? 2.0 : 4.0, videoWidth(fixture))));
    String report = out.toString().replaceAll("\"pacing\":\\[.*?\\]\\]", "\"pacing\":[...]");
    System.out.println("[both-paths] " + what + ": " + report);
    if (!plays) {
      assertThat(out.path("loadError").asText()).as("%s: %s", what, report)
          .isEqualTo(encrypted ? "CRITICAL DRM_NO_KEY_SYSTEM" : "CRITICAL CODEC_UNSUPPORTED");
      return;
    }
    assertThat(out.has("failed")).as("%s: %s", what, report).isFalse();
    assertThat(out.has("loadError")).as("%s: %s", what, report).isFalse();
    assertThat(out.get("timeBeforePlay").asDouble()).as("%s: currentTime before play", what).isBetween(0.0, 0.05);
    if (out.get("durationBefore").isNumber()) {
      assertThat(out.get("durationBefore").asDouble()).as("%s: duration before the end is read (ffprobe %.3f)",
          what, ffDuration).isBetween(ffDuration * 0.75, ffDuration * 1.25);
    }
    for (JsonNode s : out.get("seeks")) {
      assertThat(Math.abs(s.get("shown").asInt() - s.get("expected").asInt()))
          .as("%s: seek to %.4f showed frame %d, expected %d (currentTime %.3f)", what, s.get("at").asDouble(),
              s.get("shown").asInt(), s.get("expected").asInt(), s.get("time").asDouble())
          .isLessThanOrEqualTo(1);
    }
    assertThat(out.get("ended").asBoolean()).as("%s: ended (%s)", what, report).isTrue();
    FramePacing.Result pacing = FramePacing.analyse(out.get("pacing"), FPS);
    assertThat(pacing.backwards()).as("%s: frames going back while playing: %s", what, pacing).isZero();
    // The picture moves to the end, and shows the last frame there. This checks order, not rate
    // (rates belong to ./oolong bench): on a loaded machine the page's own refreshes fell to about
    // one in the 1.5 s of playing an FLV at 4× on the canvas, and to 3 frames in 0.73 s for the
    // 1080p MP4 at 2× on MSE beside a CPU hog. Two frames seen in order is what can be asked.
    assertThat(pacing.shown()).as("%s: frames seen playing to the end: %s", what, pacing)
        .isGreaterThanOrEqualTo(seekable ? 2 : 1);
    int lastIndex = Manifests.ffprobe(fixture).get("streams").get(videoStream(fixture)).get("nb_read_packets").asInt() - 1;
    assertThat(out.get("lastFrame").asInt()).as("%s: the frame shown at the end (the last is %d)", what, lastIndex)
        .isBetween(lastIndex - 1, lastIndex);
    List<String> events = new ArrayList<>();
    out.get("events").forEach(e -> events.add(e.asText()));
    assertThat(events.stream().filter("ended"::equals)).as("%s: %s", what, events).hasSize(1);
    assertThat(events.stream().filter(e -> e.startsWith("error"))).as("%s: %s", what, events).isEmpty();
    assertThat(out.get("durationEnd").asDouble()).as("%s: duration at the end", what)
        .isCloseTo(ffDuration, Offset.offset(0.1));
    assertThat(out.get("timeEnd").asDouble()).as("%s: position at the end", what)
        .isCloseTo(ffDuration, Offset.offset(0.2));

    // destroy() leaves no element and stops the engine worker
    assertThat(out.get("elementsLeft").asInt()).as("%s: elements left after destroy()", what).isZero();
    page.waitForCondition(() -> page.workers().isEmpty(), new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(5_000));
    JsonNode stats = out.get("stats");
    boolean audio = false;
    for (JsonNode s : Manifests.ffprobe(fixture).get("streams")) {
      audio |= "audio".equals(s.get("codec_type").asText());
    }
    if ("mse".equals(mode)) {
      int streams = Manifests.ffprobe(fixture).get("streams").size();
      String mime = stats.get("mimeType").asText();
      assertThat(mime.split(" \\+ ")).as("%s: a SourceBuffer per track: %s", what, mime).hasSize(streams);
      if (audio) {
        assertThat(stats.get("audioDecodedBytes").asLong()).as("%s: audio decoded by the element", what).isPositive();
      }
    } else if (audio) {
      assertThat(stats.get("audioRms").asDouble()).as("%s: the tone at the worklet", what).isGreaterThan(0.05);
    }
  }
}
