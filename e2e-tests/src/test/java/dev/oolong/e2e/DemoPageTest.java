package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo lists every fixture with what the engine's probe says of it. */
class DemoPageTest extends BrowserTest {

  @Test
  void listsFixturesWithProbeResults() throws Exception {
    page.navigate(url("/"));
    page.waitForSelector("body[data-fixtures-done=true]");
    int rows = page.locator("#fixtures tbody tr").count();
    assertThat(rows).isEqualTo(Manifests.index().get("files").size());
    String moovLast = page.locator("tr[data-file='mp4/h264-aac-moov-last.mp4']").innerText();
    assertThat(moovLast).contains("avc1.4d401e").contains("mp4a.40.2").contains("640×360").contains("6.000 s");
    assertThat(page.locator("tr[data-file='webm/vp9-opus.webm']").innerText()).contains("vp09.00.21.08");
    // Every media file is probed; playlists are not media (CONTAINER_UNRECOGNIZED, 3001).
    assertThat(page.locator("#fixtures tr[data-state=probed]").count()).isEqualTo(rows - Manifests.files(".m3u8").size());
    assertThat(page.locator("tr[data-file='hls/ts/index.m3u8']").getAttribute("data-code")).isEqualTo("3001");
  }

  @Test
  void srcParameterProbesAUrl() {
    page.navigate(url("/?src=/test-media/mp4/av1-opus.mp4"));
    page.waitForFunction("document.getElementById('probe-output').textContent.includes('av01')");
    assertThat(page.locator("#probe-output").innerText()).contains("\"codecString\": \"av01.0.01M.08\"");
  }
}
