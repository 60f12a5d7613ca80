package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import dev.oolong.server.DevServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults on the MSE path, injected by server-dev ({@code --faults}): a connection cut in the
 * middle of the file is resumed with a range request and the stream plays to its end; a file cut
 * short plays what it has, then ends with a recoverable {@code CONTAINER_TRUNCATED}. Never a
 * stuck player: every case ends in {@code ended} or a critical error within its time limit.
 */
class MseFaultTest extends BrowserTest {
  @Override
  protected DevServer.Config serverConfig() {
    return super.serverConfig().withFaults(true);
  }

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  /** Loads, plays from near the end of what will be there, waits for ended or error. */
  private JsonNode run(String path) throws Exception {
    Object load = page.evaluate(MsePlaybackTest.LOAD_JS, url(path));
    if (!"ok".equals(load)) {
      return Manifests.JSON.readTree("{\"load\":" + Manifests.JSON.writeValueAsString(load) + "}");
    }
    page.evaluate("() => { window.player.element.playbackRate = 4; return window.player.play(); }");
    page.waitForFunction("() => window.events.includes('ended') || window.player.getStats().errors"
        + ".some((e) => e.severity === 'CRITICAL')", null, new Page.WaitForFunctionOptions().setTimeout(20_000));
    return Manifests.JSON.readTree((String) page.evaluate("""
        () => JSON.stringify({ events: window.events, stats: window.player.getStats(),
                               errors: window.player.getStats().errors.map((e) => e.codeName),
                               time: window.player.currentTime })"""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "mp4/h264-aac-moov-first.mp4", "flv/h264-aac.flv"})
  void aDroppedConnectionIsResumedAndPlaysToTheEnd(String fixture) throws Exception {
    JsonNode r = run("/test-media/" + fixture + "?fault=drop:300000");
    assertThat(r.get("errors")).as("%s", r).isEmpty();
    assertThat(r.get("events").toString()).contains("ended");
    assertThat(r.get("stats").get("retries").asInt()).as("resumed").isPositive();
    assertThat(r.get("time").asDouble()).isGreaterThan(5.5);
  }

  /**
   * A file cut short (the server sends fewer bytes than it announced; the resumed requests get
   * nothing more) plays what it has and ends where the bytes end, with a recoverable {@code
   * CONTAINER_TRUNCATED}: an MPEG-TS (the extractor keeps every complete unit) and an MP4 whose
   * sample table names bytes that are not there.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "mp4/h264-aac-moov-first.mp4"})
  void aFileCutShortPlaysWhatItHasThenEndsWithAWarning(String fixture) throws Exception {
    JsonNode r = run("/test-media/" + fixture + "?fault=truncate:400000");
    assertThat(r.get("errors").toString()).as("%s", r).isEqualTo("[\"CONTAINER_TRUNCATED\"]");
    assertThat(r.get("stats").get("errors").get(0).get("severity").asText()).isEqualTo("RECOVERABLE");
    assertThat(r.get("events").toString()).contains("ended");
    // It ends where the bytes end: 400,000 of the file's bytes hold about that share of its media
    // (a constant bitrate, give or take a GOP), in media time (from 0).
    double share = 400_000.0 / java.nio.file.Files.size(TestEnv.testMedia().resolve(fixture));
    double duration = Manifests.ffprobe(fixture).get("format").get("duration").asDouble();
    assertThat(r.get("time").asDouble()).as("about %.0f %% of the stream", share * 100)
        .isBetween(share * duration - 0.7, share * duration + 0.7);
  }
}
