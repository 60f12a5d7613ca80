package dev.oolong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliTest {
  @Test
  void defaults() throws Exception {
    DevServer.Config c = Cli.parse(new String[0], DevServer.Config.defaults());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.isolation()).isTrue();
    assertThat(c.userMedia()).isNull();
  }

  @Test
  void flags() throws Exception {
    DevServer.Config c = Cli.parse(new String[] {"--port", "9000", "--no-isolation", "--media", "/srv/videos",
        "--no-request-log"}, DevServer.Config.defaults());
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.isolation()).isFalse();
    assertThat(c.requestLog()).isFalse();
    assertThat(c.userMedia()).isEqualTo(Path.of("/srv/videos"));
  }

  @Test
  void badFlagsAreClearErrors() {
    assertThatThrownBy(() -> Cli.parse(new String[] {"--port", "http"}, DevServer.Config.defaults()))
        .hasMessageContaining("not a port number");
    assertThatThrownBy(() -> Cli.parse(new String[] {"--media"}, DevServer.Config.defaults()))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Cli.parse(new String[] {"--bogus"}, DevServer.Config.defaults()))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> Cli.parse(new String[] {"--help"}, DevServer.Config.defaults()))
        .isInstanceOf(Cli.HelpRequested.class);
  }
}
