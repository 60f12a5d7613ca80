package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Choosing the variant of a multivariant HLS playlist through the public API, on both paths:
 * {@code levels} lists the playlist's variants (bitrate, size, codecs as {@code master.m3u8}
 * says), {@code currentLevel} is the first; set to the second, {@code levelswitch} comes and the
 * rest plays from it — the picture at the end is the 320×180 variant's (its barcode read at that
 * width names the last frame; on the MSE path the element's {@code videoWidth} is 320), the end
 * comes once, no error. An index out of range throws {@code PLAYER_INVALID_ARGUMENT}. (A 2 s
 * buffer goal keeps the MSE path from having read the whole 6 s stream when the level is chosen:
 * a level chosen once everything is loaded changes nothing, with a recoverable error saying so.)
 */
class HlsLevelsTest extends BrowserTest {
  static final String CASE_JS = """
      ([u, mode]) => {
        %s
        // a 2 s goal: not all read when the level is chosen
        return runCase({ mode, bufferGoal: 2 }, async (p, out) => {
          out.switched = [];
          p.on('levelswitch', () => out.switched.push(p.currentLevel));
          await within(p.load(u), 20000, 'load');
          out.levels = p.levels;
          out.levelBefore = p.currentLevel;
          try { p.currentLevel = 7; } catch (e) { out.outOfRange = e.codeName; }
          // A seek to the start first: the canvas path then reads from segment 0 again (paused, it
          // may have read into the last segment, after which a level has nothing left to play)
          const seeked = new Promise((r) => { const off = p.on('seeked', () => { off(); r(); }); });
          p.seek(0);
          await within(seeked, 10000, 'seeked');
          p.currentLevel = 1;
          if (!await until(() => out.switched.length > 0, 10000)) throw new Error('no levelswitch within 10 s');
          out.levelAfter = p.currentLevel;
          await p.play();
          out.ended = await until(() => window.events.includes('ended'), 20000);
          await new Promise((r) => setTimeout(r, 300));
          out.lastFrameSmall = readBarcode([p.element, 320]);
          out.videoWidth = p.element.videoWidth ?? null;
        });
      }""".formatted(MAKE_PLAYER + RUN_CASE + BenchTest.WAITS + FramePacing.JS);

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mse", "webcodecs"})
  void theSecondLevelChosenPlaysToTheEnd(String mode) throws Exception {
    JsonNode out = Manifests.JSON.readTree((String) page.evaluate(CASE_JS,
        List.of(url("/test-media/hls/master/master.m3u8"), mode)));
    String report = out.toString();
    System.out.println("[levels] " + mode + ": " + report);
    assertThat(out.has("failed")).as(report).isFalse();
    JsonNode levels = out.get("levels");
    assertThat(levels).as(report).hasSize(2);
    assertThat(levels.get(0).get("bitrate").asLong()).isEqualTo(1_130_800);
    assertThat(levels.get(0).get("width").asInt()).isEqualTo(640);
    assertThat(levels.get(1).get("height").asInt()).isEqualTo(180);
    assertThat(levels.get(1).get("codecs").asText()).isEqualTo("avc1.4d400d,mp4a.40.2");
    assertThat(out.get("levelBefore").asInt()).isZero();
    assertThat(out.get("outOfRange").asText()).isEqualTo("PLAYER_INVALID_ARGUMENT");
    assertThat(out.get("levelAfter").asInt()).isEqualTo(1);
    assertThat(out.get("switched").toString()).isEqualTo("[1]");
    assertThat(out.get("ended").asBoolean()).as(report).isTrue();
    assertThat(out.get("lastFrameSmall").asInt()).as("the last frame, read at 320 px: %s", report).isBetween(178, 179);
    if ("mse".equals(mode)) {
      assertThat(out.get("videoWidth").asInt()).isEqualTo(320);
    }
    assertThat(out.get("events").toString()).doesNotContain("error");
  }

  @Override
  protected dev.oolong.server.DevServer.Config serverConfig() {
    return super.serverConfig().withFaults(true); // /_shaping
  }

  static final String ABR_JS = """
      ([u, mode]) => {
        %s
        return runCase({ mode }, async (p, out) => {
          out.switched = [];
          p.on('levelswitch', () => out.switched.push(p.currentLevel));
          await within(p.load(u), 20000, 'load');
          out.autoBefore = p.autoLevel;
          await p.play();
          out.ended = await until(() => window.events.includes('ended'), 30000);
          await new Promise((r) => setTimeout(r, 300));
          out.lastFrameSmall = readBarcode([p.element, 320]);
          out.level = p.currentLevel;
          out.estimate = p.getStats().bandwidthEstimate;
        });
      }""".formatted(MAKE_PLAYER + RUN_CASE + BenchTest.WAITS + FramePacing.JS);

  /**
   * The ABR on a slow link: the first variant's segments come at 100 kB/s (server-dev's shaping,
   * about 0.8 Mbit/s, under its 1.13 Mbit/s), the second's at loopback speed. Once the first
   * segment is measured the player goes down to the second variant by itself ({@code
   * levelswitch}, {@code autoLevel} still true), and the end is the 320×180 picture.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mse", "webcodecs"})
  void onASlowLinkTheAbrGoesDownToTheLevelThatFits(String mode) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String rule = url("/_shaping?path=/test-media/hls/master/v0/&rate=100000");
    assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rule))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    try {
      JsonNode out = Manifests.JSON.readTree((String) page.evaluate(ABR_JS,
          List.of(url("/test-media/hls/master/master.m3u8"), mode)));
      String report = out.toString();
      System.out.println("[abr] " + mode + ": " + report);
      assertThat(out.has("failed")).as(report).isFalse();
      assertThat(out.get("autoBefore").asBoolean()).as(report).isTrue();
      assertThat(out.get("switched").toString()).as(report).isEqualTo("[1]");
      assertThat(out.get("level").asInt()).isEqualTo(1);
      assertThat(out.get("estimate").asDouble()).as("measured, not the default: %s", report).isNotEqualTo(1_000_000.0);
      assertThat(out.get("lastFrameSmall").asInt()).as(report).isBetween(178, 179);
      assertThat(out.get("events").toString()).doesNotContain("error");
    } finally {
      http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/_shaping"))).DELETE().build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }
}
