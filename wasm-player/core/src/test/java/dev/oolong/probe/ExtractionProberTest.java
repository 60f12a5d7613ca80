package dev.oolong.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.TestMedia;
import dev.oolong.media.TrackInfo;
import dev.oolong.upstream.FileDataSource;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Probing by extraction, for every container without a header index, against ffprobe. */
class ExtractionProberTest {

  static Stream<String> fixtures() throws Exception {
    return TestMedia.files(".ts", ".flv", ".webm", ".ogg", ".flac", ".mp3", ".aac").stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void tracksMatchFfprobe(String fixture) throws Exception {
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), TestMedia.file(fixture).toString());
    assertThat(h.error).isNull();
    JsonNode ff = TestMedia.ffprobe(fixture);
    JsonNode streams = ff.get("streams");
    assertThat(h.info.tracks()).hasSize(streams.size());
    for (int i = 0; i < streams.size(); i++) {
      JsonNode s = streams.get(i);
      TrackInfo t = h.info.tracks().get(i);
      assertThat(t.codec()).isEqualTo(s.get("codec_name").asText());
      assertThat(t.sampleCount()).isEqualTo(s.get("nb_read_packets").asLong());
      if ("video".equals(s.get("codec_type").asText())) {
        assertThat(t.width()).isEqualTo(s.get("width").asInt());
        assertThat(t.height()).isEqualTo(s.get("height").asInt());
      } else {
        assertThat(t.sampleRate()).isEqualTo(s.get("sample_rate").asInt());
        assertThat(t.channels()).isEqualTo(s.get("channels").asInt());
      }
    }
    // Durations are estimated from timestamps: within 50 ms of ffprobe's.
    double ffDuration = ff.get("format").get("duration").asDouble();
    assertThat(h.info.durationUs() / 1e6).isCloseTo(ffDuration, org.assertj.core.data.Offset.offset(0.05));
  }
}
