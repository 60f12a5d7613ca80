package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.FfprobePackets;
import dev.oolong.TestMedia;
import dev.oolong.media.TrackType;
import dev.oolong.timeline.Timeline;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timeline stage against ffprobe: through it, every packet's times are ffprobe's less the
 * stream's start (the earliest time among the streams' first packets in ffprobe's list) where the
 * container states no start (MPEG-TS, FLV, Matroska, Ogg, elementary audio), and ffprobe's
 * unchanged for MP4 (its edit lists place the start). ffprobe's own {@code format.start_time}
 * is not the oracle: it applies codec-level corrections (an MP3's encoder delay) that the
 * timeline does not. Among them, transport streams on a broadcast clock: one that starts 1.3 s before
 * the 33-bit wrap and crosses it (ffprobe subtracts 2^33 before the wrap, the stream reader adds
 * it after: both normalise to the same times), one ten hours in.
 */
class TimelineFfprobeTest {
  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "ts/near-wrap.m2ts", "ts/late-start.m2ts", "flv/h264-aac.flv",
      "webm/vp9-opus.webm", "mkv/h264-aac.mkvmerge.mkv", "audio/opus.ogg", "audio/tone.mp3", "audio/tone.flac",
      "mp4/h264-aac-moov-first.mp4", "mp4/h264-aac-fragmented.mp4", "ts/bdav.m2ts"})
  void mediaTimeIsFfprobesLessTheStreamsStart(String fixture) throws Exception {
    PacketRecorder rec = new PacketRecorder();
    Timeline timeline = new Timeline(rec);
    FileExtractorRunner.run(TestMedia.file(fixture), timeline.input(), 64 * 1024, true);
    timeline.endOfInput();
    boolean mp4 = fixture.endsWith(".mp4");
    assertThat(timeline.originUs()).as("the container time of media time 0").isNotEqualTo(dev.oolong.C.TIME_UNSET);
    FfprobePackets ff = FfprobePackets.of(fixture);
    long startUs = 0;
    if (!mp4) {
      startUs = Long.MAX_VALUE;
      for (PacketRecorder.Track t : rec.tracks()) {
        startUs = Math.min(startUs, ff.stream(t.index).get(0).ptsUs());
      }
    }
    assertThat(rec.packets()).hasSize(ff.lines().size());
    long earliest = Long.MAX_VALUE;
    for (PacketRecorder.Track t : rec.tracks()) {
      List<PacketRecorder.Packet> ours = rec.packets().stream().filter(p -> p.streamIndex() == t.index).toList();
      List<FfprobePackets.Line> theirs = ff.stream(t.index);
      assertThat(ours).as("stream %d", t.index).hasSize(theirs.size());
      // Matroska audio laces: ffprobe's times drift within a lace (see ExtractorFfprobeTest).
      boolean mkv = fixture.endsWith(".mkv") || fixture.endsWith(".webm");
      long tolerance = mkv && t.type == TrackType.AUDIO ? 8000 : 2;
      for (int i = 0; i < ours.size(); i++) {
        PacketRecorder.Packet p = ours.get(i);
        FfprobePackets.Line l = theirs.get(i);
        earliest = Math.min(earliest, p.ptsUs());
        assertThat(Math.abs(p.ptsUs() - (l.ptsUs() - startUs))).as("%s stream %d packet %d pts %d, ffprobe %d - %d",
            fixture, t.index, i, p.ptsUs(), l.ptsUs(), startUs).isLessThanOrEqualTo(tolerance);
        if (!(mkv && t.type == TrackType.VIDEO) && l.dtsUs() != null) {
          assertThat(Math.abs(p.dtsUs() - (l.dtsUs() - startUs))).as("%s stream %d packet %d dts", fixture, t.index, i)
              .isLessThanOrEqualTo(tolerance);
        }
      }
    }
    if (!mp4) {
      assertThat(earliest).as("%s: media time starts at 0", fixture).isBetween(-2L, 2L);
    }
    assertThat(timeline.sanitizer().discontinuities()).as("the wrap is no discontinuity").isZero();
  }
}
