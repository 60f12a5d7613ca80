package dev.oolong.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.media.Format;
import dev.oolong.media.TrackType;
import dev.oolong.media.ColorMatrix;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebCodecs configurations and chunks from every container's video track, checked against
 * ffprobe: the codec string's profile and level, the description's presence, and the chunks'
 * sizes, times and key flags against ffprobe's packet list.
 */
class VideoDecoderConfigTest {
  /**
   * The colour read from the H.264 SPS or the VP9 key frame header against ffprobe's color_space
   * and color_range (an
   * untagged stream: unknown, so BT.601 below 720 lines, limited range).
   */
  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts", "flv/h264-aac.flv",
      "mp4/h264-720p-bt709.mp4", "mp4/h264-bt601-fullrange.mp4", "webm/vp9-opus.webm",
      "webm/av1-opus.webm", "mp4/av1-opus.mp4", "webm/vp8-vorbis.webm"})
  void theColourTheBitstreamSignalsMatchesFfprobe(String fixture) throws Exception {
    ChunkCollector c = new ChunkCollector(1);
    FileExtractorRunner.run(TestMedia.file(fixture), c, 64 * 1024, true);
    // H.264: the SPS; VP9: the first key frame's header; AV1: the sequence header; VP8: BT.601.
    VideoDecoderConfig config = VideoDecoderConfig.of(c.format()).withFirstFrame(c.chunks().get(0).data());
    JsonNode video = TestMedia.ffprobe(fixture).get("streams").get(0);
    assertThat(video.get("codec_type").asText()).isEqualTo("video");
    String space = video.path("color_space").asText("unknown");
    ColorMatrix.Coefficients expected = switch (space) {
      case "bt709" -> ColorMatrix.Coefficients.BT709;
      case "smpte170m", "bt470bg" -> ColorMatrix.Coefficients.BT601;
      default -> video.get("height").asInt() >= 720 ? ColorMatrix.Coefficients.BT709 : ColorMatrix.Coefficients.BT601;
    };
    assertThat(config.colorMatrix()).as("%s: %s", fixture, space)
        .isSameAs(ColorMatrix.of(expected, "pc".equals(video.path("color_range").asText())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts", "flv/h264-aac.flv",
      "mkv/h264-aac.mkvmerge.mkv", "webm/vp9-opus.webm", "webm/av1-opus.webm", "webm/vp8-vorbis.webm",
      "mp4/hevc-aac.mp4"})
  void configAndChunksMatchFfprobe(String fixture) throws Exception {
    ChunkCollector c = new ChunkCollector(40);
    FileExtractorRunner.run(TestMedia.file(fixture), c, 64 * 1024, true);
    Format f = c.format();
    assertThat(f).isNotNull();
    VideoDecoderConfig config = VideoDecoderConfig.of(f);
    JsonNode video = null;
    for (JsonNode s : TestMedia.ffprobe(fixture).get("streams")) {
      if ("video".equals(s.get("codec_type").asText())) {
        video = s;
        break;
      }
    }
    assertThat(config.codedWidth()).isEqualTo(video.get("width").asInt());
    assertThat(config.codedHeight()).isEqualTo(video.get("height").asInt());
    switch (f.codec()) {
      case "h264" -> {
        // avc1.PPCCLL: profile_idc and level_idc as ffprobe reports them.
        int profile = switch (video.get("profile").asText()) {
          case "Baseline", "Constrained Baseline" -> 66;
          case "Main" -> 77;
          case "High" -> 100;
          default -> -1;
        };
        assertThat(config.codec()).startsWith(String.format(Locale.ROOT, "avc1.%02x", profile))
            .endsWith(String.format(Locale.ROOT, "%02x", video.get("level").asInt()));
        // A configuration record from MP4/FLV/Matroska (length-prefixed samples); none from TS.
        assertThat(config.description() != null).isEqualTo(!fixture.endsWith(".ts"));
      }
      case "hevc" -> assertThat(config.codec()).matches("(hvc1|hev1)\\..+");
      case "vp9" -> assertThat(config.codec()).matches("vp09\\.\\d\\d\\.\\d\\d\\.\\d\\d");
      case "av1" -> assertThat(config.codec()).matches("av01\\.\\d\\.\\d\\d[MH]\\.\\d\\d");
      case "vp8" -> assertThat(config.codec()).isEqualTo("vp8");
      default -> throw new AssertionError(f.codec());
    }
    // The chunks are ffprobe's packets of that stream, in order (the first 40).
    String index = video.get("index").asText();
    List<String[]> packets = Files.readAllLines(TestMedia.file(fixture + ".packets.csv")).stream()
        .map(l -> l.split(",")).filter(p -> p[0].equals(index)).toList();
    assertThat(c.chunks()).hasSize(40);
    for (int i = 0; i < c.chunks().size(); i++) {
      EncodedChunk chunk = c.chunks().get(i);
      String[] p = packets.get(i);
      assertThat(chunk.key()).as("%s chunk %d key", fixture, i).isEqualTo(p[4].startsWith("K"));
      assertThat(chunk.ptsUs() / 1e6).as("%s chunk %d pts", fixture, i)
          .isCloseTo(Double.parseDouble(p[1]), org.assertj.core.data.Offset.offset(0.0015));
      assertThat(chunk.data().length).as("%s chunk %d size", fixture, i).isEqualTo(Integer.parseInt(p[3]));
    }
    assertThat(c.chunks().get(0).key()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void audioAndCodecsWithoutAFormHereAreTypedErrors() {
    Format audio = new Format(2, TrackType.AUDIO, "aac", "mp4a.40.2", 0, 0, 48000, 2, List.of(), null,
        dev.oolong.C.TIME_UNSET, false);
    assertThatThrownBy(() -> VideoDecoderConfig.of(audio)).isInstanceOfSatisfying(PlayerException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CODEC_UNSUPPORTED));
    Format theora = new Format(1, TrackType.VIDEO, "theora", null, 640, 360, 0, 0, List.of(), null,
        dev.oolong.C.TIME_UNSET, false);
    assertThatThrownBy(() -> VideoDecoderConfig.of(theora)).isInstanceOf(PlayerException.class);
    Format bareAvc = new Format(1, TrackType.VIDEO, "h264", "avc1", 640, 360, 0, 0, List.of(), null,
        dev.oolong.C.TIME_UNSET, false);
    assertThatThrownBy(() -> VideoDecoderConfig.of(bareAvc)).hasMessageContaining("no full codec string");
  }
}
