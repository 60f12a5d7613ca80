package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same streams through another muxer: mkvmerge's Matroska files (laced audio, H.264 with
 * B-frames) must give exactly the packets of the file they were made from — same count, same
 * bytes (CRC-32) — and the same timeline relative to each stream's first packet, within the 1 ms
 * of Matroska's timestamp scale (frames inside a lace get sample-exact times). For Vorbis the
 * muxers differ by one convention: the first audio packet decodes to no samples (Vorbis I
 * specification), and mkvmerge gives it no duration while ffmpeg gives it half a short block
 * (128 samples, 2.7 ms here), which shifts every later time by that much.
 */
class OtherMuxersTest {

  @ParameterizedTest
  @CsvSource({
    "mkv/h264-aac.mkvmerge.mkv, mp4/h264-aac-moov-first.mp4, 1000",
    "mkv/vp8-vorbis.mkvmerge.mkv, webm/vp8-vorbis.webm, 3700",
    "mkv/h264-aac.mkv, mp4/h264-aac-moov-first.mp4, 1000"
  })
  void sameStreamsAsTheSource(String remuxed, String source, long toleranceUs) throws Exception {
    PacketRecorder a = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file(remuxed), a, 64 * 1024, true);
    PacketRecorder b = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file(source), b, 64 * 1024, true);
    assertThat(a.tracks()).hasSameSizeAs(b.tracks());
    for (int s = 0; s < a.tracks().size(); s++) {
      assertThat(a.tracks().get(s).format.codec()).isEqualTo(b.tracks().get(s).format.codec());
      List<PacketRecorder.Packet> x = of(a, s);
      List<PacketRecorder.Packet> y = of(b, s);
      assertThat(x).as("%s stream %d", remuxed, s).hasSameSizeAs(y);
      for (int i = 0; i < x.size(); i++) {
        String where = remuxed + " stream " + s + " packet " + i;
        assertThat(x.get(i).crc32()).as(where).isEqualTo(y.get(i).crc32());
        long dx = x.get(i).ptsUs() - x.get(0).ptsUs();
        long dy = y.get(i).ptsUs() - y.get(0).ptsUs();
        assertThat(Math.abs(dx - dy)).as(where + " relative pts %d vs %d", dx, dy).isLessThanOrEqualTo(toleranceUs);
      }
    }
  }

  private static List<PacketRecorder.Packet> of(PacketRecorder r, int stream) {
    return r.packets().stream().filter(p -> p.streamIndex() == stream).toList();
  }
}
