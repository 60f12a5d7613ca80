package dev.oolong.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.FfprobePackets;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.manifest.hls.HlsParser;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import dev.oolong.upstream.FileDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The segments of the ffmpeg-written HLS fixtures read as one input and extracted as a file is:
 * the packets are ffprobe's when it reads the same playlist (the oracle, {@code
 * index.m3u8.packets.csv}) — count, size, key flag and times per stream.
 */
class SegmentStreamTest {
  /** What a reading delivered: the bytes, and how it ended. */
  record Read(byte[] bytes, PlayerException error, boolean ended) {}

  static Read read(DataSource source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PlayerException[] error = {null};
    boolean[] ended = {false};
    source.open(DataSpec.whole("stream"), new DataSource.Listener() {
      @Override
      public void onOpen(long totalLength) {}

      @Override
      public void onData(byte[] data, int offset, int length) {
        out.write(data, offset, length);
      }

      @Override
      public void onEnd() {
        ended[0] = true;
      }

      @Override
      public void onError(PlayerException e) {
        error[0] = e;
      }
    });
    return new Read(out.toByteArray(), error[0], ended[0]);
  }

  static SegmentList list(String fixture) throws Exception {
    Path file = TestMedia.file(fixture);
    return HlsParser.parseMedia(file.toString(), Files.readString(file)); // plain paths: FileDataSource reads them
  }

  @ParameterizedTest
  @ValueSource(strings = {"hls/ts/index.m3u8", "hls/fmp4/index.m3u8"})
  void theSegmentsReadAsOneInputGiveFfprobesPackets(String fixture) throws Exception {
    Read r = read(new SegmentStream(new FileDataSource(), list(fixture), 0));
    assertThat(r.error()).isNull();
    assertThat(r.ended()).isTrue();
    PacketRecorder rec = new PacketRecorder();
    FileExtractorRunner.run(r.bytes(), null, rec, 64 * 1024, true);
    FfprobePackets ff = FfprobePackets.of(fixture);
    assertThat(rec.tracks()).hasSize(2);
    for (int s = 0; s < rec.tracks().size(); s++) {
      int stream = s;
      List<PacketRecorder.Packet> ours = rec.packets().stream().filter(p -> p.streamIndex() == stream).toList();
      List<FfprobePackets.Line> theirs = ff.stream(s);
      assertThat(ours).as("%s stream %d", fixture, s).hasSize(theirs.size());
      long offset = ours.get(0).dtsUs() - theirs.get(0).dtsUs(); // our timeline may start elsewhere
      for (int i = 0; i < ours.size(); i++) {
        String where = fixture + " stream " + s + " packet " + i;
        assertThat(ours.get(i).size()).as(where).isEqualTo(theirs.get(i).size());
        assertThat((ours.get(i).flags() & TrackOutput.FLAG_KEY_FRAME) != 0).as(where).isEqualTo(theirs.get(i).key());
        assertThat(ours.get(i).dtsUs() - offset).as(where + " dts").isBetween(theirs.get(i).dtsUs() - 1, theirs.get(i).dtsUs() + 1);
      }
    }
  }

  @Test
  void gapsArePassedOverAndEncryptedSegmentsEndTyped() throws Exception {
    Path dir = TestMedia.file("hls/ts/index.m3u8").getParent();
    String base = dir.resolve("x.m3u8").toString();
    SegmentList gap = HlsParser.parseMedia(base, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nseg000.ts\n"
        + "#EXT-X-GAP\n#EXTINF:2,\nmissing.ts\n#EXTINF:2,\nseg002.ts\n#EXT-X-ENDLIST\n");
    Read r = read(new SegmentStream(new FileDataSource(), gap, 0));
    assertThat(r.error()).isNull();
    assertThat(r.bytes().length).isEqualTo(Files.size(dir.resolve("seg000.ts")) + Files.size(dir.resolve("seg002.ts")));
    SegmentList sampleAes = HlsParser.parseMedia(base, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n"
        + "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://k\",KEYFORMAT=\"com.apple.streamingkeydelivery\"\n#EXTINF:2,\nseg000.ts\n");
    assertThat(read(new SegmentStream(new FileDataSource(), sampleAes, 0)).error().errorCode())
        .isEqualTo(ErrorCode.DRM_NO_KEY_SYSTEM);
  }

  /** A long list through a source that delivers inside open(): looped, not recursed. */
  @Test
  void aLongListThroughASynchronousSourceDoesNotOverflowTheStack() throws Exception {
    StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n");
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      b.append("#EXTINF:1,\nseg").append(i).append(".ts\n");
    }
    SegmentList list = HlsParser.parseMedia("/m/list.m3u8", b.toString());
    DataSource oneByte = (spec, listener) -> {
      listener.onOpen(1);
      listener.onData(new byte[] {1}, 0, 1);
      listener.onEnd();
      return () -> { };
    };
    Read r = read(new SegmentStream(oneByte, list, 0));
    assertThat(r.error()).isNull();
    assertThat(r.bytes()).hasSize(n);
    assertThat(r.ended()).isTrue();
  }
}
