package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCategory;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input over every fixture: truncation at many offsets, random byte corruption, absurd
 * and degenerate box sizes. Every case must end quickly in either success or a CONTAINER {@link
 * PlayerException} raised by the parser itself (not by the driver's safety net for unexpected
 * runtime exceptions), and a truncated file must yield exactly a prefix of the intact file's
 * packets.
 */
@Timeout(120)
class DamagedInputTest {
  @TempDir Path tmp;

  static Stream<String> fixtures() throws Exception {
    return ExtractorFfprobeTest.fixtures();
  }

  /** Runs the extractor; returns the packets and the error (or null). */
  private record Outcome(List<PacketRecorder.Packet> packets, PlayerException error) {}

  private Outcome run(byte[] data) throws Exception {
    Path f = tmp.resolve("damaged.bin");
    Files.write(f, data);
    PacketRecorder rec = new PacketRecorder();
    try {
      FileExtractorRunner.run(f, rec, 64 * 1024, true);
      return new Outcome(rec.packets(), null);
    } catch (PlayerException e) {
      assertThat(e.category()).as("%s", e).isIn(ErrorCategory.CONTAINER);
      assertThat(e.getMessage()).as("parser failed outside its own checks: %s", e)
          .doesNotStartWith("Unparseable input");
      return new Outcome(rec.packets(), e);
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void truncationYieldsAPrefixOrATypedError(String fixture) throws Exception {
    byte[] full = Files.readAllBytes(TestMedia.file(fixture));
    List<PacketRecorder.Packet> reference = run(full).packets();
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i <= 64; i++) {
      cuts.add((int) ((long) full.length * i / 64));
    }
    for (int i = 0; i < 16; i++) {
      cuts.add(i);
    }
    for (int cut : cuts) {
      Outcome o = run(Arrays.copyOf(full, Math.min(cut, full.length)));
      // Per stream, what a cut file yields is exactly the start of what the whole file yields:
      // no packet is cut short and passed on as if it were whole.
      for (int s = 0; s < 8; s++) {
        List<PacketRecorder.Packet> got = ofStream(o.packets(), s);
        List<PacketRecorder.Packet> all = ofStream(reference, s);
        int packet = fixture.equals("ts/bdav.m2ts") ? 192 : 188; // the M2TS form: 192-byte packets
        if (fixture.startsWith("ts/") && cut % packet == 0 && !got.isEmpty() && got.size() <= all.size()) {
          // A TS cut exactly between packets, inside a PES packet of unannounced length (video),
          // cannot be told from the end of the stream: the last unit is flushed as it is, as
          // ffmpeg and Media3 do. It must still be the start of the real one.
          PacketRecorder.Packet last = got.get(got.size() - 1);
          PacketRecorder.Packet real = all.get(got.size() - 1);
          assertThat(last.ptsUs()).isEqualTo(real.ptsUs());
          assertThat(last.size()).isLessThanOrEqualTo(real.size());
          got = got.subList(0, got.size() - 1);
        }
        assertThat(got).as("cut at %d, stream %d", cut, s).isEqualTo(all.subList(0, Math.min(got.size(), all.size())));
        assertThat(got.size()).isLessThanOrEqualTo(all.size());
      }
      if (cut < full.length) {
        assertThat(o.error() != null || o.packets().size() < reference.size() || cut == full.length)
            .as("cut at %d of %d", cut, full.length).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void randomCorruptionEndsTyped(String fixture) throws Exception {
    byte[] full = Files.readAllBytes(TestMedia.file(fixture));
    Random random = new Random(fixture.hashCode());
    for (int i = 0; i < 150; i++) {
      byte[] copy = full.clone();
      // Corrupt where it hurts most: the first 16 kB (headers) twice as often as the rest.
      int at = random.nextBoolean() ? random.nextInt(Math.min(16_384, full.length)) : random.nextInt(full.length);
      int flips = 1 + random.nextInt(4);
      for (int k = 0; k < flips && at + k < copy.length; k++) {
        copy[at + k] ^= (byte) (1 + random.nextInt(255));
      }
      run(copy);
    }
  }

  static Stream<String> mp4Fixtures() throws Exception {
    return TestMedia.files(".mp4").stream();
  }

  @ParameterizedTest
  @MethodSource("mp4Fixtures")
  void absurdBoxSizesEndTyped(String fixture) throws Exception {
    byte[] full = Files.readAllBytes(TestMedia.file(fixture));
    List<Integer> sizeFields = boxSizeFields(full);
    assertThat(sizeFields).hasSizeGreaterThan(10);
    int[] absurd = {0, 1, 7, 8, 9, 0x7FFFFFFF, 0xFFFFFFFF, 0x10};
    int errors = 0;
    int cases = 0;
    for (int field : sizeFields) {
      for (int value : absurd) {
        byte[] copy = full.clone();
        copy[field] = (byte) (value >>> 24);
        copy[field + 1] = (byte) (value >>> 16);
        copy[field + 2] = (byte) (value >>> 8);
        copy[field + 3] = (byte) value;
        cases++;
        if (run(copy).error() != null) {
          errors++;
        }
      }
    }
    // Most of these break the file: the extractor must notice (not read garbage as samples).
    assertThat(errors).as("%d of %d damaged files rejected", errors, cases).isGreaterThan(cases / 2);
  }

  private static List<PacketRecorder.Packet> ofStream(List<PacketRecorder.Packet> packets, int s) {
    return packets.stream().filter(p -> p.streamIndex() == s).toList();
  }

  /** Offsets of the size field of every box in the moov/moof trees (a plain walk of the file). */
  static List<Integer> boxSizeFields(byte[] d) {
    List<Integer> out = new ArrayList<>();
    walk(d, 0, d.length, 0, out);
    return out;
  }

  private static final List<String> CONTAINERS = List.of("moov", "trak", "mdia", "minf", "stbl",
      "edts", "mvex", "moof", "traf", "dinf", "stsd", "avc1", "hvc1", "av01", "mp4a", "Opus");

  private static void walk(byte[] d, int start, int end, int depth, List<Integer> out) {
    int pos = start;
    while (pos + 8 <= end && depth < 10) {
      long size = ((d[pos] & 0xFFL) << 24) | ((d[pos + 1] & 0xFF) << 16) | ((d[pos + 2] & 0xFF) << 8) | (d[pos + 3] & 0xFF);
      String type = new String(d, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (size < 8 || pos + size > end) {
        return;
      }
      if (!type.equals("mdat")) {
        out.add(pos);
      }
      if (CONTAINERS.contains(type)) {
        int skip = switch (type) {
          case "stsd" -> 8;
          case "avc1", "hvc1", "av01" -> 78;
          case "mp4a", "Opus" -> 28;
          default -> 0;
        };
        walk(d, pos + 8 + skip, (int) (pos + size), depth + 1, out);
      }
      pos += (int) size;
    }
  }
}
