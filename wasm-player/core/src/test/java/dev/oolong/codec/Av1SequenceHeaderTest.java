package dev.oolong.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.TestMedia;
import dev.oolong.decoder.ChunkCollector;
import dev.oolong.extractor.FileExtractorRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sequence header of the AV1 fixtures (their {@code av1C} configOBUs, and in band in the
 * first sample) against ffprobe: the profile and the picture size it reports can only come out
 * right if every field before them and the colour was walked right.
 */
class Av1SequenceHeaderTest {
  @ParameterizedTest
  @ValueSource(strings = {"mp4/av1-opus.mp4", "webm/av1-opus.webm"})
  void matchesFfprobe(String fixture) throws Exception {
    ChunkCollector c = new ChunkCollector(1);
    FileExtractorRunner.run(TestMedia.file(fixture), c, 64 * 1024, true);
    JsonNode video = TestMedia.ffprobe(fixture).get("streams").get(0);
    assertThat(video.get("codec_name").asText()).isEqualTo("av1");
    byte[] av1c = c.format().initializationData().get(0);
    Av1SequenceHeader fromConfig = Av1SequenceHeader.find(av1c, 4, av1c.length - 4);
    byte[] first = c.chunks().get(0).data();
    Av1SequenceHeader inBand = Av1SequenceHeader.find(first, 0, first.length);
    for (Av1SequenceHeader h : new Av1SequenceHeader[] {fromConfig, inBand}) {
      assertThat(h).as(fixture).isNotNull();
      assertThat(h.profile()).isEqualTo(switch (video.get("profile").asText()) {
        case "Main" -> 0;
        case "High" -> 1;
        default -> 2;
      });
      assertThat(h.maxWidth()).isEqualTo(video.get("width").asInt());
      assertThat(h.maxHeight()).isEqualTo(video.get("height").asInt());
      // Untagged (ffprobe reports no colour space): unspecified, limited range.
      assertThat(video.has("color_space")).isFalse();
      assertThat(h.matrixCoefficients()).isEqualTo(2);
      assertThat(h.fullRange()).isEqualTo("pc".equals(video.path("color_range").asText()));
    }
  }
}
