package dev.oolong.extractor.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.codec.AdtsHeader;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.extractor.ts.TsExtractor;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged ADTS headers, in an elementary AAC file and inside the PES of a transport stream: a
 * header whose length field or sample rate was hit is not taken as a frame. The oracle is the
 * intact file's own extraction: the damaged one gives the same frames (the same bytes, by CRC)
 * but the damaged one, and counts the resync. Before the header after a frame had to confirm
 * it, a corrupt length swallowed the frames it covered and a corrupt rate changed the format.
 */
class FramedAudioDamageTest {
  /** Which header is damaged, and how. */
  enum Hit { LENGTH, RATE }

  @ParameterizedTest
  @ValueSource(strings = {"LENGTH", "RATE"})
  void aDamagedAdtsHeaderInAnAacFileCostsOnlyItsFrame(String hit) throws Exception {
    byte[] intact = Files.readAllBytes(TestMedia.file("audio/tone.aac"));
    int at = nthAdtsHeader(intact, 0, intact.length, 10);
    checkOneFrameLost(intact, damage(intact, at, Hit.valueOf(hit)), 0,
        () -> new FramedAudioExtractor(FramedAudioExtractor.Kind.ADTS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"LENGTH", "RATE"})
  void aDamagedAdtsHeaderInATransportStreamCostsOnlyItsFrame(String hit) throws Exception {
    byte[] intact = Files.readAllBytes(TestMedia.file("ts/h264-aac.ts"));
    // A header inside the payload of an audio packet (PID 0x101) that does not start a PES: it is
    // neither the packet's PTS frame nor next to a PES header.
    int at = -1;
    int seen = 0;
    for (int p = 0; p + 188 <= intact.length && at < 0; p += 188) {
      int pid = (intact[p + 1] & 0x1F) << 8 | (intact[p + 2] & 0xFF);
      boolean unitStart = (intact[p + 1] & 0x40) != 0;
      int payload = (intact[p + 3] & 0x20) != 0 ? p + 5 + (intact[p + 4] & 0xFF) : p + 4;
      if (pid == 0x101 && !unitStart && payload < p + 188 && ++seen >= 20) {
        at = nthAdtsHeader(intact, payload, p + 188 - 7, 1);
      }
    }
    assertThat(at).as("an ADTS header inside an audio packet").isPositive();
    checkOneFrameLost(intact, damage(intact, at, Hit.valueOf(hit)), 1, TsExtractor::new);
  }

  private static void checkOneFrameLost(byte[] intact, byte[] damaged, int audioIndex,
      Supplier<Extractor> extractor) throws Exception {
    PacketRecorder good = new PacketRecorder();
    FileExtractorRunner.run(intact, extractor.get(), good, 4096, true);
    PacketRecorder bad = new PacketRecorder();
    Extractor e = extractor.get();
    FileExtractorRunner.run(damaged, e, bad, 4096, true);
    List<Long> goodFrames = crcs(good, audioIndex);
    List<Long> badFrames = crcs(bad, audioIndex);
    assertThat(badFrames).as("every frame but the damaged one, in order").hasSize(goodFrames.size() - 1);
    assertThat(goodFrames).containsSubsequence(badFrames);
    assertThat(e.resyncs()).as("the lost framing found again").isEqualTo(1);
    assertThat(bad.tracks().get(audioIndex).format).usingRecursiveComparison()
        .isEqualTo(good.tracks().get(audioIndex).format);
    // Every other track as it was
    for (int i = 0; i < good.tracks().size(); i++) {
      if (i != audioIndex) {
        assertThat(crcs(bad, i)).isEqualTo(crcs(good, i));
      }
    }
  }

  private static List<Long> crcs(PacketRecorder r, int index) {
    List<Long> out = new ArrayList<>();
    for (PacketRecorder.Packet p : r.packets()) {
      if (p.streamIndex() == index) {
        out.add(p.crc32());
      }
    }
    return out;
  }

  /** The offset of the {@code n}th (from 1, or from 0) ADTS header between {@code from} and {@code to}. */
  private static int nthAdtsHeader(byte[] d, int from, int to, int n) {
    int found = 0;
    for (int p = from; p + 7 <= to; p++) {
      AdtsHeader h = AdtsHeader.parse(d, p);
      if (h != null && h.frameLength() > 7 && ++found >= Math.max(1, n)) {
        return p;
      }
    }
    return -1;
  }

  /**
   * The bytes with the header at {@code at} hit: its length made 37 bytes longer (a plausible
   * length landing inside the next frame), or its sampling index moved to another valid rate.
   */
  private static byte[] damage(byte[] d, int at, Hit hit) {
    byte[] out = d.clone();
    if (hit == Hit.LENGTH) {
      int length = ((out[at + 3] & 3) << 11) | ((out[at + 4] & 0xFF) << 3) | ((out[at + 5] >> 5) & 7);
      int l = length + 37;
      out[at + 3] = (byte) (out[at + 3] & ~3 | (l >> 11) & 3);
      out[at + 4] = (byte) (l >> 3);
      out[at + 5] = (byte) (out[at + 5] & 0x1F | (l & 7) << 5);
    } else {
      out[at + 2] = (byte) (out[at + 2] ^ 0x04); // sampling index bit 0: 48 kHz <-> 44.1 kHz
    }
    assertThat(AdtsHeader.parse(out, at)).as("still looks like a header").isNotNull();
    return out;
  }
}
