package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.extractor.Diagnostics;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.SoftAssertions;
import java.util.List;

/**
 * The extractors compiled to wasm, fed by fetch in the worker, produce exactly the packets the
 * same Java code produces on the JVM (which the JVM tests check against ffprobe): same count,
 * bytes, and CRC-32 of the whole packet dump (times, flags, sizes, data CRCs).
 */
class EngineDemuxTest extends BrowserTest {

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  static List<String> fixtures() throws Exception {
    return Manifests.files(".mp4", ".ts", ".aac", ".mp3", ".flv", ".webm", ".ogg", ".flac");
  }

  /**
   * Every fixture through one engine in one page (a page and an engine per fixture cost more
   * than the demuxing: 51 s against 8 s for the lot), each compared on its own; all
   * mismatches are reported together, by fixture.
   */
  @Test
  void wasmExtractionEqualsTheJvms() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    List<String> all = fixtures();
    assertThat(all).hasSizeGreaterThan(15);
    for (String fixture : all) {
      PacketRecorder jvm = new PacketRecorder();
      FileExtractorRunner.run(TestEnv.testMedia().resolve(fixture), jvm, 64 * 1024, true);
      JsonNode expected = Manifests.JSON.readTree(Diagnostics.summary(jvm, 0));
      String json = (String) page.evaluate("""
          async (u) => {
            window.engine = window.engine || await Oolong.createEngine({ _wasm: 'oolong-diagnostics.wasm' });
            return JSON.stringify(await window.engine._demux(u));
          }""", url("/test-media/" + fixture));
      JsonNode wasm = Manifests.JSON.readTree(json);
      soft.assertThat(wasm.get("packets").asInt()).as("%s: packets", fixture)
          .isEqualTo(expected.get("packets").asInt()).isGreaterThan(50);
      soft.assertThat(wasm.get("bytes").asLong()).as("%s: bytes", fixture).isEqualTo(expected.get("bytes").asLong());
      soft.assertThat(wasm.get("dumpCrc").asText()).as("%s: dump CRC", fixture).isEqualTo(expected.get("dumpCrc").asText());
    }
    soft.assertAll();
  }
}
