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
import dev.oolong.upstream.Delay;
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
    Read r = read(new SegmentStream(new FileDataSource(), list(fixture)));
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
    Read r = read(new SegmentStream(new FileDataSource(), gap));
    assertThat(r.error()).isNull();
    assertThat(r.bytes().length).isEqualTo(Files.size(dir.resolve("seg000.ts")) + Files.size(dir.resolve("seg002.ts")));
    SegmentList sampleAes = HlsParser.parseMedia(base, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n"
        + "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://k\",KEYFORMAT=\"com.apple.streamingkeydelivery\"\n#EXTINF:2,\nseg000.ts\n");
    assertThat(read(new SegmentStream(new FileDataSource(), sampleAes)).error().errorCode())
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
    SegmentList list = HlsParser.parseMedia("/m/list.m3u8", b.append("#EXT-X-ENDLIST\n").toString());
    DataSource oneByte = (spec, listener) -> {
      listener.onOpen(1);
      listener.onData(new byte[] {1}, 0, 1);
      listener.onEnd();
      return () -> { };
    };
    Read r = read(new SegmentStream(oneByte, list));
    assertThat(r.error()).isNull();
    assertThat(r.bytes()).hasSize(n);
    assertThat(r.ended()).isTrue();
  }

  /** A source over byte arrays by URL, which fails as {@code failures} says (by URL, per open). */
  static final class FakeSource implements DataSource {
    final java.util.Map<String, byte[]> files = new java.util.HashMap<>();
    /** How many opens of a URL fail with a 503 before it answers (Integer.MAX_VALUE: always). */
    final java.util.Map<String, Integer> failures = new java.util.HashMap<>();
    /** A URL whose first answer breaks after this many bytes. */
    final java.util.Map<String, Integer> breakAfter = new java.util.HashMap<>();
    final List<String> opened = new java.util.ArrayList<>();

    @Override
    public Loading open(DataSpec spec, Listener listener) {
      opened.add(spec.uri() + "@" + spec.position());
      int fails = failures.getOrDefault(spec.uri(), 0);
      if (fails > 0) {
        failures.put(spec.uri(), fails == Integer.MAX_VALUE ? fails : fails - 1);
        listener.onError(PlayerException.critical(ErrorCode.NETWORK_BAD_HTTP_STATUS, "503", "url", spec.uri(), "status", 503));
        return () -> { };
      }
      byte[] b = files.get(spec.uri());
      int from = (int) spec.position();
      int to = spec.length() == dev.oolong.C.LENGTH_UNSET ? b.length : (int) (from + spec.length());
      listener.onOpen(b.length);
      Integer cut = breakAfter.remove(spec.uri());
      if (cut != null) {
        listener.onData(java.util.Arrays.copyOfRange(b, from, from + cut), 0, cut);
        listener.onError(PlayerException.critical(ErrorCode.NETWORK_CONNECTION_FAILED, "reset", "url", spec.uri(), "reason", "reset"));
        return () -> { };
      }
      listener.onData(java.util.Arrays.copyOfRange(b, from, to), 0, to - from);
      listener.onEnd();
      return () -> { };
    }
  }

  static FakeSource fake(int segments) {
    FakeSource f = new FakeSource();
    f.files.put("/m/init.mp4", "INIT".getBytes());
    for (int i = 0; i < segments; i++) {
      f.files.put("/m/s" + i, ("<segment " + i + ">").getBytes());
    }
    return f;
  }

  static SegmentList fakeList(int segments, boolean init) throws Exception {
    StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:2\n");
    if (init) {
      b.append("#EXT-X-MAP:URI=\"init.mp4\"\n");
    }
    for (int i = 0; i < segments; i++) {
      b.append("#EXTINF:2,\ns").append(i).append('\n');
    }
    return HlsParser.parseMedia("/m/list.m3u8", b.append("#EXT-X-ENDLIST\n").toString());
  }

  /** Reads like the extraction loader: from {@code position}, reopening where a broken load stopped. */
  static Read readFrom(DataSource source, long position) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PlayerException[] error = {null};
    boolean[] ended = {false};
    boolean[] broken = {false};
    long[] at = {position};
    for (int opens = 0; opens < 10; opens++) {
      broken[0] = false;
      source.open(new DataSpec("stream", at[0], dev.oolong.C.LENGTH_UNSET), new DataSource.Listener() {
        @Override
        public void onOpen(long totalLength) {}

        @Override
        public void onData(byte[] data, int offset, int length) {
          out.write(data, offset, length);
          at[0] += length;
        }

        @Override
        public void onEnd() {
          ended[0] = true;
        }

        @Override
        public void onError(PlayerException e) {
          if (e.errorCode() == ErrorCode.NETWORK_CONNECTION_FAILED) {
            broken[0] = true;
          } else {
            error[0] = e;
          }
        }
      });
      if (!broken[0]) {
        break;
      }
    }
    return new Read(out.toByteArray(), error[0], ended[0]);
  }

  @Test
  void openedAtASegmentItStartsThereWithItsInitSection() throws Exception {
    SegmentStream withInit = new SegmentStream(fake(3), fakeList(3, true));
    Read r = readFrom(withInit, withInit.positionOf(1));
    assertThat(new String(r.bytes())).isEqualTo("INIT<segment 1><segment 2>");
    assertThat(r.ended()).isTrue();
    SegmentStream plain = new SegmentStream(fake(3), fakeList(3, false));
    Read ts = readFrom(plain, plain.positionOf(2));
    assertThat(new String(ts.bytes())).isEqualTo("<segment 2>");
  }

  @Test
  void aBrokenLoadIsResumedWithARangeWhereItsBytesStopped() throws Exception {
    FakeSource f = fake(3);
    f.breakAfter.put("/m/s1", 4);
    f.breakAfter.put("/m/init.mp4", 2);
    Read r = readFrom(new SegmentStream(f, fakeList(3, true)), 0);
    assertThat(new String(r.bytes())).isEqualTo("INIT<segment 0><segment 1><segment 2>");
    assertThat(r.error()).isNull();
    assertThat(f.opened).contains("/m/init.mp4@2", "/m/s1@4");
  }

  @Test
  void aFailingSegmentIsTriedAgainAfterABackOffThenPassedOverWithAWarning() throws Exception {
    FakeSource f = fake(4);
    f.failures.put("/m/s1", 2); // answers on the third try
    f.failures.put("/m/s2", Integer.MAX_VALUE);
    List<Integer> waits = new java.util.ArrayList<>();
    List<PlayerException> warnings = new java.util.ArrayList<>();
    SegmentStream stream = new SegmentStream(f, fakeList(4, false), (ms, task) -> {
      waits.add(ms);
      task.run();
    }, warnings::add);
    Read r = readFrom(stream, 0);
    assertThat(new String(r.bytes())).isEqualTo("<segment 0><segment 1><segment 3>");
    assertThat(r.ended()).isTrue();
    assertThat(waits).containsExactly(500, 1000, 500, 1000, 2000);
    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(w.errorCode()).isEqualTo(ErrorCode.NETWORK_SEGMENT_SKIPPED);
      assertThat(w.severity()).isEqualTo(dev.oolong.Severity.RECOVERABLE);
      assertThat(w.data()).containsEntry("sequence", "2");
    });
    assertThat(stream.skipped()).isEqualTo(1);
    assertThat(stream.retries()).isEqualTo(5);
  }

  @Test
  void segmentsFailingInARowOrAFailingInitEndTheStream() throws Exception {
    FakeSource f = fake(5);
    for (int i = 1; i < 5; i++) {
      f.failures.put("/m/s" + i, Integer.MAX_VALUE);
    }
    List<PlayerException> warnings = new java.util.ArrayList<>();
    Read r = readFrom(new SegmentStream(f, fakeList(5, false), Delay.NOW, warnings::add), 0);
    assertThat(warnings).hasSize(SegmentStream.MAX_SKIPPED_IN_A_ROW);
    assertThat(r.error()).isNotNull();
    assertThat(r.error().errorCode()).isEqualTo(ErrorCode.NETWORK_BAD_HTTP_STATUS);
    assertThat(r.ended()).isFalse();

    FakeSource noInit = fake(2);
    noInit.failures.put("/m/init.mp4", Integer.MAX_VALUE);
    Read i = readFrom(new SegmentStream(noInit, fakeList(2, true), Delay.NOW, warnings::add), 0);
    assertThat(i.error()).isNotNull();
    assertThat(i.bytes()).isEmpty();
  }

  /** A listener writing to {@code out}; errors are kept in {@code errors}. */
  static DataSource.Listener collect(ByteArrayOutputStream out, List<PlayerException> errors) {
    return new DataSource.Listener() {
      @Override
      public void onOpen(long totalLength) {}

      @Override
      public void onData(byte[] data, int offset, int length) {
        out.write(data, offset, length);
      }

      @Override
      public void onEnd() {}

      @Override
      public void onError(PlayerException e) {
        errors.add(e);
      }
    };
  }

  @Test
  void aSkipForwardReadsOnAndDropsTheBytesSkipped() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<PlayerException> errors = new java.util.ArrayList<>();
    // "<segment 0>" (11 bytes) and 2 bytes of segment 1 read, then a reopening at 15: 4 into segment 1
    FakeSource slow = fake(3);
    slow.breakAfter.put("/m/s1", 2);
    SegmentStream s2 = new SegmentStream(slow, fakeList(3, false));
    s2.open(new DataSpec("stream", 0, dev.oolong.C.LENGTH_UNSET), collect(out, errors));
    assertThat(new String(out.toByteArray())).isEqualTo("<segment 0><s");
    assertThat(errors).singleElement().satisfies(e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NETWORK_CONNECTION_FAILED));
    out.reset();
    errors.clear();
    s2.open(new DataSpec("stream", 15, dev.oolong.C.LENGTH_UNSET), collect(out, errors));
    assertThat(new String(out.toByteArray())).isEqualTo("ment 1><segment 2>");
    assertThat(errors).isEmpty();
    assertThat(slow.opened).containsExactly("/m/s0@0", "/m/s1@0", "/m/s1@2", "/m/s2@0");
  }
}
