package dev.oolong;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's error table lists every code the engine can report (docs move with code). */
class DocsTest {
  @Test
  void readmeListsEveryErrorCode() throws Exception {
    Path readme = Path.of(System.getProperty("oolong.root", "../.."), "README.md");
    String text = Files.readString(readme);
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(text).as("README error table").contains("| " + c.code + " | `" + c.name() + "` |");
    }
  }
}
