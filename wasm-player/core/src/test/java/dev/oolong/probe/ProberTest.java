package dev.oolong.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.TestMedia;
import dev.oolong.upstream.DeferredDataSource;
import dev.oolong.upstream.FileDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ProberTest {
  @TempDir Path tmp;

  private static final String MOOV_FIRST = "mp4/h264-aac-moov-first.mp4";
  private static final String MOOV_LAST = "mp4/h264-aac-moov-last.mp4";

  @Test
  void moovLastIsFoundWithRangesWithoutDownloadingTheMedia() throws Exception {
    FileDataSource source = new FileDataSource();
    ProbeHarness h = ProbeHarness.run(source, TestMedia.file(MOOV_LAST).toString());
    assertThat(h.error).isNull();
    long size = Files.size(TestMedia.file(MOOV_LAST));
    assertThat(source.bytesRead()).isLessThan(size / 5);
    assertThat(source.opens()).isBetween(2, 3);
  }

  @Test
  void asynchronousSourceGivesTheSameResult() throws Exception {
    String path = TestMedia.file("mp4/h264-aac-fragmented.mp4").toString();
    ProbeHarness sync = ProbeHarness.run(new FileDataSource(), path);
    DeferredDataSource deferred = new DeferredDataSource(new FileDataSource());
    ProbeHarness async = ProbeHarness.run(deferred, path);
    assertThat(async.callbacks).isZero();
    deferred.runAll();
    assertThat(async.callbacks).isEqualTo(1);
    assertThat(async.info).isEqualTo(sync.info);
  }

  @Test
  void truncatedMoovIsATypedError() throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(MOOV_LAST));
    Path cut = write("cut.mp4", Arrays.copyOf(file, file.length - 100));
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), cut.toString());
    assertThat(h.callbacks).isEqualTo(1);
    assertThat(h.error.errorCode()).isEqualTo(ErrorCode.CONTAINER_TRUNCATED);
  }

  @Test
  void fileWithoutMoovIsATypedError() throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(MOOV_LAST));
    Path cut = write("nomoov.mp4", Arrays.copyOf(file, file.length - 7580));
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), cut.toString());
    assertThat(h.error.errorCode()).isEqualTo(ErrorCode.CONTAINER_NO_MOOV);
  }

  @Test
  void absurdBoxSizeInsideMoovIsMalformed() throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(MOOV_FIRST));
    int trak = indexOf(file, "trak".getBytes()) - 4;
    file[trak] = 0x7F; // trak claims ~2 GB inside a 7 kB moov
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), write("big.mp4", file).toString());
    assertThat(h.error.errorCode()).isEqualTo(ErrorCode.CONTAINER_MALFORMED);
    assertThat(h.error.data()).containsKeys("offset", "reason");
  }

  @Test
  void boxSizeBelowHeaderIsMalformedNotALoop() throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(MOOV_LAST));
    file[32 + 3] = 4; // the 'free' box after ftyp says size 4
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), write("small.mp4", file).toString());
    assertThat(h.error.errorCode()).isEqualTo(ErrorCode.CONTAINER_MALFORMED);
  }

  @Test
  @Timeout(20)
  void manyTinyBoxesNeitherOverflowTheStackNorHang() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0});
    byte[] free = {0, 0, 0, 8, 'f', 'r', 'e', 'e'};
    for (int i = 0; i < 300_000; i++) {
      out.write(free);
    }
    out.write(Files.readAllBytes(TestMedia.file(MOOV_FIRST)), 32, 7580); // the moov
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), write("tiny.mp4", out.toByteArray()).toString());
    assertThat(h.error).isNull();
    assertThat(h.info.tracks()).hasSize(2);
  }

  @Test
  void playlistsAreNotMedia() throws Exception {
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), TestMedia.file("hls/ts/index.m3u8").toString());
    assertThat(h.error.errorCode()).isEqualTo(ErrorCode.CONTAINER_UNRECOGNIZED);
  }

  @Test
  void garbageIsUnrecognized() throws Exception {
    ProbeHarness h = ProbeHarness.run(new FileDataSource(),
        write("junk.bin", "hello, this is not media at all".getBytes()).toString());
    assertThat(h.error.errorCode()).isEqualTo(ErrorCode.CONTAINER_UNRECOGNIZED);
  }

  @Test
  void missingFileIsANetworkError() {
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), tmp.resolve("absent.mp4").toString());
    assertThat(h.error.category().name()).isEqualTo("NETWORK");
  }

  @Test
  void hlsInitSegmentHasTracksButNoSamples() throws Exception {
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), TestMedia.file("hls/fmp4/init.mp4").toString());
    assertThat(h.info.fragmented()).isTrue();
    assertThat(h.info.tracks()).extracting(t -> t.codecString())
        .containsExactly("avc1.4d401e", "mp4a.40.2");
  }

  @Test
  void avcCodecStringsAgreeWithFfmpegsHlsMasterPlaylist() throws Exception {
    // ffmpeg's HLS muxer writes CODECS from its own reading of the streams: an independent oracle.
    String master = Files.readString(TestMedia.file("hls/master/master.m3u8"));
    Matcher m = Pattern.compile("CODECS=\"([^\"]+)\"").matcher(master);
    assertThat(m.find()).isTrue();
    String[] expected = m.group(1).split(",");
    ProbeHarness h = ProbeHarness.run(new FileDataSource(), TestMedia.file(MOOV_FIRST).toString());
    assertThat(h.info.tracks()).extracting(t -> t.codecString()).containsExactly(expected);
  }

  private Path write(String name, byte[] data) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, data);
    return p;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
