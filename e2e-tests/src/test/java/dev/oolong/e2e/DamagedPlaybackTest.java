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
 *
 * <p>Streams with bit errors (10⁻⁴ per byte) and lost TS packets play through to the end: no
 * critical error, {@code ended} once, the clock reaching at least 90 % of the media ffmpeg decodes
 * from the same bytes, frames only going forward. On the canvas path every barcode the page reads
 * is a frame of the file at or before the clock: a frame the decoder rejected is never drawn, the
 * last good one holds (Chromium's WebCodecs rejects an access unit ffmpeg's command line
 * conceals, so the picture holds to the next key frame where ffmpeg shows a patched frame). In
 * mode {@code auto}: Chromium's MSE pipeline fails on the first packet its decoder rejects
 * ({@code PIPELINE_ERROR_DECODE}, no concealment), and playback goes on along the canvas path from
 * the same position. Where nothing can be decoded at all (10⁻³·⁵: every key frame hit), the canvas
 * path ends with a critical {@code CODEC_DECODE_FAILED} once the configured time has passed.
 */
class DamagedPlaybackTest extends BrowserTest {
  static final double FPS = MsePlaybackTest.FPS;
  /**
   * How far ahead of the page's clock a drawn frame may seem at 4×: one refresh drawn early and the
   * page's clock, extrapolated from the engine's last report, lagging by the message's latency.
   */
  static final double SLACK_S = 0.3;

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

  /** Plays at 4× to the end, reading the barcode and the clock at every refresh of the page. */
  static final String CORRUPT_JS = """
      async ([u, mode, vw]) => {
        %s
        const out = { samples: [] };
        const p = makePlayer({ mode }, 640, 360);
        try {
          try { await within(p.load(u), 20000, 'load'); }
          catch (e) { out.loadError = e.severity + ' ' + e.codeName + ': ' + e.message; return JSON.stringify(out); }
          p.playbackRate = 4;
          let on = true;
          const tick = () => {
            if (!on) return;
            out.samples.push([readBarcode([p.element, vw]), p.currentTime, p.element instanceof HTMLCanvasElement]);
            requestAnimationFrame(tick);
          };
          // (in mode auto the MSE element's failure rejects play(): the canvas path plays on)
          await p.play().catch(() => undefined);
          requestAnimationFrame(tick);
          out.ended = await until(() => window.events.includes('ended'), 20000);
          on = false;
          out.timeEnd = p.currentTime;
          out.lastFrame = readBarcode([p.element, vw]);
          const s = p.getStats();
          out.stats = { corruptedPackets: s.corruptedPackets, resyncs: s.resyncs, repairedTimestamps: s.repairedTimestamps,
            droppedSamples: s.droppedSamples, recoveries: s.recoveries, decoderResets: s.decoderResets,
            heldFrames: s.heldFrames, droppedAccessUnits: s.droppedAccessUnits };
        } catch (e) {
          out.failed = String(e.message || e);
        }
        out.events = window.events;
        p.destroy();
        return JSON.stringify(out);
      }""".formatted(MAKE_PLAYER + BenchTest.WAITS + FramePacing.JS);

  /** A damaged file played to its end by {@code js}, and what every such run must show. */
  private record Played(String what, JsonNode out, String report, List<String> events, int decodable, double first) {}

