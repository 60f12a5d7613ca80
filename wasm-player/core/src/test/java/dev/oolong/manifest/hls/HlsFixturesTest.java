package dev.oolong.manifest.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oolong.TestMedia;
import dev.oolong.manifest.Presentation;
import dev.oolong.manifest.SegmentList;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The playlists ffmpeg's HLS muxer wrote for the test media, parsed: every segment, part of the
 * init section and variant names a file that exists, and each segment's listed duration agrees
 * with what ffprobe measures of that file (the oracle), as does the variants' resolution.
 */
class HlsFixturesTest {
  @ParameterizedTest
  @ValueSource(strings = {"hls/ts/index.m3u8", "hls/fmp4/index.m3u8", "hls/master/v0/index.m3u8",
      "hls/master/v1/index.m3u8"})
  void mediaPlaylistsAgreeWithTheirSegments(String fixture) throws Exception {
    Path file = TestMedia.file(fixture);
    String url = file.toUri().toString();
    SegmentList l = HlsParser.parseMedia(url, Files.readString(file));
    assertThat(l.ended()).isTrue();
    assertThat(l.type()).isEqualTo(SegmentList.Type.VOD);
    assertThat(l.segments()).isNotEmpty();
    for (SegmentList.Segment s : l.segments()) {
      Path segment = Path.of(java.net.URI.create(s.url()));
      assertThat(segment).exists();
      assertThat(s.durationUs()).isLessThanOrEqualTo(l.targetDurationUs() + 500_000);
      // ffprobe reads the segment alone (with its init section for fMP4)
      Path probed = segment;
      if (s.init() != null) {
        Path init = Path.of(java.net.URI.create(s.init().url()));
        assertThat(init).exists();
        probed = Files.createTempFile("hls", ".mp4");
        probed.toFile().deleteOnExit();
        Files.write(probed, concat(Files.readAllBytes(init), Files.readAllBytes(segment)));
      }
      String[] f = ffprobe("-show_entries", "format=start_time,duration", "-of", "csv=p=0",
          probed.toString()).trim().split(",");
      // ffprobe's MP4 demuxer counts a fragment's duration from 0, not from its decode time
      double measured = Double.parseDouble(f[1]) - (s.init() != null ? Double.parseDouble(f[0]) : 0);
      assertThat(s.durationUs() / 1e6).as("%s: EXTINF against ffprobe", s.url()).isCloseTo(measured, within(0.1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hls/master/master.m3u8"})
  void theMultivariantPlaylistNamesItsVariants(String fixture) throws Exception {
    Path file = TestMedia.file(fixture);
    String text = Files.readString(file);
    assertThat(HlsParser.isMultivariant(text)).isTrue();
    Presentation p = HlsParser.parseMultivariant(file.toUri().toString(), text);
    assertThat(p.variants()).hasSize(2);
    for (Presentation.Variant v : p.variants()) {
      Path media = Path.of(java.net.URI.create(v.url()));
      assertThat(media).exists();
      assertThat(v.bandwidth()).isPositive();
      assertThat(v.codecs()).startsWith("avc1.");
      SegmentList l = HlsParser.parseMedia(v.url(), Files.readString(media));
      Path first = Path.of(java.net.URI.create(l.segments().get(0).url()));
      String size = ffprobe("-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x",
          first.toString()).trim().split("\\s+")[0];
      assertThat(v.width() + "x" + v.height()).isEqualTo(size);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String ffprobe(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("ffprobe", "-v", "error"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
