package dev.oolong.player;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.FfprobePackets;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.extractor.SeekMap;
import dev.oolong.manifest.SegmentList;
import dev.oolong.manifest.SegmentStream;
import dev.oolong.upstream.Cipher;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import dev.oolong.upstream.Delay;
import dev.oolong.upstream.FileDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An HLS playlist given to the one pipeline as its URL: the pipeline reads the segments as one
 * input (every packet ffprobe lists for the same playlist, media time from 0 at the first
 * segment), the playlist's segment index is the seek map (its duration, a seek lands on the
 * segment's first key frame), and hostile playlists end typed.
 */
class PipelineHlsTest {

  /** Fails the test on an error, counts warnings. */
  static class Events extends PipelineTest.Ends {
    PlayerException failure;
    SeekMap map;

    Events(PipelineTest.Recorder out) {
      super(out);
    }

    @Override
    public void failed(PlayerException error) {
      failure = error;
    }

    @Override
    public void seekMapKnown(SeekMap m) {
      map = m;
    }
  }

  private static Pipeline pipeline(String url, PipelineTest.Recorder out, Events events) {
    return new Pipeline(new FileDataSource(), url, out, () -> 0, events);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hls/ts/index.m3u8", "hls/fmp4/index.m3u8", "hls/master/v1/index.m3u8"})
  void aPlaylistPlaysItsSegmentsFromMediaTimeZero(String fixture) throws Exception {
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    Events events = new Events(out);
    Pipeline p = pipeline(TestMedia.file(fixture).toString(), out, events);
    p.start();
    assertThat(events.failure).isNull();
    assertThat(events.ended).isEqualTo(1);
    List<String> samples = out.log.stream().filter(l -> !l.contains("format")).toList();
    assertThat(samples).hasSize(FfprobePackets.of(fixture).lines().size());
    long firstVideoPts = samples.stream().filter(l -> l.startsWith("VIDEO"))
        .mapToLong(l -> Long.parseLong(l.split(" ")[1])).min().orElseThrow();
    assertThat(firstVideoPts).as("the first frame's media time").isBetween(0L, 100_000L);
    assertThat(events.map.inMediaTime()).isTrue();
    assertThat(p.durationUs()).isEqualTo(6_000_000L); // three EXTINF:2
  }

  @Test
  void aMultivariantPlaylistPlaysItsFirstVariant() throws Exception {
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    Events events = new Events(out);
    pipeline(TestMedia.file("hls/master/master.m3u8").toString(), out, events).start();
    assertThat(events.failure).isNull();
    assertThat(out.log.stream().filter(l -> !l.contains("format")).count())
        .isEqualTo(FfprobePackets.of("hls/master/v0/index.m3u8").lines().size());
  }

  @Test
  void aLevelChosenOnceEverythingIsReadChangesNothingAndSaysSo() throws Exception {
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    List<PlayerException> warnings = new java.util.ArrayList<>();
    List<Integer> switched = new java.util.ArrayList<>();
    Events events = new Events(out) {
      @Override
      public void warning(PlayerException w) {
        warnings.add(w);
      }

      @Override
      public void levelSwitched(int index) {
        switched.add(index);
      }
    };
    Pipeline p = pipeline(TestMedia.file("hls/master/master.m3u8").toString(), out, events);
    p.start(); // a synchronous source: all of it read
    assertThat(p.levels()).hasSize(2);
    assertThat(p.selectLevel(1)).isTrue();
    assertThat(p.level()).isZero();
    assertThat(switched).isEmpty();
    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(w.errorCode()).isEqualTo(ErrorCode.PLAYER_INVALID_ARGUMENT);
      assertThat(w.severity()).isEqualTo(dev.oolong.Severity.RECOVERABLE);
    });
    assertThat(p.selectLevel(5)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hls/ts/index.m3u8", "hls/fmp4/index.m3u8"})
  void aSeekLandsOnTheFirstKeyFrameOfItsSegment(String fixture) throws Exception {
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    Events events = new Events(out);
    Pipeline p = pipeline(TestMedia.file(fixture).toString(), out, events);
    p.start();
    assertThat(p.canSeek()).isTrue();
    out.log.clear();
    out.ended = false;
    assertThat(p.seekTo(3_100_000)).isTrue();
    assertThat(events.failure).as("%s", events.failure).isNull();
    assertThat(out.log).as("after the seek").isNotEmpty();
    String firstVideo = out.log.stream().filter(l -> l.startsWith("VIDEO ")).findFirst().orElseThrow();
    long pts = Long.parseLong(firstVideo.split(" ")[1]);
    assertThat(pts).as("segment 1 starts at 2 s: %s", firstVideo).isBetween(1_950_000L, 2_150_000L);
    assertThat(Integer.parseInt(firstVideo.split(" ")[3]) & 1).as("a key frame first").isEqualTo(1);
    // from segment 1 to the end: two segments' worth of ffprobe's packets
    List<FfprobePackets.Line> all = FfprobePackets.of(fixture).lines();
    long start = all.stream().filter(l -> l.ptsUs() != null).mapToLong(FfprobePackets.Line::ptsUs).min().orElseThrow();
    long expected = all.stream().filter(l -> l.ptsUs() != null && l.ptsUs() - start >= 1_900_000).count();
    long got = out.log.stream().filter(l -> !l.contains("format")).count();
    assertThat((double) got).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  void hostilePlaylistsEndTyped(@TempDir Path tmp) throws Exception {
    Path big = tmp.resolve("big.m3u8");
    byte[] line = "#EXT-X-COMMENT-THAT-IS-IGNORED\n".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[17 << 20];
    System.arraycopy("#EXTM3U\n".getBytes(StandardCharsets.US_ASCII), 0, all, 0, 8);
    for (int i = 8; i + line.length < all.length; i += line.length) {
      System.arraycopy(line, 0, all, i, line.length);
    }
    Files.write(big, all);
    assertThat(failure(big.toString())).isEqualTo(ErrorCode.MANIFEST_TOO_LARGE);

    Path nested = tmp.resolve("nested.m3u8");
    Files.writeString(nested, "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nnested.m3u8\n");
    assertThat(failure(nested.toString())).isEqualTo(ErrorCode.MANIFEST_MALFORMED);

    Path empty = tmp.resolve("empty.m3u8");
    Files.writeString(empty, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-ENDLIST\n");
    assertThat(failure(empty.toString())).isEqualTo(ErrorCode.MANIFEST_MALFORMED);

    Path bad = tmp.resolve("bad.m3u8");
    Files.writeString(bad, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:-5,\nx.ts\n#EXT-X-ENDLIST\n");
    assertThat(failure(bad.toString())).isEqualTo(ErrorCode.MANIFEST_MALFORMED);
  }

  @Test
  void aMediaFileStillPlaysAsItIs() throws Exception {
    // A file that merely starts like a playlist's first bytes does not exist; a short file does
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    Events events = new Events(out);
    Pipeline p = pipeline(TestMedia.file("ts/h264-aac.ts").toString(), out, events);
    p.start();
    assertThat(events.failure).isNull();
    assertThat(events.map.inMediaTime()).isFalse();
  }

  @Test
  void aSegmentFailingEveryAttemptIsPassedOverWithAWarning(@TempDir Path tmp) throws Exception {
    Path dir = TestMedia.file("hls/ts/index.m3u8").getParent();
    Path list = tmp.resolve("list.m3u8");
    Files.writeString(list, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n" + dir.resolve("seg000.ts")
        + "\n#EXTINF:2,\n" + tmp.resolve("missing.ts") + "\n#EXTINF:2,\n" + dir.resolve("seg002.ts") + "\n#EXT-X-ENDLIST\n");
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    List<PlayerException> warnings = new java.util.ArrayList<>();
    Events events = new Events(out) {
      @Override
      public void warning(PlayerException w) {
        warnings.add(w);
      }
    };
    Pipeline p = pipeline(list.toString(), out, events);
    p.start();
    assertThat(events.failure).isNull();
    assertThat(events.ended).isEqualTo(1);
    assertThat(warnings).extracting(PlayerException::errorCode).containsExactly(ErrorCode.NETWORK_SEGMENT_SKIPPED);
    assertThat(p.recoveries()).isEqualTo(1);
  }

  /** AES-128-CBC with PKCS#7 by the JVM's own javax.crypto (what WebCrypto does in the browser). */
  static final Cipher JVM_AES = (key, iv, data, done, failed) -> {
    try {
      javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
          new javax.crypto.spec.IvParameterSpec(iv));
      done.accept(c.doFinal(data));
    } catch (java.security.GeneralSecurityException e) {
      failed.accept(e.toString());
    }
  };

  @Test
  void aes128SegmentsDecryptToTheClearSegmentsFfmpegWrote() throws Exception {
    Path aes = TestMedia.file("hls/aes/index.m3u8");
    SegmentList list = dev.oolong.manifest.hls.HlsParser.parseMedia(aes.toString(), Files.readString(aes));
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    PlayerException[] error = {null};
    new SegmentStream(new FileDataSource(), list, Delay.NOW, JVM_AES, w -> { }).open(
        new DataSpec("s", 0, dev.oolong.C.LENGTH_UNSET), new DataSource.Listener() {
          @Override
          public void onOpen(long totalLength) {}

          @Override
          public void onData(byte[] data, int offset, int length) {
            got.write(data, offset, length);
          }

          @Override
          public void onEnd() {}

          @Override
          public void onError(PlayerException e) {
            error[0] = e;
          }
        });
    assertThat(error[0]).isNull();
    java.io.ByteArrayOutputStream clear = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      clear.write(Files.readAllBytes(TestMedia.file("hls/ts/seg00" + i + ".ts")));
    }
    assertThat(Files.readAllBytes(aes.resolveSibling("seg000.ts"))).isNotEqualTo(Files.readAllBytes(TestMedia.file("hls/ts/seg000.ts")));
    assertThat(got.toByteArray()).isEqualTo(clear.toByteArray());
  }

  @Test
  void anAes128PlaylistPlaysItsPackets() throws Exception {
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    Events events = new Events(out);
    new Pipeline(new FileDataSource(), TestMedia.file("hls/aes/index.m3u8").toString(), out, () -> 0, Delay.NOW,
        JVM_AES, events).start();
    assertThat(events.failure).isNull();
    assertThat(out.log.stream().filter(l -> !l.contains("format")).count())
        .isEqualTo(FfprobePackets.of("hls/ts/index.m3u8").lines().size());
  }

  @Test
  void aWrongKeyAShortKeyOrNoCipherEndTyped(@TempDir Path tmp) throws Exception {
    Path dir = TestMedia.file("hls/aes/index.m3u8").getParent();
    String list = Files.readString(dir.resolve("index.m3u8")).replace("seg00", dir + "/seg00");
    Files.write(tmp.resolve("wrong.bin"), "fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    Files.write(tmp.resolve("short.bin"), "0123456789abcde".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(tmp.resolve("wrong.m3u8"), list.replace("key.bin", tmp.resolve("wrong.bin").toString()));
    Files.writeString(tmp.resolve("short.m3u8"), list.replace("key.bin", tmp.resolve("short.bin").toString()));
    for (String name : new String[] {"wrong.m3u8", "short.m3u8"}) {
      PipelineTest.Recorder out = new PipelineTest.Recorder();
      Events events = new Events(out);
      new Pipeline(new FileDataSource(), tmp.resolve(name).toString(), out, () -> 0, Delay.NOW, JVM_AES, events).start();
      assertThat(events.failure).as(name).isNotNull();
      assertThat(events.failure.errorCode()).as(name).isEqualTo(ErrorCode.DRM_KEY_FAILED);
    }
    assertThat(failure(dir.resolve("index.m3u8").toString())).isEqualTo(ErrorCode.CONTAINER_UNSUPPORTED);
  }

  private static ErrorCode failure(String url) {
    PipelineTest.Recorder out = new PipelineTest.Recorder();
    Events events = new Events(out);
    pipeline(url, out, events).start();
    assertThat(events.failure).as(url).isNotNull();
    return events.failure.errorCode();
  }

}
