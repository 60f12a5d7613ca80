package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canvas path's decoder on its own (issue 5, first step): the engine extracts a fixture's
 * video track and decodes its first 40 frames with WebCodecs in its worker, configured from the
 * extractor's codec configuration; the frames come back to the page, which reads each one's
 * barcode. Oracle: the barcode is the frame number, and the frame's timestamp says which frame it
 * must be ((timestamp − the video's start) × 30 fps, ffprobe's start time).
 */
class WebCodecsDecodeTest extends BrowserTest {
  static final String DECODE_JS = """
      async ([url, n]) => {
        const read = %s;
        const engine = await Oolong.createEngine({ _wasm: 'oolong-diagnostics.wasm' });
        try {
          const r = await engine._decodeVideo(url, n);
          const c = document.createElement('canvas');
          const out = [];
          for (const f of r.frames) {
            c.width = f.displayWidth; c.height = f.displayHeight;
            c.getContext('2d').drawImage(f, 0, 0);
            out.push([f.timestamp, read(c), f.displayWidth, f.displayHeight]);
            f.close();
          }
          return JSON.stringify({ info: r.info, frames: out });
        } catch (e) {
          return 'error ' + e.codeName + ': ' + e.message;
        } finally {
          engine.terminate();
        }
      }""".formatted(Barcode.READ_JS);

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts", "flv/h264-aac.flv",
      "mkv/h264-aac.mkvmerge.mkv", "webm/vp9-opus.webm", "webm/av1-opus.webm", "webm/vp8-vorbis.webm"})
  void theFirstFramesDecodeToTheirBarcodes(String fixture) throws Exception {
    String r = (String) page.evaluate(DECODE_JS, java.util.List.of(url("/test-media/" + fixture), 40));
    assertThat(r).as(fixture).doesNotStartWith("error");
    JsonNode result = Manifests.JSON.readTree(r);
    JsonNode frames = result.get("frames");
    assertThat(result.get("info").get("chunks").asInt()).isEqualTo(40);
    assertThat(result.get("info").get("errors").asInt()).as("decoder errors").isZero();
    assertThat(result.get("info").get("skipped").asInt()).as("chunks skipped").isZero();
    assertThat(frames).as("every chunk decoded to a frame").hasSize(40);
    // The diagnostic decodes the extractor's output as it is: the container's own times.
    double start = MsePlaybackTest.firstFrameTime(fixture) + MsePlaybackTest.streamStart(fixture);
    for (int i = 0; i < frames.size(); i++) {
      JsonNode f = frames.get(i);
      long expected = Math.round((f.get(0).asDouble() / 1e6 - start) * MsePlaybackTest.FPS);
      assertThat(f.get(1).asInt()).as("%s frame %d (timestamp %d)", fixture, i, f.get(0).asLong())
          .isEqualTo(expected);
      assertThat(f.get(2).asInt()).isEqualTo(640);
      assertThat(f.get(3).asInt()).isEqualTo(360);
    }
    // Out of the decoder in presentation order: the frames of ffprobe's first 40 video packets
    // (in decode order: with B-frames not simply 0..39), sorted by time.
    String video = "";
    for (JsonNode st : Manifests.ffprobe(fixture).get("streams")) {
      if ("video".equals(st.get("codec_type").asText())) {
        video = st.get("index").asText();
      }
    }
    String index = video;
    java.util.List<Long> expected = java.nio.file.Files.readAllLines(TestEnv.testMedia().resolve(fixture + ".packets.csv"))
        .stream().map(l -> l.split(",")).filter(p -> p[0].equals(index)).limit(40)
        .map(p -> Math.round((Double.parseDouble(p[1]) - start) * MsePlaybackTest.FPS)).sorted().toList();
    java.util.List<Long> shown = new java.util.ArrayList<>();
    frames.forEach(f -> shown.add(f.get(1).asLong()));
    assertThat(shown).isEqualTo(expected);
  }

  /** Decodes the audio of each URL in turn with one engine (a page and an engine per fixture cost more than the decoding). */
  static final String DECODE_AUDIO_JS = """
      async (urls) => {
        const engine = await Oolong.createEngine({ _wasm: 'oolong-diagnostics.wasm' });
        const out = [];
        try {
          for (const url of urls) {
            try {
              out.push(JSON.stringify(await engine._decodeAudio(url)));
            } catch (e) {
              out.push('error ' + e.codeName + ': ' + e.message);
            }
          }
          return out;
        } finally {
          engine.terminate();
        }
      }""";

  static final List<String> AUDIO = List.of("mp4/h264-aac-moov-first.mp4", "ts/h264-aac.ts", "flv/h264-aac.flv",
      "mkv/h264-aac.mkvmerge.mkv", "audio/tone.aac", "webm/vp9-opus.webm", "audio/opus.ogg",
      "mp4/av1-opus.mp4", "webm/vp8-vorbis.webm", "audio/vorbis.ogg", "audio/tone.flac",
      "audio/flac.ogg", "audio/tone.mp3", "ts/h264-mp3.ts");

  /**
   * Every container's audio track decoded with WebCodecs in the worker, configured from the
   * extractor's codec configuration: the tone comes out at 440 Hz (zero crossings), not silent,
   * at ffprobe's rate and channels, and as long as ffprobe's packets of it span (±3 %). All
   * fixtures through one engine; mismatches are reported together, by fixture.
   */
  @Test
  @SuppressWarnings("unchecked")
  void audioDecodesToTheTone() throws Exception {
    List<String> urls = AUDIO.stream().map(f -> url("/test-media/" + f)).toList();
    List<String> results = (List<String>) page.evaluate(DECODE_AUDIO_JS, urls);
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < AUDIO.size(); i++) {
      String fixture = AUDIO.get(i);
      String r = results.get(i);
      if (r.startsWith("error")) {
        soft.fail("%s: %s", fixture, r);
        continue;
      }
      JsonNode out = Manifests.JSON.readTree(r);
      JsonNode audio = null;
      for (JsonNode st : Manifests.ffprobe(fixture).get("streams")) {
        if ("audio".equals(st.get("codec_type").asText())) {
          audio = st;
        }
      }
      soft.assertThat(out.get("sampleRate").asInt()).as("%s: %s", fixture, r).isEqualTo(audio.get("sample_rate").asInt());
      soft.assertThat(out.get("channels").asInt()).as("%s: channels", fixture).isEqualTo(audio.get("channels").asInt());
      soft.assertThat(out.get("frequency").asDouble()).as("%s: %s", fixture, r).isCloseTo(440, org.assertj.core.data.Offset.offset(9.0));
      soft.assertThat(out.get("rms").asDouble()).as("%s: not silent", fixture).isGreaterThan(0.05);
      // As long as ffprobe's packets of the stream span (first to last, plus one packet's length).
      String index = audio.get("index").asText();
      double[] pts = java.nio.file.Files.readAllLines(TestEnv.testMedia().resolve(fixture + ".packets.csv"))
          .stream().map(l -> l.split(",")).filter(p -> p[0].equals(index)).mapToDouble(p -> Double.parseDouble(p[1]))
          .sorted().toArray();
      double span = pts[pts.length - 1] - pts[0];
      double duration = span + span / (pts.length - 1);
      double seconds = out.get("frames").asDouble() / out.get("sampleRate").asDouble();
      soft.assertThat(seconds).as("%s decoded length", fixture).isCloseTo(duration, org.assertj.core.data.Offset.offset(duration * 0.03));
    }
    soft.assertAll();
  }

  @Test
  void aCodecWebCodecsRefusesHereIsATypedError() {
    // HEVC: refused by this Chromium's WebCodecs (PLATFORM.md), asked before any decoding.
    String r = (String) page.evaluate(DECODE_JS, java.util.List.of(url("/test-media/mp4/hevc-aac.mp4"), 10));
    assertThat(r).startsWith("error CODEC_UNSUPPORTED: ").contains("hvc1");
  }
}
