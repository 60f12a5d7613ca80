package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.media.TrackType;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeking through the seek map: after a seek to t, every track resumes exactly at a run of the
 * intact file's packets, the video starting with the latest key frame at or before t. The maps
 * come from MP4 sample tables, a fragmented MP4's mfra (read by a detour to the end of the file)
 * or sidx, FLV keyframe metadata and Matroska Cues.
 */
class SeekTest {

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-moov-first.mp4", "mp4/h264-aac-moov-last.mp4",
      "mp4/hevc-aac.mp4", "mp4/av1-opus.mp4", "flv/h264-aac-indexed.flv", "webm/vp9-opus.webm",
      "webm/vp8-vorbis.webm", "webm/av1-opus.webm", "mp4/h264-aac-fragmented.mp4",
      "mp4/h264-aac-fragmented-sidx.mp4"})
  void seekLandsOnTheKeyFrameBeforeTheTarget(String fixture) throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(fixture));
    PacketRecorder whole = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file(fixture), whole, 1 << 20, true);
    for (long targetUs : new long[] {0, 1_000_000, 2_500_000, 4_990_000}) {
      PacketRecorder rec = new PacketRecorder();
      Extractor extractor = Extractors.sniff(fullInput(file));
      BufferedExtractorInput input = new BufferedExtractorInput(0, file.length);
      extractor.init(rec);
      ExtractorDriver driver = new ExtractorDriver(extractor, input);
      // Read until a seekable map is known (fragmented MP4: after its sidx or its mfra), then seek.
      while ((rec.seekMap() == null || !rec.seekMap().isSeekable()) && step(driver, input, file)) {
        // more
      }
      assertThat(rec.seekMap().isSeekable()).isTrue();
      SeekMap.SeekPoint point = rec.seekMap().getSeekPoint(targetUs);
      extractor.seek(point.position(), point.timeUs());
      input.reset(point.position());
      rec.packets().clear();
      while (step(driver, input, file)) {
        // to the end
      }
      int video = videoIndex(rec);
      List<PacketRecorder.Packet> after = ofStream(rec.packets(), video);
      List<PacketRecorder.Packet> all = ofStream(whole.packets(), video);
      PacketRecorder.Packet first = after.get(0);
      assertThat(first.flags() & TrackOutput.FLAG_KEY_FRAME).as("%s at %d", fixture, targetUs).isNotZero();
      assertThat(first.ptsUs()).isLessThanOrEqualTo(Math.max(targetUs, all.get(0).ptsUs()));
      assertThat(all.stream().filter(p -> (p.flags() & TrackOutput.FLAG_KEY_FRAME) != 0
          && p.ptsUs() > first.ptsUs() && p.ptsUs() <= targetUs)).as("a later key frame before t").isEmpty();
      for (PacketRecorder.Track t : rec.tracks()) {
        List<PacketRecorder.Packet> a = ofStream(rec.packets(), t.index);
        List<PacketRecorder.Packet> w = ofStream(whole.packets(), t.index);
        assertThat(a).isNotEmpty();
        int from = w.indexOf(a.get(0));
        assertThat(from).isNotNegative();
        assertThat(a).isEqualTo(w.subList(from, w.size()));
      }
    }
  }

  private static BufferedExtractorInput fullInput(byte[] file) {
    BufferedExtractorInput in = new BufferedExtractorInput(0, file.length);
    in.append(file, 0, file.length);
    in.setEndOfInput();
    return in;
  }

  /** One pump; feeds 64 kB or follows a seek. Returns false at the end. */
  private static boolean step(ExtractorDriver driver, BufferedExtractorInput input, byte[] file)
      throws Exception {
    int r = driver.pump();
    if (r == ExtractorDriver.END) {
      return false;
    }
    if (r == ExtractorDriver.SEEK) {
      input.reset(driver.seekPosition());
    } else {
      long at = input.writePosition();
      int n = (int) Math.min(65536, file.length - at);
      if (n <= 0) {
        input.setEndOfInput();
      } else {
        input.append(file, (int) at, n);
      }
    }
    return true;
  }

  private static int videoIndex(PacketRecorder rec) {
    return rec.tracks().stream().filter(t -> t.type == TrackType.VIDEO).findFirst().orElseThrow().index;
  }

  private static List<PacketRecorder.Packet> ofStream(List<PacketRecorder.Packet> packets, int index) {
    return packets.stream().filter(p -> p.streamIndex() == index).toList();
  }
}
