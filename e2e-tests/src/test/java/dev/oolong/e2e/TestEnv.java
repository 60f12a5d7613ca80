package dev.oolong.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built artefacts and the generated media are (system properties set by Maven). */
final class TestEnv {
  private TestEnv() {}

  static Path path(String property) {
    String v = System.getProperty(property);
    if (v == null) {
      throw new IllegalStateException("system property " + property + " is not set (run through Maven)");
    }
    Path p = Path.of(v);
    if (!Files.exists(p)) {
      throw new IllegalStateException(property + " = " + p + " does not exist: build js-glue and the test media first");
    }
    return p;
  }

  static Path testMedia() {
    return path("oolong.testMedia");
  }

  static Path dist() {
    return path("oolong.dist");
  }

  static Path web() {
    return path("oolong.web");
  }
}
