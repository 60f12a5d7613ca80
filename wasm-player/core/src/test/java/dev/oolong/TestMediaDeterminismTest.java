package dev.oolong;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The media script is deterministic: a second run from scratch writes the same bytes, file for
 * file (fixtures, ffprobe manifests and packet lists).
 *
 * <p>It runs concurrently with the module's other test classes (JUnit's parallel execution is on
 * for this class only, see {@code junit-platform.properties}): the script's encoders are
 * single-threaded, so on a 2-core machine its 40-odd seconds overlap the rest of the module
 * instead of adding to it. It shares nothing with the other tests but the read-only fixtures.
 */
@Execution(ExecutionMode.CONCURRENT)
class TestMediaDeterminismTest {

  @Test
  void generationIsDeterministic(@TempDir Path tmp) throws Exception {
    Path script = Path.of(System.getProperty("oolong.root", "../.."), "scripts/gen-test-media.sh");
    Path out = tmp.resolve("media");
    TestMediaTest.run("bash", script.toString(), out.toString());
    assertThat(hashes(out)).isEqualTo(hashes(TestMedia.root()));
  }

  private static Map<String, String> hashes(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        out.put(root.relativize(p).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
