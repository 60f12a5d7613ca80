package dev.oolong;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test media itself: every required fixture exists with the codecs it claims (ffprobe
 * manifests), every video carries a readable barcode (decoded by ffmpeg, not by us), every audio
 * track is the 440 Hz tone. (The script's determinism: {@link TestMediaDeterminismTest}.)
 */
class TestMediaTest {

  @ParameterizedTest
  @CsvSource({
    "mp4/h264-aac-moov-first.mp4, h264+aac",
    "mp4/h264-aac-moov-last.mp4, h264+aac",
    "mp4/h264-aac-fragmented.mp4, h264+aac",
    "mp4/h264-aac-cenc.mp4, h264+aac",
    "mp4/h264-aac-fragmented-sidx.mp4, h264+aac",
    "ts/h264-aac.ts, h264+aac",
    "ts/hevc-aac.ts, hevc+aac",
    "hls/ts/index.m3u8, h264+aac",
    "hls/fmp4/index.m3u8, h264+aac",
    "hls/master/v0/index.m3u8, h264+aac",
    "hls/master/v1/index.m3u8, h264+aac",
    "flv/h264-aac.flv, h264+aac",
    "webm/vp9-opus.webm, vp9+opus",
    "mkv/h264-aac.mkv, h264+aac",
    "mkv/h264-aac.mkvmerge.mkv, h264+aac",
    "mkv/vp8-vorbis.mkvmerge.mkv, vp8+vorbis",
    "webm/vp8-vorbis.webm, vp8+vorbis",
    "webm/av1-opus.webm, av1+opus",
    "mp4/av1-opus.mp4, av1+opus",
    "mp4/hevc-aac.mp4, hevc+aac",
    "audio/opus.ogg, opus",
    "audio/vorbis.ogg, vorbis",
    "audio/flac.ogg, flac",
    "audio/tone.mp3, mp3",
    "audio/tone.aac, aac",
    "audio/tone.flac, flac"
  })
  void fixtureHasItsCodecs(String fixture, String codecs) throws Exception {
    JsonNode streams = TestMedia.ffprobe(fixture).get("streams");
    List<String> names = new ArrayList<>();
    streams.forEach(s -> names.add(s.get("codec_name").asText()));
    assertThat(String.join("+", names)).isEqualTo(codecs);
    assertThat(TestMedia.files("")).contains(fixture);
  }

  @Test
  void masterPlaylistHasTwoRenditions() throws Exception {
    String master = Files.readString(TestMedia.file("hls/master/master.m3u8"));
    assertThat(master.split("#EXT-X-STREAM-INF", -1)).hasSize(3);
  }

  static Stream<String> videoFixtures() throws Exception {
    return TestMedia.files(".mp4", ".ts", ".flv", ".webm", ".mkv").stream();
  }

  @ParameterizedTest
  @MethodSource("videoFixtures")
  void everyVideoCarriesTheBarcode(String fixture) throws Exception {
    JsonNode video = null;
    for (JsonNode s : TestMedia.ffprobe(fixture).get("streams")) {
      if ("video".equals(s.get("codec_type").asText())) {
        video = s;
      }
    }
    assertThat(video).isNotNull();
    int w = video.get("width").asInt();
    int[] frames = {0, 37, 150};
    // One decode for the three frames (the top 16 rows of each, one after the other).
    byte[] all = ffmpeg(fixture, "-vf",
        "select=eq(n\\,0)+eq(n\\,37)+eq(n\\,150),crop=" + w + ":16:0:0,format=gray", "-fps_mode", "passthrough",
        "-frames:v", "3", "-f", "rawvideo", "-");
    assertThat(all).hasSize(3 * w * 16);
    for (int k = 0; k < frames.length; k++) {
      int frame = frames[k];
      int row = k * w * 16;
      int value = 0;
      for (int bit = 0; bit < w / 40; bit++) {
        int lum = all[row + 8 * w + bit * 40 + 20] & 0xFF;
        assertThat(lum < 60 || lum > 190).as("bit %d of frame %d is clearly black or white (%d)",
            bit, frame, lum).isTrue();
        if (lum > 128) {
          value |= 1 << bit;
        }
      }
      assertThat(value).as("%s frame %d", fixture, frame).isEqualTo(frame);
    }
  }

  static Stream<String> audioFixtures() throws Exception {
    return TestMedia.files(".mp4", ".ts", ".flv", ".webm", ".mkv", ".ogg", ".mp3", ".aac", ".flac").stream();
  }

  @ParameterizedTest
  @MethodSource("audioFixtures")
  void everyAudioTrackIsThe440HzTone(String fixture) throws Exception {
    int rate = 48000;
    byte[] pcm = ffmpeg(fixture, "-map", "0:a:0",
        "-ss", "1", "-t", "2", "-ac", "1", "-ar", String.valueOf(rate), "-f", "s16le", "-");
    int samples = pcm.length / 2;
    assertThat(samples).isGreaterThan(rate);
    int crossings = 0;
    double energy = 0;
    short prev = 0;
    for (int i = 0; i < samples; i++) {
      short s = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
      if (i > 0 && (prev < 0) != (s < 0)) {
        crossings++;
      }
      energy += (double) s * s;
      prev = s;
    }
    double hz = crossings / 2.0 / ((double) samples / rate);
    assertThat(hz).as(fixture).isBetween(435.0, 445.0);
    assertThat(Math.sqrt(energy / samples)).as("RMS of %s", fixture).isGreaterThan(1000);
  }

  /** Runs ffmpeg on a fixture (with the key when it is encrypted) and returns its output. */
  private static byte[] ffmpeg(String fixture, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error"));
    if (fixture.contains("-cenc")) {
      command.addAll(List.of("-decryption_key", TestMedia.cencKey()));
    }
    command.addAll(List.of("-i", TestMedia.file(fixture).toString()));
    command.addAll(List.of(args));
    return run(command.toArray(new String[0]));
  }

  static byte[] run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out.toByteArray();
  }
}
