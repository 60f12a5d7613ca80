package dev.oolong;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.codegen.TypeScriptGenerator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void codesAreUniqueAndInTheirCategorysRange() {
    Set<Integer> seen = new HashSet<>();
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(seen.add(c.code)).as("duplicate %s", c).isTrue();
      assertThat(c.code / 1000).as("%s", c).isEqualTo(c.category.value);
      assertThat(c.name()).startsWith(c.category.name());
    }
  }

  @Test
  void wireFormCarriesEverything() {
    PlayerException e = PlayerException.critical(ErrorCode.NETWORK_BAD_HTTP_STATUS, "HTTP 404",
        "url", "http://x/\"a\"", "status", 404);
    assertThat(e.toJson()).isEqualTo("{\"severity\":\"CRITICAL\",\"category\":\"NETWORK\","
        + "\"code\":1002,\"name\":\"NETWORK_BAD_HTTP_STATUS\",\"message\":\"HTTP 404\","
        + "\"data\":{\"url\":\"http://x/\\\"a\\\"\",\"status\":\"404\"}}");
  }

  @Test
  void typeScriptDeclarationsAreGeneratedFromTheJavaTables() {
    String ts = TypeScriptGenerator.generate();
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(ts).contains("  " + c.name() + ": " + c.code + ",\n");
    }
    for (ErrorCategory c : ErrorCategory.values()) {
      assertThat(ts).contains("  " + c.name() + ": " + c.value + ",\n");
    }
    assertThat(ts).contains("NETWORK_BAD_HTTP_STATUS: { url: string; status: string; };");
    assertThat(ts).contains("ENGINE_VERSION = \"" + Version.VERSION + "\"");
  }
}
