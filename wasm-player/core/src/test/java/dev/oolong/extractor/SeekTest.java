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
      "mp4/h264-aac-fragmented-sidx.mp4", "ts/h264-aac.ts", "ts/bdav.m2ts", "mkv/h264-aac.mkvmerge.mkv",
      "mkv/h264-aac.mkv"})
  void seekLandsOnTheKeyFrameBeforeTheTarget(String fixture) throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(fixture));
    PacketRecorder whole = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file(fixture), whole, 1 << 20, true);
    for (long targetUs : new long[] {0, 1_000_000, 2_500_000, 4_990_000, 3_600_000_000L}) {
      SeekRun.Result run = SeekRun.seek(file, targetUs);
      assertThat(run).as("%s is seekable", fixture).isNotNull();
      PacketRecorder rec = run.packets();
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

  /**
   * A transport stream read past the target (a seek back, or a player that read on before it
   * seeks) lands from its index of what was read: no probing, and the same packets as the whole
   * file's from the key frame at or before the target. Without the index each of these seeks
   * probes several positions.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ts/h264-aac.ts", "ts/bdav.m2ts", "ts/near-wrap.m2ts"})
  void aTransportStreamSeeksInWhatItReadWithoutProbing(String fixture) throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(fixture));
    PacketRecorder whole = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file(fixture), whole, 1 << 20, true);
    int video = videoIndex(whole);
    List<PacketRecorder.Packet> all = ofStream(whole.packets(), video);
    long start = all.get(0).ptsUs();
    for (long offsetUs : new long[] {1_000_000, 2_500_000, 4_990_000}) {
      long targetUs = start + offsetUs;
      SeekRun.Result run = SeekRun.seek(file, targetUs, true);
      assertThat(run.moves()).as("%s at %d: probes", fixture, targetUs).isZero();
      List<PacketRecorder.Packet> after = ofStream(run.packets().packets(), video);
      PacketRecorder.Packet first = after.get(0);
      assertThat(first.flags() & TrackOutput.FLAG_KEY_FRAME).isNotZero();
      assertThat(first.ptsUs()).isLessThanOrEqualTo(targetUs);
      assertThat(all.stream().filter(p -> (p.flags() & TrackOutput.FLAG_KEY_FRAME) != 0
          && p.ptsUs() > first.ptsUs() && p.ptsUs() <= targetUs)).as("a later key frame before t").isEmpty();
      int from = all.indexOf(first);
      assertThat(after).isEqualTo(all.subList(from, all.size()));
    }
  }

  /**
   * Audio without an index: FLAC and Ogg refine a bitrate estimate with their exact timestamps
   * (granules, frame numbers), so a seek lands on the packet holding t; MP3 (Xing table) and
   * ADTS (average bitrate) have no timestamps, so the packets after a seek must be a run of the
   * intact file's and their estimated times near their true ones.
   */
  @ParameterizedTest
  @ValueSource(strings = {"audio/tone.flac", "audio/tone.flac+seektable", "audio/opus.ogg",
      "audio/vorbis.ogg", "audio/flac.ogg", "audio/tone.mp3", "audio/tone.aac"})
  void audioSeeksWithoutAnIndex(String fixture) throws Exception {
    boolean seekTable = fixture.endsWith("+seektable");
    String name = fixture.replace("+seektable", "");
    byte[] file = Files.readAllBytes(TestMedia.file(name));
    PacketRecorder whole = new PacketRecorder();
    FileExtractorRunner.run(file, null, whole, 1 << 20, true);
    if (seekTable) {
      file = FlacSeekTables.withSeekTable(file, whole.packets());
    }
    boolean exactTimes = !name.endsWith(".mp3") && !name.endsWith(".aac");
    for (long targetUs : new long[] {0, 1_000_000, 2_500_000, 4_990_000}) {
      SeekRun.Result run = SeekRun.seek(file, targetUs);
      assertThat(run).as("%s is seekable", fixture).isNotNull();
      PacketRecorder rec = run.packets();
      SeekMap.SeekPoint point = run.point();
      List<PacketRecorder.Packet> after = rec.packets();
      List<PacketRecorder.Packet> all = whole.packets();
      assertThat(after).as("%s at %d", fixture, targetUs).isNotEmpty();
      int from = -1;
      for (int i = 0; i < all.size() && from < 0; i++) {
        if (all.get(i).crc32() == after.get(0).crc32() && all.get(i).size() == after.get(0).size()) {
          from = i;
        }
      }
      assertThat(from).as("%s at %d: the first packet is one of the file's", fixture, targetUs).isNotNegative();
      assertThat(after).hasSize(all.size() - from);
      for (int i = 0; i < after.size(); i++) {
        PacketRecorder.Packet a = after.get(i);
        PacketRecorder.Packet w = all.get(from + i);
        assertThat(a.crc32()).isEqualTo(w.crc32());
        long tolerance = exactTimes ? (name.contains("vorbis") && i == 0 ? 25_000 : 1) : 300_000;
        assertThat(Math.abs(a.ptsUs() - w.ptsUs())).as("%s at %d packet %d", fixture, targetUs, i)
            .isLessThanOrEqualTo(tolerance);
      }
      long firstTrue = all.get(from).ptsUs();
      if (exactTimes) {
        // the packet holding the target: it starts at or before t, the next one after t
        assertThat(firstTrue).as("%s at %d", fixture, targetUs).isLessThanOrEqualTo(Math.max(targetUs, all.get(0).ptsUs()));
        if (point.position() > 0 && name.endsWith(".flac")) {
          // FLAC resumes at any frame: the one holding t
          assertThat(all.get(from + 1).ptsUs()).as("%s at %d", fixture, targetUs).isGreaterThan(targetUs);
        } else if (point.position() > 0) {
          // Ogg resumes at a page (ffmpeg's last at most 1 s): the latest one starting before t
          assertThat(targetUs - firstTrue).as("%s at %d", fixture, targetUs).isLessThanOrEqualTo(1_100_000);
        }
      } else {
        assertThat(Math.abs(firstTrue - targetUs)).as("%s at %d", fixture, targetUs).isLessThanOrEqualTo(300_000);
      }
    }
  }

  /**
   * A seek to the end or beyond (a player's seek to the duration; the seek map clamps the
   * position to the last byte) ends the extraction cleanly: nothing or the last frames, never
   * an error about a structure cut short. Also trailing bytes shorter than a frame header.
   */
  @ParameterizedTest
  @ValueSource(strings = {"audio/tone.mp3", "audio/tone.aac", "audio/tone.flac", "audio/opus.ogg",
      "ts/h264-aac.ts"})
  void aSeekToTheEndEndsCleanly(String fixture) throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(fixture));
    PacketRecorder whole = new PacketRecorder();
    FileExtractorRunner.run(file, null, whole, 1 << 20, true);
    long last = whole.packets().stream().mapToLong(PacketRecorder.Packet::ptsUs).max().orElseThrow();
    for (long target : new long[] {last, last + 500_000, last + 60_000_000}) {
      SeekRun.Result run = SeekRun.seek(file, target);
      assertThat(run).as("%s is seekable", fixture).isNotNull();
      assertThat(run.packets().packets().size()).as("%s at %d", fixture, target)
          .isLessThan(whole.packets().size() / 2);
    }
    if (fixture.endsWith(".mp3") || fixture.endsWith(".aac")) {
      for (int extra = 1; extra <= 3; extra++) {
        byte[] padded = java.util.Arrays.copyOf(file, file.length + extra);
        PacketRecorder rec = new PacketRecorder();
        FileExtractorRunner.run(padded, null, rec, 1 << 20, true);
        assertThat(rec.packets()).as("%s + %d bytes", fixture, extra).hasSameSizeAs(whole.packets());
      }
    }
  }

  private static int videoIndex(PacketRecorder rec) {
    return rec.tracks().stream().filter(t -> t.type == TrackType.VIDEO).findFirst().orElseThrow().index;
  }

  private static List<PacketRecorder.Packet> ofStream(List<PacketRecorder.Packet> packets, int index) {
    return packets.stream().filter(p -> p.streamIndex() == index).toList();
  }
}
