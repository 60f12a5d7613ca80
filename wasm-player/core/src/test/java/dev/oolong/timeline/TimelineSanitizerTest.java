package dev.oolong.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.extractor.PacketRecorder;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.TrackType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineSanitizerTest {

  /** 30 fps video and 1024-sample 48 kHz audio, interleaved, with raw times from {@code base}. */
  private static void feed(TrackOutput video, TrackOutput audio, long base, int from, int to) {
    for (int i = from; i < to; i++) {
      long v = base + i * 33_333L;
      video.sampleData(new byte[1], 0, 1);
      video.sampleMetadata(v + 66_666, v, i % 30 == 0 ? 1 : 0, 1, null);
      long a = base + i * 21_333L;
      audio.sampleData(new byte[1], 0, 1);
      audio.sampleMetadata(a, a, 1, 1, null);
    }
  }

  private static List<Long> dts(PacketRecorder rec, int stream) {
    return rec.packets().stream().filter(p -> p.streamIndex() == stream).map(PacketRecorder.Packet::dtsUs).toList();
  }

  @Test
  void forwardAndBackwardJumpsAreRebasedForAllTracks() {
    PacketRecorder rec = new PacketRecorder();
    TimelineSanitizer s = new TimelineSanitizer(rec, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    TrackOutput video = s.track(1, TrackType.VIDEO);
    TrackOutput audio = s.track(2, TrackType.AUDIO);
    feed(video, audio, 1_000_000, 0, 50);
    feed(video, audio, 600_000_000 - 50 * 33_333L, 50, 100); // +10 minutes: a discontinuity
    feed(video, audio, 5_000 - 100 * 33_333L, 100, 150); // back to ~0: a reset
    assertThat(s.discontinuities()).isEqualTo(2);
    for (int stream = 0; stream < 2; stream++) {
      List<Long> d = dts(rec, stream);
      long step = stream == 0 ? 33_333 : 21_333;
      for (int i = 1; i < d.size(); i++) {
        assertThat(d.get(i) - d.get(i - 1)).as("stream %d step %d", stream, i).isBetween(step - 40_000, step + 40_000);
      }
    }
    // Presentation keeps its offset from decode.
    PacketRecorder.Packet v = rec.packets().stream().filter(p -> p.streamIndex() == 0).toList().get(120);
    assertThat(v.ptsUs() - v.dtsUs()).isEqualTo(66_666);
  }

  @Test
  void smallGapsAndOverlapsPassThrough() {
    PacketRecorder rec = new PacketRecorder();
    TimelineSanitizer s = new TimelineSanitizer(rec, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    TrackOutput audio = s.track(2, TrackType.AUDIO);
    long[] times = {0, 21_333, 42_666, 264_000, 250_000, 271_333};
    for (long t : times) {
      audio.sampleData(new byte[1], 0, 1);
      audio.sampleMetadata(t, t, 1, 1, null);
    }
    // The gap passes (counted); the audio before its predecessor is an overlap, dropped.
    assertThat(dts(rec, 0)).containsExactly(0L, 21_333L, 42_666L, 264_000L, 271_333L);
    assertThat(s.discontinuities()).isZero();
    assertThat(s.gapsUs()).isEqualTo(264_000 - (42_666 + 21_333));
    assertThat(s.repairs()).isZero();
    assertThat(s.dropped()).isEqualTo(1);
  }

  @Test
  void decodeTimesStrictlyIncreaseAndPresentationNeverPrecedesDecode() {
    PacketRecorder rec = new PacketRecorder();
    TimelineSanitizer s = new TimelineSanitizer(rec, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    TrackOutput video = s.track(1, TrackType.VIDEO);
    long[][] times = {{66_666, 0}, {166_666, 33_333}, {100_000, 33_333}, {133_333, 100_000}, {90_000, 133_333}};
    for (long[] t : times) {
      video.sampleData(new byte[1], 0, 1);
      video.sampleMetadata(t[0], t[1], 0, 1, null);
    }
    List<PacketRecorder.Packet> p = rec.packets();
    for (int i = 1; i < p.size(); i++) {
      assertThat(p.get(i).dtsUs()).isGreaterThan(p.get(i - 1).dtsUs());
    }
    for (PacketRecorder.Packet q : p) {
      assertThat(q.ptsUs()).isGreaterThanOrEqualTo(q.dtsUs());
    }
    assertThat(p.get(2).dtsUs()).isEqualTo(33_334); // the duplicate decode time
    assertThat(p.get(4).ptsUs()).isEqualTo(133_333); // pts 90 000 < dts
  }

  /** A sanitiser writing into a recorder, fed one track's samples ({ptsUs, dtsUs} each). */
  private static final class Run {
    final PacketRecorder rec = new PacketRecorder();
    final TimelineSanitizer s = new TimelineSanitizer(rec, TimelineSanitizer.DEFAULT_MAX_JUMP_US);

    /** The samples, then the end of the input: what came out. */
    List<PacketRecorder.Packet> feed(TrackType type, long[][] times) {
      TrackOutput t = s.track(1, type);
      for (long[] time : times) {
        t.sampleData(new byte[] {(byte) time[1]}, 0, 1);
        t.sampleMetadata(time[0], time[1], 0, 1, null);
      }
      s.flush();
      return rec.packets();
    }
  }

  /** 25 fps video times {pts, dts}, B-frame style reorder of one frame, with sample {@code k} altered. */
  private static long[][] video(int n, int k, long dtsDelta, long ptsDelta) {
    long[][] t = new long[n][];
    for (int i = 0; i < n; i++) {
      long dts = 1_000_000 + i * 40_000L;
      t[i] = new long[] {dts + 40_000 + (i == k ? ptsDelta : 0), dts + (i == k ? dtsDelta : 0)};
    }
    return t;
  }

  @Test
  void aSingleCorruptDecodeTimeIsRepairedFromItsNeighbours() {
    for (long delta : new long[] {1_456_355, -1_456_355, 372_827_022, -600_000, 95_000_000_000L, 200_000}) {
      Run run = new Run();
      TimelineSanitizer s = run.s;
      List<PacketRecorder.Packet> p = run.feed(TrackType.VIDEO, video(30, 12, delta, delta));
      assertThat(p).as("delta %d", delta).hasSize(30);
      for (int i = 0; i < 30; i++) {
        assertThat(p.get(i).dtsUs()).as("delta %d sample %d", delta, i).isEqualTo(1_000_000 + i * 40_000L);
        assertThat(p.get(i).ptsUs()).as("delta %d sample %d", delta, i).isEqualTo(1_040_000 + i * 40_000L);
      }
      assertThat(s.discontinuities()).isZero();
      assertThat(s.repairs()).as("delta %d", delta).isEqualTo(1);
    }
  }

  @Test
  void aCorruptPresentationTimeOnASoundDecodeTimeTakesTheLastReorder() {
    Run runs = new Run();
    TimelineSanitizer s = runs.s;
    List<PacketRecorder.Packet> p = runs.feed(TrackType.VIDEO, video(30, 7, 0, 3_000_000_000L));
    assertThat(p.get(7).ptsUs()).isEqualTo(1_040_000 + 7 * 40_000L);
    assertThat(s.repairs()).isEqualTo(1);
  }

  @Test
  void aCorruptTimeWithNoRoomBetweenItsNeighboursIsDropped() {
    long[][] t = {{0, 0}, {40_000, 40_000}, {80_000, 80_000}, {9_000_000, 9_000_000}, {80_001, 80_001}, {120_000, 120_000}};
    Run runs = new Run();
    TimelineSanitizer s = runs.s;
    List<PacketRecorder.Packet> p = runs.feed(TrackType.AUDIO, t);
    assertThat(p.stream().map(PacketRecorder.Packet::dtsUs).toList()).containsExactly(0L, 40_000L, 80_000L, 80_001L, 120_000L);
    assertThat(s.dropped()).isEqualTo(1);
    assertThat(p.get(3).crc32()).as("the bytes are the sample's own").isEqualTo(crc(80_001));
  }

  private static long crc(long dts) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(new byte[] {(byte) dts});
    return c.getValue();
  }

  @Test
  void aSampleWithoutATimeGoesOnTheLineOrIsDroppedBeforeThereIsOne() {
    long u = dev.oolong.C.TIME_UNSET;
    long[][] t = {{u, u}, {0, 0}, {40_000, 40_000}, {80_000, 80_000}, {u, u}, {160_000, 160_000}};
    Run run = new Run();
    List<PacketRecorder.Packet> p = run.feed(TrackType.AUDIO, t);
    assertThat(p.stream().map(PacketRecorder.Packet::dtsUs).toList()).containsExactly(0L, 40_000L, 80_000L, 120_000L, 160_000L);
    assertThat(run.s.dropped()).isEqualTo(1);
    assertThat(run.s.repairs()).isEqualTo(1);
  }

  @Test
  void aLastSampleHeldAtTheEndGoesOnTheLine() {
    long[][] t = video(10, 9, 7_000_000_000L, 7_000_000_000L);
    Run runs = new Run();
    TimelineSanitizer s = runs.s;
    List<PacketRecorder.Packet> p = runs.feed(TrackType.VIDEO, t);
    assertThat(p).hasSize(10);
    assertThat(p.get(9).dtsUs()).isEqualTo(1_000_000 + 9 * 40_000L);
    assertThat(p.get(9).crc32()).isEqualTo(crc(t[9][1]));
  }

  @Test
  void lostFramesStayAHoleAndASustainedStepBackIsRebased() {
    // Frames 10..19 lost: a hole of 400 ms that the following frames confirm.
    long[][] lost = java.util.stream.IntStream.range(0, 40).filter(i -> i < 10 || i >= 20)
        .mapToObj(i -> new long[] {i * 40_000L, i * 40_000L}).toArray(long[][]::new);
    Run runs = new Run();
    TimelineSanitizer s = runs.s;
    List<PacketRecorder.Packet> p = runs.feed(TrackType.VIDEO, lost);
    assertThat(p.get(10).dtsUs()).isEqualTo(800_000);
    assertThat(s.gapsUs()).isEqualTo(400_000);
    assertThat(s.repairs() + s.discontinuities()).isZero();
    // The times step back by 2 s and go on from there (a sloppy splice): re-based, not squeezed.
    long[][] back = java.util.stream.IntStream.range(0, 40)
        .mapToObj(i -> new long[] {i * 40_000L - (i >= 20 ? 2_000_000 : 0), i * 40_000L - (i >= 20 ? 2_000_000 : 0)})
        .toArray(long[][]::new);
    Run runs2 = new Run();
    TimelineSanitizer s2 = runs2.s;
    List<PacketRecorder.Packet> q = runs2.feed(TrackType.VIDEO, back);
    for (int i = 0; i < 40; i++) {
      assertThat(q.get(i).dtsUs()).as("sample %d", i).isEqualTo(i * 40_000L);
    }
    assertThat(s2.discontinuities()).isEqualTo(1);
  }

  /**
   * A real transport stream with one video PES header's decode (or presentation) time corrupted
   * in a high bit and in a low one: through the timeline every packet comes out as from the intact
   * file, the damaged one at its true time within a frame.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {0x08, 0x40})
  void aTransportStreamWithOneCorruptTimestampComesOutAsTheIntactOne(int flip) throws Exception {
    byte[] ts = java.nio.file.Files.readAllBytes(dev.oolong.TestMedia.file("ts/h264-aac.ts"));
    List<PacketRecorder.Packet> intact = sanitized(ts);
    byte[] bad = ts.clone();
    int starts = 0;
    for (int pos = 0; pos + 188 <= bad.length; pos += 188) {
      boolean unitStart = (bad[pos + 1] & 0x40) != 0;
      int payload = pos + 4 + ((bad[pos + 3] & 0x20) != 0 ? 1 + (bad[pos + 4] & 0xff) : 0);
      if (unitStart && bad[payload] == 0 && bad[payload + 1] == 0 && bad[payload + 2] == 1
          && (bad[payload + 3] & 0xf0) == 0xe0 && ++starts == 40) {
        boolean both = (bad[payload + 7] & 0xc0) == 0xc0;
        bad[payload + (both ? 14 : 9) + 2] ^= (byte) flip; // a bit of time[21..15]
        break;
      }
    }
    assertThat(starts).isEqualTo(40);
    List<PacketRecorder.Packet> out = sanitized(bad);
    assertThat(out).hasSameSizeAs(intact);
    int moved = 0;
    for (int stream = 0; stream < 2; stream++) {
      final int st = stream;
      List<PacketRecorder.Packet> a = intact.stream().filter(x -> x.streamIndex() == st).toList();
      List<PacketRecorder.Packet> b = out.stream().filter(x -> x.streamIndex() == st).toList();
      assertThat(b).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).crc32()).isEqualTo(a.get(i).crc32());
        long d = Math.abs(b.get(i).dtsUs() - a.get(i).dtsUs()) + Math.abs(b.get(i).ptsUs() - a.get(i).ptsUs());
        assertThat(d).as("stream %d packet %d", stream, i).isLessThanOrEqualTo(80_000);
        moved += d == 0 ? 0 : 1;
      }
    }
    assertThat(moved).as("only the damaged packet moves").isLessThanOrEqualTo(1);
  }

  private static List<PacketRecorder.Packet> sanitized(byte[] file) throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("oolong-ts", ".ts");
    try {
      java.nio.file.Files.write(f, file);
      PacketRecorder rec = new PacketRecorder();
      Timeline timeline = new Timeline(rec);
      dev.oolong.extractor.FileExtractorRunner.run(f, timeline.input(), 64 * 1024, true);
      timeline.endOfInput();
      return rec.packets();
    } finally {
      java.nio.file.Files.delete(f);
    }
  }

  /**
   * A real transport stream whose timeline jumps forward by 600 s and then back to its start:
   * through the sanitiser every packet arrives (same bytes, same order in each stream) but the
   * audio that overlaps at the splices (each part's audio runs ~70 ms past its video), and no
   * track ever sees its decode time go back or jump.
   */
  @Test
  void aSplicedTransportStreamComesOutContinuous() throws Exception {
    java.nio.file.Path file = dev.oolong.TestMedia.file("ts/discontinuity.m2ts");
    PacketRecorder raw = new PacketRecorder();
    dev.oolong.extractor.FileExtractorRunner.run(file, raw, 64 * 1024, true);
    PacketRecorder rec = new PacketRecorder();
    TimelineSanitizer s = new TimelineSanitizer(rec, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    dev.oolong.extractor.FileExtractorRunner.run(file, s, 64 * 1024, true);
    s.flush();
    assertThat(rec.packets()).hasSize(raw.packets().size() - s.dropped());
    assertThat(s.discontinuities()).isEqualTo(2);
    assertThat(s.dropped()).isBetween(1, 8);
    int rawJumps = 0;
    for (int stream = 0; stream < rec.tracks().size(); stream++) {
      final int st = stream;
      List<PacketRecorder.Packet> a = raw.packets().stream().filter(x -> x.streamIndex() == st).toList();
      List<PacketRecorder.Packet> b = rec.packets().stream().filter(x -> x.streamIndex() == st).toList();
      List<Long> ac = a.stream().map(PacketRecorder.Packet::crc32).toList();
      List<Long> bc = b.stream().map(PacketRecorder.Packet::crc32).toList();
      if (rec.tracks().get(stream).type == TrackType.VIDEO) {
        assertThat(bc).isEqualTo(ac);
      } else {
        assertThat(ac).containsSubsequence(bc);
      }
      List<Long> d = dts(rec, stream);
      List<Long> r = dts(raw, stream);
      for (int i = 1; i < d.size(); i++) {
        assertThat(d.get(i)).as("stream %d packet %d", stream, i).isGreaterThan(d.get(i - 1));
        assertThat(d.get(i) - d.get(i - 1)).as("stream %d packet %d", stream, i).isLessThan(1_000_000);
        rawJumps += Math.abs(r.get(i) - r.get(i - 1)) > 5_000_000 ? 1 : 0;
      }
    }
    assertThat(rawJumps).as("the input does jump").isGreaterThanOrEqualTo(4);
  }
}
