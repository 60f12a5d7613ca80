package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The bundle's three forms: IIFE global, ES module, npm tarball; and the baseUrl option. */
class LoaderTest extends BrowserTest {

  @Test
  void esModuleFindsItsWasmRelativeToItself() {
    page.navigate(url("/blank.html"));
    Object codec = page.evaluate("""
        async () => {
          const m = await import('/dist/oolong.mjs');
          const e = await m.createEngine();
          const info = await e.probe('/test-media/mp4/av1-opus.mp4');
          e.terminate();
          return info.tracks.map(t => t.codecString).join(',');
        }""");
    assertThat(codec).isEqualTo("av01.0.01M.08,opus");
  }

  @Test
  void explicitBaseUrlIsUsedAndAWrongOneIsATypedError() {
    page.navigate(url("/blank.html"));
    Object ok = page.evaluate("""
        async () => { const e = await Oolong.createEngine({ baseUrl: '/dist/' }); e.terminate(); return e.engineVersion; }""");
    assertThat(ok).isEqualTo(page.evaluate("Oolong.version"));
    Object err = page.evaluate("""
        async () => {
          try { await Oolong.createEngine({ baseUrl: '/nowhere/', startTimeoutMs: 10000 }); return 'started?'; }
          catch (e) { return e.codeName + ' ' + e.code + ' ' + (e instanceof Oolong.PlayerError); }
        }""");
    assertThat(err).isEqualTo("PLAYER_ENGINE_LOAD_FAILED 7001 true");
  }

  @Test
  void terminatedEngineRejectsTyped() {
    page.navigate(url("/blank.html"));
    Object err = page.evaluate("""
        async () => {
          const e = await Oolong.createEngine();
          const p = e.probe('/test-media/mp4/h264-aac-moov-last.mp4');
          e.terminate();
          try { await p; return 'resolved?'; } catch (x) { return x.codeName; }
        }""");
    assertThat(err).isEqualTo("PLAYER_DESTROYED");
  }

  @Test
  void npmTarballHoldsTheWholePackage() throws IOException {
    Path tgz = TestEnv.path("oolong.npmPackage");
    Map<String, byte[]> files = untar(tgz);
    assertThat(files).containsKeys("package/package.json", "package/oolong.js", "package/oolong.mjs",
        "package/oolong.d.ts", "package/oolong-worker.js", "package/oolong-engine.wasm",
        "package/oolong-engine.wasm-runtime.js", "package/README.md");
    String pkg = new String(files.get("package/package.json"), StandardCharsets.UTF_8);
    assertThat(Manifests.JSON.readTree(pkg).get("name").asText()).isEqualTo("oolong-player");
    assertThat(Manifests.JSON.readTree(pkg).get("types").asText()).isEqualTo("./oolong.d.ts");
    // The packaged wasm is the one the server serves, and it is WebAssembly.
    assertThat(files.get("package/oolong-engine.wasm"))
        .isEqualTo(Files.readAllBytes(TestEnv.dist().resolve("oolong-engine.wasm")))
        .startsWith(0, 'a', 's', 'm');
    String dts = new String(files.get("package/oolong.d.ts"), StandardCharsets.UTF_8);
    assertThat(dts).contains("createEngine").contains("PlayerError").contains("probe(url: string): Promise<MediaInfo>");
    // The diagnostics build is the tests' only: never in the package.
    assertThat(files.keySet()).noneMatch(f -> f.contains("diagnostics"));
    assertThat(pkg).doesNotContain("diagnostics");
  }

  /**
   * The shipped engine has no diagnostics (packet dumps, decode checks): asked for one, it says
   * so; the diagnostics build answers the same request. The shipped wasm is the smaller.
   */
  @Test
  void diagnosticsAreTheDiagnosticsBuildsOnly() throws IOException {
    page.navigate(url("/blank.html"));
    Object answers = page.evaluate("""
        async (u) => {
          const shipped = await Oolong.createEngine();
          const diagnostics = await Oolong.createEngine({ _wasm: 'oolong-diagnostics.wasm' });
          try {
            const a = await shipped._demux(u).then(() => 'answered', (e) => e.codeName + ' ' + e.data.reason);
            const b = await diagnostics._demux(u).then((r) => 'packets ' + (r.packets > 0), (e) => e.codeName);
            return a + ' | ' + b;
          } finally { shipped.terminate(); diagnostics.terminate(); }
        }""", url("/test-media/mp4/h264-aac-moov-first.mp4"));
    assertThat(answers).isEqualTo("PLAYER_INVALID_ARGUMENT diagnostics only | packets true");
    assertThat(Files.size(TestEnv.dist().resolve("oolong-engine.wasm")))
        .isLessThan(Files.size(TestEnv.dist().resolve("oolong-diagnostics.wasm")));
  }

  /** A minimal ustar reader (regular files only). */
  static Map<String, byte[]> untar(Path tgz) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
        if (name.isEmpty()) {
          break;
        }
        String prefix = new String(header, 345, 155, StandardCharsets.UTF_8).replace("\0", "");
        long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
        byte[] data = in.readNBytes((int) size);
        in.readNBytes((int) ((512 - size % 512) % 512));
        if (header[156] == '0' || header[156] == 0) {
          out.put(prefix.isEmpty() ? name : prefix + "/" + name, data);
        }
      }
    }
    return out;
  }
}
