package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.server.DevServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * server-dev's live simulator over real HTTP (no browser): the playlist is a sliding window whose
 * program date times follow the wall clock, and the segments of two loops of the fixture, put
 * behind the init section, are one stream by ffprobe's reading — its video packets' times go on
 * one frame apart across the loop, never back.
 */
class LiveSimulatorTest {
  static DevServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = DevServer.start(DevServer.Config.defaults().withPort(0).withRequestLog(false)
        .withRoots(TestEnv.web(), TestEnv.dist(), TestEnv.testMedia()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  private byte[] get(String path, int status) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path).isEqualTo(status);
    return r.body();
  }

  @Test
  void theWindowSlidesWithTheWallClock() throws Exception {
    String list = new String(get("/live/fmp4/index.m3u8", 200));
    assertThat(list).startsWith("#EXTM3U").contains("#EXT-X-MAP:URI=\"init.mp4\"").doesNotContain("#EXT-X-ENDLIST");
    List<Long> sequence = new ArrayList<>();
    List<Instant> dates = new ArrayList<>();
    for (String line : list.split("\n")) {
      if (line.endsWith(".m4s")) {
        sequence.add(Long.parseLong(line.substring(0, line.length() - 4)));
      } else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
        dates.add(Instant.parse(line.substring(25)));
      }
    }
    assertThat(sequence).hasSize(5);
    assertThat(list).contains("#EXT-X-MEDIA-SEQUENCE:" + sequence.get(0));
    for (int i = 1; i < sequence.size(); i++) {
      assertThat(sequence.get(i)).isEqualTo(sequence.get(i - 1) + 1);
      assertThat(dates.get(i).toEpochMilli() - dates.get(i - 1).toEpochMilli()).isBetween(1990L, 2010L);
    }
    // the last segment listed is complete: its end (start + 2 s) is not in the future
    long lastEnd = dates.get(dates.size() - 1).toEpochMilli() + 2000;
    assertThat(lastEnd).isLessThanOrEqualTo(System.currentTimeMillis() + 50);
    assertThat(System.currentTimeMillis() - lastEnd).as("published within a segment of its end").isLessThan(2500);
    get("/live/fmp4/" + (sequence.get(sequence.size() - 1) + 3) + ".m4s", 404); // not published yet
    get("/live/none/index.m3u8", 404);
  }

  @Test
  void twoLoopsOfSegmentsAreOneStreamForFfprobe(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(get("/live/fmp4/init.mp4", 200));
    for (int n = 0; n < 6; n++) { // the fixture has 3 segments: two loops
      all.write(get("/live/fmp4/" + n + ".m4s", 200));
    }
    Path file = tmp.resolve("live.mp4");
    Files.write(file, all.toByteArray());
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
        "packet=pts_time", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    List<Double> pts = new ArrayList<>();
    for (String l : out.strip().split("\n")) {
      pts.add(Double.parseDouble(l.strip()));
    }
    pts.sort(Double::compare);
    assertThat(pts).hasSize(360);
    for (int i = 1; i < pts.size(); i++) {
      assertThat(pts.get(i) - pts.get(i - 1)).as("frame %d after %f", i, pts.get(i - 1)).isCloseTo(1 / 30.0,
          org.assertj.core.data.Offset.offset(0.002));
    }
  }
}
