package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.extractor.Diagnostics;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

  static Stream<String> fixtures() throws Exception {
    return Manifests.files(".mp4", ".ts", ".aac", ".mp3", ".flv", ".webm", ".ogg", ".flac").stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void wasmExtractionEqualsTheJvms(String fixture) throws Exception {
    PacketRecorder jvm = new PacketRecorder();
    FileExtractorRunner.run(TestEnv.testMedia().resolve(fixture), jvm, 64 * 1024, true);
    JsonNode expected = Manifests.JSON.readTree(Diagnostics.summary(jvm, 0));
    String json = (String) page.evaluate("""
        async (u) => {
          window.engine = window.engine || await Oolong.createEngine({ _wasm: 'oolong-diagnostics.wasm' });
          return JSON.stringify(await window.engine._demux(u));
        }""", url("/test-media/" + fixture));
    JsonNode wasm = Manifests.JSON.readTree(json);
    assertThat(wasm.get("packets").asInt()).isEqualTo(expected.get("packets").asInt()).isGreaterThan(50);
    assertThat(wasm.get("bytes").asLong()).isEqualTo(expected.get("bytes").asLong());
    assertThat(wasm.get("dumpCrc").asText()).isEqualTo(expected.get("dumpCrc").asText());
  }
}
