package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.server.DevServer;
import org.junit.jupiter.api.Test;

/** With COOP/COEP switched off the page is not isolated, and the engine still loads and works. */
class NoIsolationTest extends BrowserTest {

  @Override
  protected DevServer.Config serverConfig() {
    return super.serverConfig().withIsolation(false);
  }

  @Test
  void engineLoadsWithoutSharedArrayBuffer() {
    page.navigate(url("/blank.html"));
    assertThat(page.evaluate("crossOriginIsolated")).isEqualTo(false);
    assertThat(page.evaluate("typeof SharedArrayBuffer")).isEqualTo("undefined");
    Object codecs = page.evaluate("""
        async () => {
          const e = await Oolong.createEngine();
          const info = await e.probe('/test-media/mp4/hevc-aac.mp4');
          return info.tracks.map(t => t.codecString).join(',');
        }""");
    assertThat(codecs).isEqualTo("hvc1.1.6.L63.90,mp4a.40.2");
  }
}