  /**
   * Plays {@code damaged/file} in {@code mode} with the page script {@code js}; checks that it
   * loaded, ended once and raised no critical error. {@code bulky}: a regex of the report's bulk
   * left out of the log.
   */
  private Played playToTheEnd(String js, String file, String mode, String bulky) throws Exception {
    String damaged = "damaged/" + file;
    String source = file.substring(file.indexOf('-') + 1).replaceFirst("-", "/");
    int decodable = Integer.parseInt(
        Files.readString(TestEnv.testMedia().resolve(damaged + ".frames")).trim().split(" ")[0]);
    String what = damaged + " on " + mode;
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(js, List.of(url("/test-media/" + damaged), mode,
        BothPathsFixturesTest.videoWidth(source))));
    String report = out.toString().replaceAll(bulky, "");
    System.out.println("[damaged] " + what + ": " + report);
    assertThat(out.has("loadError") || out.has("failed")).as("%s: %s", what, report).isFalse();
    assertThat(out.get("ended").asBoolean()).as("%s: ended (%s)", what, report).isTrue();
    List<String> events = new ArrayList<>();
    out.get("events").forEach(e -> events.add(e.asText()));
    assertThat(events.stream().filter("ended"::equals)).as("%s: %s", what, events).hasSize(1);
    assertThat(events.stream().filter(e -> e.startsWith("error CRITICAL"))).as("%s: %s", what, events).isEmpty();
    return new Played(what, out, report, events, decodable, MsePlaybackTest.firstFrameTime(source));
  }

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
    Played run = playToTheEnd(JS, file, mode, "\"pacing\":\\[.*?\\]\\]");
    String what = run.what;
    JsonNode out = run.out;
    String report = run.report;
    List<String> events = run.events;
    int decodable = run.decodable;
    double first = run.first;
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

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"bits0.0001-ts-h264-aac.ts,webcodecs", "bits0.0001-ts-h264-aac.ts,auto",
      "bits0.0001-mp4-h264-aac-fragmented.mp4,webcodecs",
      "losses-ts-h264-aac.ts,webcodecs", "losses-ts-h264-aac.ts,auto"})
  void aCorruptedStreamPlaysThrough(String file, String mode) throws Exception {
    Played run = playToTheEnd(CORRUPT_JS, file, mode, "\"samples\":\\[.*?\\]\\],");
    String what = run.what;
    JsonNode out = run.out;
    String report = run.report;
    int decodable = run.decodable;
    double first = run.first;
    assertThat(out.get("timeEnd").asDouble()).as("%s: the clock reaches 90 %% of the %d frames ffmpeg decodes: %s",
        what, decodable, report).isGreaterThanOrEqualTo(first + 0.9 * decodable / FPS);
    int last = -1;
    int read = 0;
    int backwards = 0;
    for (JsonNode sample : out.get("samples")) {
      int index = sample.get(0).asInt();
      if (index < 0) {
        continue; // no barcode: the picture between two frames, or concealment over the code
      }
      read++;
      assertThat(index).as("%s: a frame of the file (%s)", what, sample).isBetween(0, 179);
      // (no check of the order: a decoder may conceal a lost reference with an older picture
      // without an error — ffmpeg's own decode of losses-ts shows frame 147 again after 153)
      backwards += index < last ? 1 : 0;
      if (sample.get(2).asBoolean()) {
        double clock = sample.get(1).asDouble();
        assertThat(index / FPS).as("%s: frame %d drawn at or before the clock %.3f", what, index, clock)
            .isLessThanOrEqualTo(clock - first + SLACK_S);
      }
      last = index;
    }
    assertThat(read).as("%s: barcodes read while playing", what).isGreaterThanOrEqualTo(5);
    System.out.println("[corrupted] " + what + ": " + read + " barcodes read, " + backwards + " back to an older picture");
  }

  @org.junit.jupiter.api.Test
  void aStreamWithNothingDecodableEndsWithACriticalDecodeErrorAfterTheConfiguredTime() throws Exception {
    String damaged = "damaged/bits0.0005-ts-h264-aac.ts";
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate("""
        async ([u]) => {
          %s
          const out = {};
          const p = makePlayer({ mode: 'webcodecs', undecodableTimeout: 2 }, 640, 360);
          try {
            await within(p.load(u), 20000, 'load');
            const started = performance.now();
            await p.play().catch(() => undefined);
            out.critical = await until(() => window.events.some((e) => e.startsWith('error CRITICAL')), 15000);
            out.afterMs = performance.now() - started;
            const t = p.currentTime;
            await new Promise((r) => setTimeout(r, 300));
            out.clockStopped = p.currentTime === t;
          } catch (e) {
            out.failed = String(e.message || e);
          }
          out.events = window.events;
          p.destroy();
          return JSON.stringify(out);
        }""".formatted(MAKE_PLAYER + BenchTest.WAITS), List.of(url("/test-media/" + damaged))));
    System.out.println("[corrupted] " + damaged + " (nothing decodable): " + out);
    assertThat(out.has("failed")).as("%s", out).isFalse();
    assertThat(out.get("critical").asBoolean()).as("%s", out).isTrue();
    List<String> events = new ArrayList<>();
    out.get("events").forEach(e -> events.add(e.asText()));
    assertThat(events.stream().filter(e -> e.startsWith("error CRITICAL"))).as("%s", events)
        .singleElement().asString().startsWith("error CRITICAL CODEC_DECODE_FAILED");
    assertThat(events).doesNotContain("ended");
    assertThat(events.stream().filter(e -> e.startsWith("error CRITICAL"))).as("%s", events)
        .singleElement().asString().contains("nothing decoded");
    assertThat(out.get("clockStopped").asBoolean()).as("%s", out).isTrue();
  }

  /**
   * Mode {@code mse} (rebuilding on, the default): Chromium's pipeline fails at each packet its
   * decoder rejects; each failure is answered by a new MediaSource from the first key frame after
   * it (recoverable errors, a {@code pathchange} each), so playback gets through the file. Where
   * no key frame follows the last failure, playback ends there with a critical {@code
   * CONTAINER_TRUNCATED} saying so. A rebuilt MediaSource may fail again while it prerolls,
   * before it takes over: the switch then gives way to one from that failure.
   */
  @ParameterizedTest(name = "{0} on mse")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"losses-ts-h264-aac.ts"})
  void onTheMsePathEachFailureIsAnsweredByANewMediaSourcePastIt(String file) throws Exception {
    String damaged = "damaged/" + file;
    String source = file.substring(file.indexOf('-') + 1).replaceFirst("-", "/");
    int decodable = Integer.parseInt(
        Files.readString(TestEnv.testMedia().resolve(damaged + ".frames")).trim().split(" ")[0]);
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate("""
        async ([u]) => {
          %s
          const out = { reached: 0 };
          const p = makePlayer({ mode: 'mse' }, 640, 360);
          let pathChanges = 0;
          p.on('pathchange', () => pathChanges++);
          try {
            await within(p.load(u), 20000, 'load');
            p.playbackRate = 4;
            await p.play().catch(() => undefined);
            const timer = setInterval(() => { out.reached = Math.max(out.reached, p.currentTime); }, 20);
            out.done = await until(() => window.events.includes('ended')
              || window.events.some((e) => e.startsWith('error CRITICAL')), 40000);
            clearInterval(timer);
            out.reached = Math.max(out.reached, p.currentTime);
            out.pathChanges = pathChanges;
            out.pathSwitches = p.getStats().pathSwitches;
            out.recoveries = p.getStats().recoveries;
            if (!out.done) {
              const v = p.element, b = [];
              for (let i = 0; i < v.buffered.length; i++) b.push([v.buffered.start(i), v.buffered.end(i)]);
              out.stuck = { t: v.currentTime, rs: v.readyState, ns: v.networkState, paused: v.paused,
                seeking: v.seeking, buffered: b, stats: p.getStats() };
            }
          } catch (e) {
            out.failed = String(e.message || e);
          }
          out.events = window.events;
          p.destroy();
          return JSON.stringify(out);
        }""".formatted(MAKE_PLAYER + BenchTest.WAITS), List.of(url("/test-media/" + damaged))));
    String what = damaged + " on mse";
    System.out.println("[corrupted] " + what + ": " + out);
    assertThat(out.has("failed")).as("%s", out).isFalse();
    assertThat(out.get("done").asBoolean()).as("%s: ended or a typed end", out).isTrue();
    List<String> events = new ArrayList<>();
    out.get("events").forEach(e -> events.add(e.asText()));
    assertThat(events.stream().filter(e -> e.startsWith("error RECOVERABLE MEDIA_SOURCE_FAILED"))).as("%s", events)
        .hasSizeGreaterThanOrEqualTo(1);
    assertThat(out.get("pathChanges").asInt()).as("a new MediaSource per failure: %s", out).isGreaterThanOrEqualTo(1);
    assertThat(out.get("recoveries").asInt()).as("the rebuilds are recoveries in the stats: %s", out)
        .isGreaterThanOrEqualTo(out.get("pathChanges").asInt());
    assertThat(events.stream().filter(e -> e.startsWith("error CRITICAL"))).as("%s", events)
        .allMatch(e -> e.startsWith("error CRITICAL CONTAINER_TRUNCATED: Nothing decodable follows the failure"));
    double first = MsePlaybackTest.firstFrameTime(source);
    assertThat(out.get("reached").asDouble()).as("%s: the position reaches 80 %% of what ffmpeg decodes: %s", what, out)
        .isGreaterThanOrEqualTo(first + 0.8 * decodable / FPS);
  }

  /**
   * Mode {@code mse}, rebuilding turned off ({@code mseRebuilds: 0}): the first packet Chromium's decoder rejects
   * ends playback with a critical {@code MEDIA_SOURCE_FAILED} naming it — typed, never a hang.
   */
  @org.junit.jupiter.api.Test
  void onTheMsePathWithRebuildsOffAFailingMediaSourceEndsTyped() throws Exception {
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate("""
        async ([u]) => {
          %s
          const out = {};
          const p = makePlayer({ mode: 'mse', mseRebuilds: 0 }, 640, 360);
          try {
            await within(p.load(u), 20000, 'load');
            p.playbackRate = 4;
            await p.play().catch(() => undefined);
            out.critical = await until(() => window.events.some((e) => e.startsWith('error CRITICAL')), 20000);
            await new Promise((r) => setTimeout(r, 1000)); // what the failed element's buffers say after it
          } catch (e) {
            out.failed = String(e.message || e);
          }
          out.events = window.events;
          p.destroy();
          return JSON.stringify(out);
        }""".formatted(MAKE_PLAYER + BenchTest.WAITS), List.of(url("/test-media/damaged/losses-ts-h264-aac.ts"))));
    System.out.println("[damaged] losses-ts on mse, no rebuilds: " + out);
    assertThat(out.has("failed")).as("%s", out).isFalse();
    assertThat(out.get("critical").asBoolean()).as("%s", out).isTrue();
    List<String> events = new ArrayList<>();
    out.get("events").forEach(e -> events.add(e.asText()));
    // One critical error: the element's, or its SourceBuffer's append refused, whichever the
    // browser reports first; what follows of the same failure is aftermath (recoverable)
    assertThat(events.stream().filter(e -> e.startsWith("error CRITICAL"))).as("%s", events)
        .singleElement().asString().startsWith("error CRITICAL MEDIA_SOURCE_FAILED");
  }
}
