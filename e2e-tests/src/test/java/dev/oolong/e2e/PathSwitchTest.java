package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Moving playback between the output paths mid-stream, at the same position, in Chromium: by
 * {@code setPath()} in both directions, and by itself when the MSE path fails (mode {@code
 * auto}). The oracle is the frame-index barcode read from the pixels the page sees: the old
 * path's element once it stopped, the new path's when it takes over ({@code pathchange}). At most
 * one frame may be lost or repeated. How long playback stood still is printed here and measured
 * in {@code ./oolong bench} (it is real time; this test only bounds it loosely, for a loaded
 * machine).
 */
class PathSwitchTest extends BrowserTest {
  static final double FPS = 30;

  /**
   * Plays, switches to the canvas path, plays on, switches back to the MSE path, plays on. Each
   * switch reports the frame shown by the old path when it stopped and by the new path when it
   * took over, the positions, and the switch's time.
   */
  static final String BOTH_WAYS_JS = """
      async ([url, read, fps]) => {
        %s
        const readFrame = eval(read);
        const p = makePlayer({ muted: true }, 640, 360);
        const out = { switches: [] };
        const changes = [];
        p.on('pathchange', () => changes.push(p.path));
        try {
          await within(p.load(url), 15000, 'load');
          await p.play();
          for (const to of ['canvas', 'mse']) {
            const t0 = p.currentTime;
            if (!await until(() => p.currentTime > t0 + 0.8, 15000)) throw new Error('not playing before the switch to ' + to);
            const oldPath = p._path();
            const oldElement = p.element;
            const s = { to, from: oldPath.path };
            // The old path's picture once it stopped (the switch pauses it first).
            const offPause = oldPath.on('pause', () => { offPause(); s.before = readFrame(oldElement); s.beforeTime = oldPath.currentTime; });
            // The new path's picture as it takes over, before it plays on.
            const offChange = p.on('pathchange', () => { offChange(); s.after = readFrame(p.element); s.afterTime = p.currentTime; });
            await within(p.setPath(to), 15000, 'the switch to ' + to);
            s.path = p.path;
            s.element = p.element.tagName;
            s.elementsInBox = p.element.parentElement.children.length;
            s.switchMs = p.getStats().pathSwitchMs;
            s.reason = p.getStats().pathReason;
            const t1 = p.currentTime;
            s.playsOn = await until(() => p.currentTime > t1 + 0.3, 10000);
            s.paused = p.paused;
            out.switches.push(s);
          }
          out.ok = true;
        } catch (e) {
          out.failed = String(e.message || e);
          const next = p.switching && p.switching.next; // a switch that did not finish: where it stands
          if (next) out.next = { stats: next.getStats(), readyState: next.element.readyState, time: next.currentTime };
        }
        out.changes = changes;
        out.events = window.events;
        out.stats = p.getStats();
        p.destroy();
        return JSON.stringify(out);
      }""".formatted(MAKE_PLAYER + BenchTest.WAITS);

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts"})
  void setPathMovesPlaybackBothWaysAtTheSamePosition(String fixture) throws Exception {
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(BOTH_WAYS_JS,
        List.of(url("/test-media/" + fixture), Barcode.READ_JS, FPS)));
    System.out.println("[path-switch] " + fixture + ": " + out.get("switches"));
    assertThat(out.has("failed")).as("%s", out).isFalse();
    assertThat(out.get("changes").toString()).isEqualTo("[\"canvas\",\"mse\"]");
    for (JsonNode s : out.get("switches")) {
      String to = s.get("to").asText();
      assertThat(s.get("path").asText()).isEqualTo(to);
      assertThat(s.get("element").asText()).isEqualTo("mse".equals(to) ? "VIDEO" : "CANVAS");
      assertThat(s.get("elementsInBox").asInt()).as("the old element is gone").isEqualTo(1);
      int before = s.get("before").asInt();
      int after = s.get("after").asInt();
      assertThat(before).as("%s: the old path's frame is a barcode", s).isGreaterThanOrEqualTo(0);
      assertThat(after).as("%s: the new path's frame is a barcode", s).isGreaterThanOrEqualTo(0);
      assertThat(Math.abs(after - before)).as("%s: at most one frame lost or repeated", s).isLessThanOrEqualTo(1);
      assertThat(Math.abs(s.get("afterTime").asDouble() - s.get("beforeTime").asDouble()))
          .as("%s: the position is kept", s).isLessThan(1.5 / FPS);
      assertThat(s.get("playsOn").asBoolean()).as("%s: playback goes on", s).isTrue();
      assertThat(s.get("paused").asBoolean()).isFalse();
      assertThat(s.get("reason").asText()).isEqualTo("setPath('" + to + "')");
      // Real time: bounded loosely here (a loaded machine); the figure is ./oolong bench's.
      assertThat(s.get("switchMs").asDouble()).as("%s", s).isPositive().isLessThan(5000);
    }
    assertThat(out.get("stats").get("pathSwitches").asInt()).isEqualTo(2);
    assertThat(out.get("events").toString()).doesNotContain("error");
  }

  /**
   * The MSE path fails mid-stream for real: bytes no MP4 parser takes are appended to the page's
   * SourceBuffer, whose append error algorithm ends the stream with a decode error; the element
   * raises {@code MEDIA_ERR_DECODE}. In mode auto the
   * engine answers with the canvas path, which goes on from where the element stopped.
   */
  @Test
  void inModeAutoAFailedMsePathGoesOnOnTheCanvasPath() throws Exception {
    String js = """
        async ([url, read]) => {
          %s
          const readFrame = eval(read);
          const p = makePlayer({ muted: true, mediaSourceIn: 'main' }, 640, 360);
          const out = {};
          try {
            await within(p.load(url), 15000, 'load');
            await p.play();
            if (!await until(() => p.currentTime > 1.5, 15000)) throw new Error('not playing');
            const video = p.element;
            const changed = new Promise((r) => p.on('pathchange', () => {
              out.after = readFrame(p.element); out.afterTime = p.currentTime; r();
            }));
            // Bytes no MP4 parser takes: the append error algorithm ends the stream with a decode error.
            const bad = new Uint8Array([0, 0, 0, 24, 0x6d, 0x6f, 0x6f, 0x66, 0, 0, 0, 16, 0x74, 0x72, 0x61, 0x66,
              0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
            out.failedAt = video.currentTime;
            p._path().pageMse.sbs[0].appendBuffer(bad);
            await within(changed, 15000, 'pathchange');
            const t1 = p.currentTime;
            out.playsOn = await until(() => p.currentTime > t1 + 0.5, 10000);
            out.path = p.path;
          } catch (e) {
            out.failed = String(e.message || e);
          }
          out.events = window.events;
          out.stats = p.getStats();
          p.destroy();
          return JSON.stringify(out);
        }""".formatted(MAKE_PLAYER + BenchTest.WAITS);
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(js,
        List.of(url("/test-media/mp4/h264-aac-moov-first.mp4"), Barcode.READ_JS)));
    System.out.println("[path-switch] failover: " + out);
    assertThat(out.has("failed")).as("%s", out).isFalse();
    assertThat(out.get("path").asText()).isEqualTo("canvas");
    assertThat(out.get("playsOn").asBoolean()).isTrue();
    JsonNode stats = out.get("stats");
    assertThat(stats.get("pathReason").asText()).contains("the MSE path failed", "MEDIA_SOURCE_FAILED");
    // The element's failure is on the record, as recoverable: playback went on.
    assertThat(out.get("events").toString()).contains("error RECOVERABLE MEDIA_SOURCE_FAILED")
        .doesNotContain("error CRITICAL");
    double failedAt = out.get("failedAt").asDouble();
    assertThat(out.get("afterTime").asDouble()).as("it goes on from where the element stopped")
        .isCloseTo(failedAt, org.assertj.core.data.Offset.offset(0.5));
    assertThat(Math.abs(out.get("after").asInt() - out.get("afterTime").asDouble() * FPS))
        .as("the canvas shows the frame of the position").isLessThanOrEqualTo(1.0);
  }

  /**
   * A browser without Media Source Extensions (the page's {@code MediaSource} removed, and the
   * worker's not used): mode auto plays the stream on the canvas path, and says why.
   */
  @Test
  void inModeAutoAPageWithoutMediaSourcePlaysOnTheCanvasPath() throws Exception {
    String js = """
        async ([url]) => {
          %s
          delete window.MediaSource;
          const p = makePlayer({ muted: true, mediaSourceIn: 'main' }, 640, 360);
          const out = {};
          try {
            await within(p.load(url), 15000, 'load');
            await p.play();
            out.playsOn = await until(() => p.currentTime > 0.5, 10000);
            out.path = p.path;
          } catch (e) {
            out.failed = String(e.message || e);
          }
          out.events = window.events;
          out.stats = p.getStats();
          p.destroy();
          return JSON.stringify(out);
        }""".formatted(MAKE_PLAYER + BenchTest.WAITS);
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(js,
        List.of(url("/test-media/mp4/h264-aac-moov-first.mp4"))));
    System.out.println("[path-switch] no MSE: " + out);
    assertThat(out.has("failed")).as("%s", out).isFalse();
    assertThat(out.get("path").asText()).isEqualTo("canvas");
    assertThat(out.get("playsOn").asBoolean()).isTrue();
    assertThat(out.get("stats").get("pathReason").asText()).startsWith("auto: the MSE path failed");
    assertThat(out.get("events").toString()).doesNotContain("error CRITICAL");
  }
}
