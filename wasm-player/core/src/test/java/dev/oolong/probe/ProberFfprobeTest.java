package dev.oolong.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.TestMedia;
import dev.oolong.media.MediaInfo;
import dev.oolong.media.TrackInfo;
import dev.oolong.upstream.FileDataSource;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The MP4 probe on the JVM against ffprobe's report of every MP4 fixture (the oracle). */
class ProberFfprobeTest {

  static Stream<String> mp4Fixtures() throws Exception {
    List<String> files = TestMedia.files(".mp4");
    assertThat(files).hasSizeGreaterThanOrEqualTo(5);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("mp4Fixtures")
  void matchesFfprobe(String fixture) throws Exception {
    FileDataSource source = new FileDataSource();
    ProbeHarness h = ProbeHarness.run(source, TestMedia.file(fixture).toString());
    assertThat(h.callbacks).isEqualTo(1);
    assertThat(h.error).isNull();
    assertMatches(h.info, TestMedia.ffprobe(fixture));
    assertThat(h.info.sizeBytes()).isEqualTo(Files.size(TestMedia.file(fixture)));
  }

  /** Every field ffprobe reports must agree: codec, geometry, audio format, packets, duration. */
  static void assertMatches(MediaInfo info, JsonNode ffprobe) {
    JsonNode streams = ffprobe.get("streams");
    assertThat(info.container()).isEqualTo("mp4");
    assertThat(ffprobe.get("format").get("format_name").asText()).contains("mp4");
    assertThat(info.tracks()).hasSize(streams.size());
    for (int i = 0; i < streams.size(); i++) {
      JsonNode s = streams.get(i);
      TrackInfo t = info.tracks().get(i);
      assertThat(t.type().name().toLowerCase()).isEqualTo(s.get("codec_type").asText());
      assertThat(t.codec()).isEqualTo(s.get("codec_name").asText());
      assertThat(t.id()).isEqualTo(Integer.decode(s.get("id").asText()));
      assertThat(t.sampleCount()).isEqualTo(s.get("nb_read_packets").asLong());
      // ffprobe prints seconds with 6 decimals (rounded); we keep whole microseconds (truncated).
      long ffUs = Math.round(s.get("duration").asDouble() * 1e6);
      assertThat(t.durationUs()).isBetween(ffUs - 1, ffUs + 1);
      if ("video".equals(s.get("codec_type").asText())) {
        assertThat(t.width()).isEqualTo(s.get("width").asInt());
        assertThat(t.height()).isEqualTo(s.get("height").asInt());
      } else {
        assertThat(t.sampleRate()).isEqualTo(s.get("sample_rate").asInt());
        assertThat(t.channels()).isEqualTo(s.get("channels").asInt());
      }
      assertCodecString(t, s);
    }
    long ffFormatUs = Math.round(ffprobe.get("format").get("duration").asDouble() * 1e6);
    assertThat(info.durationUs()).isBetween(ffFormatUs - 1, ffFormatUs + 1);
  }

  /** The codec string's fields that ffprobe also reports (profile, level) must agree. */
  static void assertCodecString(TrackInfo t, JsonNode s) {
    String cs = t.codecString();
    switch (t.codec()) {
      case "h264" -> {
        int profileIdc = Integer.parseInt(cs.substring(5, 7), 16);
        int level = Integer.parseInt(cs.substring(9, 11), 16);
        assertThat(profileIdc).isEqualTo(switch (s.get("profile").asText()) {
          case "Baseline", "Constrained Baseline" -> 66;
          case "Main" -> 77;
          case "High" -> 100;
          default -> -1;
        });
        assertThat(level).isEqualTo(s.get("level").asInt());
      }
      case "hevc" -> {
        String[] parts = cs.split("\\.");
        assertThat(parts[0]).isEqualTo(s.get("codec_tag_string").asText());
        assertThat(parts[1]).isEqualTo("Main".equals(s.get("profile").asText()) ? "1" : "2");
        assertThat(parts[3]).isEqualTo("L" + s.get("level").asInt());
      }
      case "av1" -> {
        // av01.P.LLT.DD: ffprobe's profile name and seq_level_idx
        String[] parts = cs.split("\\.");
        assertThat(parts[1]).isEqualTo("Main".equals(s.get("profile").asText()) ? "0" : "?");
        assertThat(Integer.parseInt(parts[2].substring(0, 2))).isEqualTo(s.get("level").asInt());
        assertThat(parts[3]).isEqualTo("08");
      }
      case "aac" -> assertThat(cs).isEqualTo("LC".equals(s.get("profile").asText())
          ? "mp4a.40.2" : "HE-AAC".equals(s.get("profile").asText()) ? "mp4a.40.5" : "?");
      case "opus" -> assertThat(cs).isEqualTo("opus");
      default -> assertThat(cs).isNotNull();
    }
  }
}
