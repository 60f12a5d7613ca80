package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resumability: the same dump (formats, times, flags, sizes, CRC-32 of every packet) whether the
 * input arrives whole, one byte at a time ("need more data" at every byte boundary), in odd
 * chunks, or without a known length. One byte at a time is run on every fixture up to {@link
 * #ONE_BYTE_LIMIT}: the 720p and 1080p files (the same containers and extractors as the 360p
 * ones) took 50 s of the suite that way and prove nothing more; they get the odd chunks.
 */
class ExtractorBehaviourTest {
  static final long ONE_BYTE_LIMIT = 1 << 20;

  static Stream<String> fixtures() throws Exception {
    return ExtractorFfprobeTest.fixtures();
  }

  static String dump(byte[] data, int chunk, boolean knownLength) throws Exception {
    PacketRecorder rec = new PacketRecorder();
    // From memory: a file read a byte at a time costs two system calls a byte, which is not
    // what is being tested (the extractors' resumption is).
    FileExtractorRunner.run(data, null, rec, chunk, knownLength);
    assertThat(rec.tracksEnded()).isTrue();
    return rec.dump();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void sameDumpUnderEveryDeliveryPattern(String fixture) throws Exception {
    Path file = TestMedia.file(fixture);
    byte[] data = java.nio.file.Files.readAllBytes(file);
    String reference = dump(data, 1 << 20, true);
    assertThat(reference).contains("K_");
    // {chunk size, known length}; the patterns are independent runs, done on every core.
    List<int[]> patterns = new ArrayList<>(List.of(new int[] {7, 0}, new int[] {4093, 1}));
    if (data.length <= ONE_BYTE_LIMIT) {
      patterns.add(new int[] {1, 0});
      patterns.add(new int[] {1, 1});
    }
    List<String> failures = patterns.parallelStream().map(p -> {
      try {
        String d = dump(data, p[0], p[1] == 1);
        return d.equals(reference) ? null : "chunk " + p[0] + (p[1] == 1 ? " known length" : " unknown length")
            + ": a different dump";
      } catch (Exception | AssertionError e) {
        return "chunk " + p[0] + ": " + e;
      }
    }).filter(java.util.Objects::nonNull).toList();
    assertThat(failures).as(fixture).isEmpty();
  }
}
