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
}
