package dev.oolong.extractor.ts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transport-level damage: lost sync and lost packets. */
class TsDamageTest {
  @TempDir Path tmp;

  private PacketRecorder extract(byte[] data) throws Exception {
    Path f = tmp.resolve("x.ts");
    Files.write(f, data);
    PacketRecorder rec = new PacketRecorder();
    FileExtractorRunner.run(f, rec, 4096, true);
    return rec;
  }

  @Test
  void garbageBetweenPacketsIsSkipped() throws Exception {
    byte[] ts = Files.readAllBytes(TestMedia.file("ts/h264-aac.ts"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int p = 0; p < ts.length; p += 188) {
      out.write(ts, p, 188);
      if (p / 188 % 97 == 5) {
        // junk that contains fake sync bytes, not followed by another at +188
        out.write(new byte[] {0x47, 1, 2, 3, 0x47, 0x47, 9}, 0, 7);
      }
    }
    List<PacketRecorder.Packet> intact = extract(ts).packets();
    List<PacketRecorder.Packet> damaged = extract(out.toByteArray()).packets();
    // Every packet that comes out is a real one, whole; and the search finds the stream again
    // every time. A junk 0x47 that happens to be followed by a payload 0x47 188 bytes on is
    // indistinguishable from a packet: that costs the packet it overlaps, so allow a few.
    assertThat(intact).containsAll(damaged);
    assertThat(damaged.size()).isGreaterThanOrEqualTo(intact.size() - 3);
  }

  @Test
  void aLostPacketDropsOnlyTheDamagedUnit() throws Exception {
    byte[] ts = Files.readAllBytes(TestMedia.file("ts/h264-aac.ts"));
    // Drop the 3rd TS packet of the audio PID 0x101 that is not a unit start.
    int seen = 0;
    int drop = -1;
    for (int p = 0; p < ts.length; p += 188) {
      int pid = (ts[p + 1] & 0x1F) << 8 | (ts[p + 2] & 0xFF);
      if (pid == 0x101 && (ts[p + 1] & 0x40) == 0 && ++seen == 3) {
        drop = p;
        break;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ts, 0, drop);
    out.write(ts, drop + 188, ts.length - drop - 188);
    List<PacketRecorder.Packet> intact = extract(ts).packets();
    List<PacketRecorder.Packet> damaged = extract(out.toByteArray()).packets();
    List<PacketRecorder.Packet> intactAudio = intact.stream().filter(x -> x.streamIndex() == 1).toList();
    List<PacketRecorder.Packet> damagedAudio = damaged.stream().filter(x -> x.streamIndex() == 1).toList();
    // Video untouched; audio loses the frames of the damaged PES, and every frame it keeps is real.
    assertThat(damaged.stream().filter(x -> x.streamIndex() == 0).toList())
        .isEqualTo(intact.stream().filter(x -> x.streamIndex() == 0).toList());
    assertThat(damagedAudio.size()).isLessThan(intactAudio.size()).isGreaterThan(intactAudio.size() - 16);
    assertThat(intactAudio).containsAll(damagedAudio);
  }

  /**
   * Two streams joined (a splice, segments of different origins concatenated) where the second's
   * continuity counters happen to continue at the first's last value: the second's first packet is
   * new data, not a duplicate, and must not be thrown away (it carries the key frame's start).
   */
  @Test
  void twoStreamsJoinedWhereTheCountersMeetLoseNothingOfTheSecond() throws Exception {
    byte[] a = Files.readAllBytes(TestMedia.file("ts/h264-aac.ts"));
    java.util.Map<Integer, Integer> lastCc = new java.util.HashMap<>();
    java.util.Map<Integer, Integer> firstCc = new java.util.HashMap<>();
    for (int p = 0; p < a.length; p += 188) {
      int pid = (a[p + 1] & 0x1F) << 8 | (a[p + 2] & 0xFF);
      if ((a[p + 3] & 0x10) != 0) {
        lastCc.put(pid, a[p + 3] & 0xF);
        firstCc.putIfAbsent(pid, a[p + 3] & 0xF);
      }
    }
    // The second stream: the same packets, each PID's counters shifted so that its first packet
    // repeats the first stream's last counter.
    byte[] b = a.clone();
    for (int p = 0; p < b.length; p += 188) {
      int pid = (b[p + 1] & 0x1F) << 8 | (b[p + 2] & 0xFF);
      if (lastCc.containsKey(pid)) {
        int shift = lastCc.get(pid) - firstCc.get(pid);
        b[p + 3] = (byte) (b[p + 3] & 0xF0 | ((b[p + 3] & 0xF) + shift) & 0xF);
      }
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    joined.write(a);
    joined.write(b);
    List<PacketRecorder.Packet> second = extract(b).packets();
    List<PacketRecorder.Packet> all = extract(joined.toByteArray()).packets();
    assertThat(all.subList(all.size() - second.size(), all.size()))
        .as("the second stream's packets, whole and in order").containsExactlyElementsOf(second);
    // the first stream's last unit of each stream may go (its end is not certain)
    assertThat(all.size()).isGreaterThanOrEqualTo(2 * second.size() - lastCc.size());
  }

  /** A packet sent twice on purpose (same counter, same payload) is taken once. */
  @Test
  void aDuplicatePacketIsTakenOnce() throws Exception {
    byte[] ts = Files.readAllBytes(TestMedia.file("ts/h264-aac.ts"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int duplicated = 0;
    for (int p = 0; p < ts.length; p += 188) {
      out.write(ts, p, 188);
      int pid = (ts[p + 1] & 0x1F) << 8 | (ts[p + 2] & 0xFF);
      if (pid == 0x100 && (ts[p + 3] & 0x10) != 0 && p / 188 % 50 == 7) {
        out.write(ts, p, 188);
        duplicated++;
      }
    }
    assertThat(duplicated).isPositive();
    assertThat(extract(out.toByteArray()).packets()).containsExactlyElementsOf(extract(ts).packets());
  }

  /**
   * A slice NAL unit whose header was hit (forbidden bit set) inside a video packet: the picture
   * it carried is left out and counted; every other access unit comes out as in the intact file
   * (the oracle), and audio is untouched. Before, the bytes went to the decoder as a picture.
   */
  @Test
  void aSliceWithAnImpossibleNalHeaderIsLeftOutAndCounted() throws Exception {
    byte[] ts = Files.readAllBytes(TestMedia.file("ts/h264-aac.ts"));
    byte[] damaged = ts.clone();
    int hit = -1;
    int units = 0;
    for (int p = 0; p + 188 <= ts.length && hit < 0; p += 188) {
      int pid = (ts[p + 1] & 0x1F) << 8 | (ts[p + 2] & 0xFF);
      if (pid != 0x100 || (ts[p + 1] & 0x40) == 0 || ++units < 30) {
        continue; // the 30th video PES: a non-key picture well into the stream
      }
      for (int i = p + 4; i + 4 < p + 188; i++) {
        if (ts[i] == 0 && ts[i + 1] == 0 && ts[i + 2] == 1 && (ts[i + 3] & 0x1F) == 1) {
          hit = i + 3;
          break;
        }
      }
    }
    assertThat(hit).as("a non-IDR slice header in the 30th video PES").isPositive();
    damaged[hit] |= (byte) 0x80;
    PacketRecorder good = new PacketRecorder();
    FileExtractorRunner.run(ts, new TsExtractor(), good, 4096, true);
    PacketRecorder bad = new PacketRecorder();
    TsExtractor e = new TsExtractor();
    FileExtractorRunner.run(damaged, e, bad, 4096, true);
    List<PacketRecorder.Packet> goodVideo = good.packets().stream().filter(x -> x.streamIndex() == 0).toList();
    List<PacketRecorder.Packet> badVideo = bad.packets().stream().filter(x -> x.streamIndex() == 0).toList();
    assertThat(badVideo).hasSize(goodVideo.size() - 1);
    assertThat(goodVideo).containsSubsequence(badVideo);
    assertThat(bad.packets().stream().filter(x -> x.streamIndex() == 1).toList())
        .isEqualTo(good.packets().stream().filter(x -> x.streamIndex() == 1).toList());
    assertThat(e.damagedUnits()).as("the NAL unit and the access unit it emptied").isEqualTo(2);
  }
}
