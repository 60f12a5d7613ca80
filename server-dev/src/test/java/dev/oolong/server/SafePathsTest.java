package dev.oolong.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The second line of defence, for paths that reach the handler (Jetty refuses most first). */
class SafePathsTest {
  @ParameterizedTest
  @ValueSource(strings = {"..", "a/../..", "%2e%2e", "%2E%2E/x", "a/%2f/b", "a%2Fb", "a\\b", "%5c",
      "x%00", "%", "%g0", "%c0%ae", "c:", ".", "%2e"})
  void unsafeSegmentsAreRefused(String raw) {
    assertThat(SafePaths.decodeSegments(raw)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"a/b.mp4, a/b.mp4", "a//b.mp4, a/b.mp4", "name%20with%20space.mp4, name with space.mp4",
      "caf%C3%A9.mp4, café.mp4", "'', ''"})
  void safePathsDecode(String raw, String expected) {
    assertThat(SafePaths.decodeSegments(raw)).isEqualTo(expected);
  }
}
