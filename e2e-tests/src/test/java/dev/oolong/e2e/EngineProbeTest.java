package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Worker;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wasm engine in a dedicated worker: probe() of every MP4 fixture must report exactly what
 * ffprobe's manifest says; errors come back typed.
 */
class EngineProbeTest extends BrowserTest {

  static final String PROBE_JS = """
      async (u) => {
        window.engine = window.engine || await Oolong.createEngine();
        try { return JSON.stringify(await window.engine.probe(u)); }
        catch (e) { return JSON.stringify({error: {code: e.code, codeName: e.codeName, category: e.category,
                                                    severity: e.severity, data: e.data, isPlayerError: e instanceof Oolong.PlayerError}}); }
      }""";

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  JsonNode probe(String path) throws Exception {
    return Manifests.JSON.readTree((String) page.evaluate(PROBE_JS, url(path)));
  }

  static Stream<String> mp4Fixtures() throws Exception {
    return Manifests.files(".mp4").stream();
  }

  @ParameterizedTest
  @MethodSource("mp4Fixtures")
  void probeMatchesFfprobe(String fixture) throws Exception {
    JsonNode info = probe("/test-media/" + fixture);
    JsonNode ff = Manifests.ffprobe(fixture);
    assertThat(info.has("error")).as("%s", info).isFalse();
    assertThat(info.get("container").asText()).isEqualTo("mp4");
    assertThat(info.get("size").asLong()).isEqualTo(Files.size(TestEnv.testMedia().resolve(fixture)));
    assertMicros(info.get("duration").asDouble(), ff.get("format").get("duration").asDouble());
    JsonNode streams = ff.get("streams");
    assertThat(info.get("tracks").size()).isEqualTo(streams.size());
    for (int i = 0; i < streams.size(); i++) {
      JsonNode t = info.get("tracks").get(i);
      JsonNode s = streams.get(i);
      assertThat(t.get("type").asText()).isEqualTo(s.get("codec_type").asText());
      assertThat(t.get("codec").asText()).isEqualTo(s.get("codec_name").asText());
      assertThat(t.get("sampleCount").asLong()).isEqualTo(s.get("nb_read_packets").asLong());
      assertMicros(t.get("duration").asDouble(), s.get("duration").asDouble());
      assertThat(t.get("codecString").isTextual()).isTrue();
      if ("video".equals(s.get("codec_type").asText())) {
        assertThat(t.get("width").asInt()).isEqualTo(s.get("width").asInt());
        assertThat(t.get("height").asInt()).isEqualTo(s.get("height").asInt());
      } else {
        assertThat(t.get("sampleRate").asInt()).isEqualTo(s.get("sample_rate").asInt());
        assertThat(t.get("channels").asInt()).isEqualTo(s.get("channels").asInt());
      }
    }
  }

  /** ffprobe prints 6 decimals (rounded); the engine keeps whole microseconds (truncated). */
  static void assertMicros(double actualSeconds, double ffprobeSeconds) {
    assertThat(Math.abs(Math.round(actualSeconds * 1e6) - Math.round(ffprobeSeconds * 1e6)))
        .as("%f vs ffprobe %f", actualSeconds, ffprobeSeconds).isLessThanOrEqualTo(1);
  }

  @Test
  void engineRunsInAWorkerAndUsesRangeRequests() throws Exception {
    String fixture = "/test-media/mp4/h264-aac-moov-last.mp4";
    server.traffic().reset();
    JsonNode info = probe(fixture);
    assertThat(info.get("tracks").get(0).get("codecString").asText()).isEqualTo("avc1.4d401e");
    assertThat(page.workers()).extracting(Worker::url).anyMatch(u -> u.endsWith("/dist/oolong-worker.js"));
    long size = Files.size(TestEnv.testMedia().resolve("mp4/h264-aac-moov-last.mp4"));
    // moov sits after 768 kB of mdat: the engine must jump there with ranges, not download it.
    assertThat(server.traffic().bytesSent(fixture)).isLessThan(size / 5);
    assertThat(server.traffic().requests(fixture)).isBetween(2L, 3L);
  }

  @Test
  void httpErrorsAreTyped() throws Exception {
    JsonNode e = probe("/test-media/absent.mp4").get("error");
    assertThat(e.get("isPlayerError").asBoolean()).isTrue();
    assertThat(e.get("codeName").asText()).isEqualTo("NETWORK_BAD_HTTP_STATUS");
    assertThat(e.get("code").asInt()).isEqualTo(1002);
    assertThat(e.get("category").asText()).isEqualTo("NETWORK");
    assertThat(e.get("data").get("status").asText()).isEqualTo("404");
  }

  @Test
  void containersWithoutAnIndexAreProbedByExtraction() throws Exception {
    JsonNode ts = probe("/test-media/ts/h264-aac.ts");
    assertThat(ts.get("container").asText()).isEqualTo("mpegts");
    assertThat(ts.get("tracks").get(0).get("codecString").asText()).isEqualTo("avc1.4d401e");
    assertThat(ts.get("tracks").get(0).get("sampleCount").asInt()).isEqualTo(180);
    JsonNode junk = probe("/test-media/index.json").get("error");
    assertThat(junk.get("codeName").asText()).isEqualTo("CONTAINER_UNRECOGNIZED");
  }

  @Test
  void unreachableHostIsAConnectionError() throws Exception {
    // Port 9 (discard) on loopback is closed: fetch rejects, the engine reports it typed.
    JsonNode e = Manifests.JSON.readTree((String) page.evaluate(PROBE_JS, "http://127.0.0.1:9/x.mp4")).get("error");
    assertThat(e.get("codeName").asText()).isEqualTo("NETWORK_CONNECTION_FAILED");
  }
}
