package dev.oolong.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test media's oracle: index.json and the ffprobe manifest next to each file. */
final class Manifests {
  static final ObjectMapper JSON = new ObjectMapper();

  private Manifests() {}

  static JsonNode index() throws IOException {
    return JSON.readTree(TestEnv.testMedia().resolve("index.json").toFile());
  }

  /** Fixture paths (relative to the media root) whose name ends with one of the suffixes. */
  static List<String> files(String... suffixes) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : index().get("files")) {
      for (String s : suffixes) {
        if (f.asText().endsWith(s)) {
          out.add(f.asText());
        }
      }
    }
    return out;
  }

  /** ffprobe's report of a fixture. */
  static JsonNode ffprobe(String relative) throws IOException {
    Path p = TestEnv.testMedia().resolve(relative + ".json");
    return JSON.readTree(p.toFile());
  }
}
