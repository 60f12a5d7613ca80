package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The canvas path's colour (issue 5): a paused frame drawn by WebGL2 — as a {@code VideoFrame}
 * texture, and as planes through the frame ring and the YUV shader — read back from the canvas
 * and compared by PSNR with ffmpeg's own decode of the same frame, converted to RGB with the
 * matrix and range the file is tagged with. The same pixels against ffmpeg's conversion with the
 * other matrix or range must score clearly lower: the check can tell a wrong matrix apart.
 */
class CanvasColorTest extends BrowserTest {
  /** Every pixel of the player's canvas as base64 RGB (drawn at the video's size). */
  static final String PIXELS_JS = """
      ([w, h]) => {
        const c = document.querySelector('canvas');
        const t = document.createElement('canvas');
        t.width = w; t.height = h;
        const g = t.getContext('2d');
        g.drawImage(c, 0, 0, w, h);
        const d = g.getImageData(0, 0, w, h).data;
        let s = '';
        for (let i = 0; i < d.length; i += 4) s += String.fromCharCode(d[i], d[i + 1], d[i + 2]);
        return btoa(s);
      }""";

  @BeforeEach
  void blankPage() {
    page.navigate(url("/blank.html"));
  }

  static byte[] ffmpegFrame(String fixture, int index, String matrix, String range) throws Exception {
    Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", TestEnv.testMedia().resolve(fixture).toString(),
        "-vf", "select=eq(n\\," + index + "),scale=in_color_matrix=" + matrix + ":in_range=" + range
            + ":out_range=pc:flags=bilinear+accurate_rnd+full_chroma_int,format=rgb24",
        "-frames:v", "1", "-f", "rawvideo", "-").redirectErrorStream(false).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out.toByteArray();
  }

  /** PSNR (dB) of two RGB pictures; the top 16 rows (the barcode's hard edges) left out. */
  static double psnr(byte[] a, byte[] b, int width) {
    assertThat(a).hasSameSizeAs(b);
    double sum = 0;
    int n = 0;
    for (int i = 16 * width * 3; i < a.length; i++) {
      double d = (a[i] & 0xff) - (b[i] & 0xff);
      sum += d * d;
      n++;
    }
    double mse = sum / n;
    return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  @ParameterizedTest
  @CsvSource({
      "mp4/h264-720p-bt709.mp4, 1280, 720, bt709, tv, bt601, frame",
      "mp4/h264-720p-bt709.mp4, 1280, 720, bt709, tv, bt601, planes",
      "mp4/h264-bt601-fullrange.mp4, 640, 360, bt601, pc, bt709, frame",
      "mp4/h264-bt601-fullrange.mp4, 640, 360, bt601, pc, bt709, planes",
      "mp4/h264-aac-moov-first.mp4, 640, 360, bt601, tv, bt709, frame",
      "mp4/h264-aac-moov-first.mp4, 640, 360, bt601, tv, bt709, planes",
      // Untagged VP9 and AV1 below 720 lines: the key frame header's colour space / the sequence
      // header's matrix (unspecified) read in Java, the height rule as ffmpeg's; VP8: BT.601, its
      // only space. Passed to the decoder's configuration, so the browser's own conversion of a
      // VideoFrame follows it too (Chromium drew all three as BT.709 before: 23.9 dB).
      "webm/vp9-opus.webm, 640, 360, bt601, tv, bt709, frame",
      "webm/vp9-opus.webm, 640, 360, bt601, tv, bt709, planes",
      "webm/av1-opus.webm, 640, 360, bt601, tv, bt709, frame",
      "webm/av1-opus.webm, 640, 360, bt601, tv, bt709, planes",
      "webm/vp8-vorbis.webm, 640, 360, bt601, tv, bt709, frame",
      "webm/vp8-vorbis.webm, 640, 360, bt601, tv, bt709, planes"})
  void theDrawnFrameMatchesFfmpegsDecode(String fixture, int w, int h, String matrix, String range,
      String wrongMatrix, String render) throws Exception {
    double first = MsePlaybackTest.firstFrameTime(fixture);
    Object loaded = page.evaluate("""
        async ([u, w, h, render]) => {
          const box = document.createElement('div');
          box.style.width = w + 'px'; box.style.height = h + 'px';
          document.body.appendChild(box);
          window.player = Oolong.createPlayer(box, { mode: 'webcodecs', videoRender: render });
          try { await window.player.load(u); return 'ok'; }
          catch (e) { return 'error ' + e.codeName + ': ' + e.message; }
        }""", List.of(url("/test-media/" + fixture), w, h, render));
    assertThat(loaded).isEqualTo("ok");
    int index = 61;
    page.evaluate(CanvasPlaybackTest.SEEK_JS, first + (index + 0.5) / MsePlaybackTest.FPS);
    assertThat(Barcode.read(page, "canvas")).isEqualTo(index);
    JsonNode stats = Manifests.JSON.readTree((String) page.evaluate("() => JSON.stringify(window.player.getStats())"));
    assertThat(stats.get("renderer").asText()).isEqualTo("webgl2");
    assertThat(stats.get("videoRender").asText()).isEqualTo(render);
    assertThat(stats.get("errors")).isEmpty();
    assertThat(stats.get("ringDrops").asInt()).as("frames the frame ring had no slot for").isZero();
    byte[] shown = Base64.getDecoder().decode((String) page.evaluate(PIXELS_JS, List.of(w, h)));
    double right = psnr(shown, ffmpegFrame(fixture, index, matrix, range), w);
    double wrongMatrixDb = psnr(shown, ffmpegFrame(fixture, index, wrongMatrix, range), w);
    double wrongRangeDb = psnr(shown, ffmpegFrame(fixture, index, matrix, "tv".equals(range) ? "pc" : "tv"), w);
    System.out.printf("[colour] %s %s: PSNR %.2f dB (other matrix %.2f dB, other range %.2f dB)%n",
        fixture, render, right, wrongMatrixDb, wrongRangeDb);
    assertThat(right).as("PSNR against ffmpeg's frame").isGreaterThan(30.0);
    assertThat(right).as("the right matrix scores clearly higher").isGreaterThan(wrongMatrixDb + 3);
    assertThat(right).as("the right range scores clearly higher").isGreaterThan(wrongRangeDb + 3);
    page.evaluate("() => window.player.destroy()");
  }

}
