package dev.oolong.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oolong.TestMedia;
import dev.oolong.codec.Adts;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.codec.AudioSpecificConfig;
import dev.oolong.media.TrackType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebCodecs audio configurations from every container's audio track, checked against ffprobe
 * (codec, rate, channels) and against each codec's own structure (the AAC description parses to
 * ffprobe's rate; an OpusHead; a FLAC STREAMINFO block after "fLaC"; Xiph-laced Vorbis headers).
 */
class AudioDecoderConfigTest {
  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts", "flv/h264-aac.flv",
      "mkv/h264-aac.mkvmerge.mkv", "audio/tone.aac", "webm/vp9-opus.webm", "audio/opus.ogg",
      "mp4/av1-opus.mp4", "webm/vp8-vorbis.webm", "audio/vorbis.ogg", "audio/tone.flac",
      "audio/flac.ogg", "audio/tone.mp3", "flv/h264-mp3.flv"})
  void configsMatchFfprobe(String fixture) throws Exception {
    ChunkCollector c = new ChunkCollector(20, TrackType.AUDIO);
    FileExtractorRunner.run(TestMedia.file(fixture), c, 64 * 1024, true);
    AudioDecoderConfig config = AudioDecoderConfig.of(c.format());
    JsonNode audio = null;
    for (JsonNode s : TestMedia.ffprobe(fixture).get("streams")) {
      if ("audio".equals(s.get("codec_type").asText())) {
        audio = s;
      }
    }
    assertThat(config.sampleRate()).isEqualTo(audio.get("sample_rate").asInt());
    assertThat(config.channels()).isEqualTo(audio.get("channels").asInt());
    byte[] d = config.description();
    switch (audio.get("codec_name").asText()) {
      case "aac" -> {
        assertThat(config.codec()).isEqualTo("mp4a.40.2");
        assertThat(AudioSpecificConfig.parse(d, 0, d.length).sampleRate()).isEqualTo(config.sampleRate());
        // ADTS headers go from TS and ADTS chunks; other containers' chunks are raw already.
        boolean adts = Adts.headerSize(c.chunks().get(0).data(), 0, c.chunks().get(0).data().length) > 0;
        assertThat(adts).isEqualTo(fixture.endsWith(".ts") || fixture.endsWith(".aac"));
        assertThat(config.stripAdts()).isTrue();
      }
      case "opus" -> {
        assertThat(config.codec()).isEqualTo("opus");
        assertThat(new String(d, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("OpusHead");
        assertThat(d[9]).isEqualTo((byte) config.channels());
      }
      case "vorbis" -> {
        assertThat(config.codec()).isEqualTo("vorbis");
        assertThat(d[0]).as("Xiph lacing: three packets").isEqualTo((byte) 2);
        assertThat(new String(d, 4, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("vorbis");
      }
      case "flac" -> {
        assertThat(config.codec()).isEqualTo("flac");
        assertThat(new String(d, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("fLaC");
        assertThat(d[4] & 0x7F).as("STREAMINFO").isZero();
        assertThat(((d[5] & 0xFF) << 16) | ((d[6] & 0xFF) << 8) | (d[7] & 0xFF)).isEqualTo(34);
      }
      case "mp3" -> {
        assertThat(config.codec()).isEqualTo("mp3");
        assertThat(d).isNull();
      }
      default -> throw new AssertionError(audio.get("codec_name").asText());
    }
  }
}
