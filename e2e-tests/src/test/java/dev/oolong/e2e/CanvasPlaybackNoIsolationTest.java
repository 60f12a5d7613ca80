package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.server.DevServer;

/**
 * The canvas path's suite with cross-origin isolation switched off in server-dev (issue 5): no
 * {@code SharedArrayBuffer}, so the audio ring lives in the worklet and the engine writes to it by
 * messages (transferred buffers); the same checks hold — the barcode follows the clock, exact-frame
 * seeks, the tone reaches the worklet, audio is master, A/V offset p95, the end.
 */
class CanvasPlaybackNoIsolationTest extends CanvasPlaybackTest {

  @Override
  protected DevServer.Config serverConfig() {
    return super.serverConfig().withIsolation(false);
  }

  @Override
  protected void checkAudioPath(String audioPath) {
    assertThat(page.evaluate("crossOriginIsolated")).isEqualTo(false);
    assertThat(audioPath).isEqualTo("posted");
  }
}
