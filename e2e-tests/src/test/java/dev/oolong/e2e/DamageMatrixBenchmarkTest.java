package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every damaged file of the test media (bit errors at 10⁻⁵, 10⁻⁴ and 5·10⁻⁴ per byte and lost
 * TS packets in TS, FLV and fragmented MP4; cuts at 25, 50 and 75 % of MP4, TS, FLV and WebM) on
 * the MSE path, the canvas path and in mode auto, played at 4× to its end: how far the clock got,
 * as a share of the media ffmpeg decodes from the same bytes ({@code -f null}, the oracle), and
 * how it ended. {@code DamagedPlaybackTest} asserts on a representative subset in the suite; this
 * reports the whole matrix ({@code ./oolong bench}).
 */
class DamageMatrixBenchmarkTest extends BenchTest {
  static final String JS = """
      async ([u, mode]) => {
        %s
        const out = { reached: 0 };
        const p = makePlayer({ mode, muted: true }, 640, 360);
        try {
          await within(p.load(u), 20000, 'load');
          p.playbackRate = 4;
          await p.play().catch(() => undefined);
          const timer = setInterval(() => { out.reached = Math.max(out.reached, p.currentTime); }, 20);
          out.done = await until(() => window.events.includes('ended')
            || window.events.some((e) => e.startsWith('error CRITICAL')), 30000);
          clearInterval(timer);
          out.reached = Math.max(out.reached, p.currentTime);
          out.pathChanges = p.getStats().pathSwitches;
        } catch (e) {
          out.failed = String(e.message || e);
        }
        out.events = window.events;
        p.destroy();
        return JSON.stringify(out);
      }""".formatted(MAKE_PLAYER + WAITS);

  @Test
  void everyDamagedFileOnEveryPath() throws Exception {
    page.navigate(url("/blank.html"));
    Path dir = TestEnv.testMedia().resolve("damaged");
    List<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.map(f -> f.getFileName().toString()).filter(n -> !n.contains(".frames") && !n.endsWith(".json")
          && !n.endsWith(".csv")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(20);
    List<BenchReport.Row> rows = new ArrayList<>();
    for (String file : files) {
      String source = file.substring(file.indexOf('-') + 1).replaceFirst("-", "/");
      int decodable = Integer.parseInt(Files.readString(dir.resolve(file + ".frames")).trim().split(" ")[0]);
      double first = MsePlaybackTest.firstFrameTime(source);
      double media = decodable / DamagedPlaybackTest.FPS;
      for (String mode : new String[] {"mse", "webcodecs", "auto"}) {
        JsonNode out = Manifests.JSON.readTree((String) page.evaluate(JS,
            List.of(url("/test-media/damaged/" + file), mode)));
        List<String> events = new ArrayList<>();
        out.get("events").forEach(e -> events.add(e.asText()));
        String end = out.has("failed") ? "failed: " + out.get("failed").asText()
            : events.contains("ended") ? "ended"
            : events.stream().filter(e -> e.startsWith("error CRITICAL")).findFirst()
                .map(e -> e.substring("error ".length(), Math.min(e.length(), 60))).orElse("no end in 30 s");
        long recoverable = events.stream().filter(e -> e.startsWith("error RECOVERABLE")).count();
        double reached = out.get("reached").asDouble();
        double share = media <= 0 ? Double.NaN : 100 * Math.min(1.5, Math.max(0, reached - first) / media);
        System.out.printf("[matrix] %s on %s: %.1f %% of ffmpeg's %d frames, %s, %d recoverable%n",
            file, mode, share, decodable, end, recoverable);
        rows.add(BenchReport.Row.of(file + " on " + mode, "% of the media ffmpeg decodes", share,
            "ffmpeg -f null (" + decodable + " of 180 frames)", 100)
            .withNote(end + "; " + recoverable + " recoverable errors; path switches "
                + out.path("pathChanges").asInt()));
      }
    }
    report("Damaged media: how far playback gets, against what ffmpeg decodes", rows);
  }
}
