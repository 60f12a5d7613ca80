package dev.oolong.player;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartAfterTest {
  /**
   * A real file through the filter: what passes is exactly the intact file's packets from the
   * first video key frame presented after the time (audio from that frame's time), same bytes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "flv/h264-aac.flv", "mp4/h264-aac-fragmented.mp4"})
  void mediaPassesFromTheFirstKeyFrameAfterTheTime(String fixture) throws Exception {
    PacketRecorder all = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file(fixture), all, 4096, true);
    long after = 2_000_000;
    PacketRecorder rec = new PacketRecorder();
    StartAfter filter = new StartAfter(rec, after);
    FileExtractorRunner.run(TestMedia.file(fixture), filter, 4096, true); // small pieces: samples split
    assertThat(filter.started()).isTrue();
    int video = all.tracks().stream().filter(t -> t.type == dev.oolong.media.TrackType.VIDEO).findFirst().orElseThrow().index;
    long key = all.packets().stream().filter(p -> p.streamIndex() == video && (p.flags() & 1) != 0 && p.ptsUs() > after)
        .mapToLong(PacketRecorder.Packet::ptsUs).min().orElseThrow();
    for (int s = 0; s < all.tracks().size(); s++) {
      final int st = s;
      boolean isVideo = s == video;
      List<Long> expected = all.packets().stream().filter(p -> p.streamIndex() == st)
          .dropWhile(p -> isVideo ? p.ptsUs() != key : p.ptsUs() < key).map(PacketRecorder.Packet::crc32).toList();
      List<Long> got = rec.packets().stream().filter(p -> p.streamIndex() == st).map(PacketRecorder.Packet::crc32).toList();
      assertThat(got).as("%s stream %d", fixture, s).isEqualTo(expected);
      assertThat(got).isNotEmpty();
    }
  }
}
