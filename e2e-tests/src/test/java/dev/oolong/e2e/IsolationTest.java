package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.Test;

/** The demo page is cross-origin isolated by default (SharedArrayBuffer available). */
class IsolationTest extends BrowserTest {

  @Test
  void demoPageIsCrossOriginIsolated() {
    page.navigate(url("/"));
    assertThat(page.evaluate("crossOriginIsolated")).isEqualTo(true);
    assertThat(page.evaluate("typeof SharedArrayBuffer")).isEqualTo("function");
    assertThat(page.evaluate("Oolong.isCrossOriginIsolated()")).isEqualTo(true);
    page.waitForSelector("#engine.ok");
  }

  @Test
  void wasmIsServedAsApplicationWasmWithIsolationHeadersAndRanges() {
    APIResponse wasm = page.request().get(url("/dist/oolong-engine.wasm"));
    assertThat(wasm.status()).isEqualTo(200);
    assertThat(wasm.headers()).containsEntry("content-type", "application/wasm")
        .containsEntry("cross-origin-opener-policy", "same-origin")
        .containsEntry("cross-origin-embedder-policy", "require-corp");
    APIResponse range = page.request().get(url("/test-media/mp4/h264-aac-moov-first.mp4"),
        RequestOptions.create().setHeader("Range", "bytes=0-99"));
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.body()).hasSize(100);
  }
}
