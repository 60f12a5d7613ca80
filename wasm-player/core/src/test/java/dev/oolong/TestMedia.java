package dev.oolong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The generated test media (scripts/gen-test-media.sh) and its ffprobe manifests. */
public final class TestMedia {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestMedia() {}

  public static Path root() {
    String p = System.getProperty("oolong.testMedia");
    if (p == null) {
      throw new IllegalStateException("oolong.testMedia is not set (run through Maven)");
    }
    Path root = Path.of(p);
    if (!Files.isRegularFile(root.resolve("index.json"))) {
      throw new IllegalStateException("no test media in " + root + ": run scripts/gen-test-media.sh");
    }
    return root;
  }

  public static Path file(String relative) {
    return root().resolve(relative);
  }

  /**
   * The damaged files ({@code damaged/}: cut short, bit errors, lost packets), sorted, as paths
   * relative to the root.
   */
  public static List<String> damaged() throws IOException {
    try (var files = Files.list(root().resolve("damaged"))) {
      return files.map(f -> "damaged/" + f.getFileName())
          .filter(f -> !f.endsWith(".frames")).sorted().toList();
    }
  }

  /**
   * A damaged file's oracle: {@code [0]} the video frames ffmpeg decodes from it, {@code [1]}
   * those it decodes from the intact source.
   */
  public static int[] decodedFrames(String damaged) throws IOException {
    String[] f = Files.readString(file(damaged + ".frames")).trim().split(" ");
    return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
  }

  /** Fixtures listed in index.json whose name ends with one of the suffixes. */
  public static List<String> files(String... suffixes) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(root().resolve("index.json").toFile()).get("files")) {
      for (String s : suffixes) {
        if (f.asText().endsWith(s)) {
          out.add(f.asText());
        }
      }
    }
    return out;
  }

  /** The Common Encryption key of the {@code *-cenc*} fixtures, hex (ffmpeg ignores it for clear input). */
  public static String cencKey() throws IOException {
    return JSON.readTree(root().resolve("index.json").toFile()).get("cenc").get("key").asText();
  }

  /** The key id of the {@code *-cenc*} fixtures, hex. */
  public static String cencKeyId() throws IOException {
    return JSON.readTree(root().resolve("index.json").toFile()).get("cenc").get("kid").asText();
  }

  public static JsonNode ffprobe(String relative) throws IOException {
    return JSON.readTree(root().resolve(relative + ".json").toFile());
  }
}
