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
    // The gap passes (counted); the sample before its predecessor is moved just after it.
    assertThat(dts(rec, 0)).containsExactly(0L, 21_333L, 42_666L, 264_000L, 264_001L, 271_333L);
    assertThat(s.discontinuities()).isZero();
    assertThat(s.gapsUs()).isEqualTo(264_000 - (42_666 + 21_333));
    assertThat(s.repairs()).isEqualTo(2); // its dts, then its pts (< dts)
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

  /**
   * A real transport stream whose timeline jumps forward by 600 s and then back to its start:
   * through the sanitiser every packet arrives (same bytes, same order), but no track ever sees
   * its decode time go back or jump.
   */
  @Test
  void aSplicedTransportStreamComesOutContinuous() throws Exception {
    java.nio.file.Path file = dev.oolong.TestMedia.file("ts/discontinuity.m2ts");
    PacketRecorder raw = new PacketRecorder();
    dev.oolong.extractor.FileExtractorRunner.run(file, raw, 64 * 1024, true);
    PacketRecorder rec = new PacketRecorder();
    TimelineSanitizer s = new TimelineSanitizer(rec, TimelineSanitizer.DEFAULT_MAX_JUMP_US);
    dev.oolong.extractor.FileExtractorRunner.run(file, s, 64 * 1024, true);
    assertThat(rec.packets()).hasSameSizeAs(raw.packets());
    for (int i = 0; i < raw.packets().size(); i++) {
      assertThat(rec.packets().get(i).crc32()).isEqualTo(raw.packets().get(i).crc32());
    }
    assertThat(s.discontinuities()).isEqualTo(2);
    int rawJumps = 0;
    for (int stream = 0; stream < rec.tracks().size(); stream++) {
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
