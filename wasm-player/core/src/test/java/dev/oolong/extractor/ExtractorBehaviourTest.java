package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resumability: the same dump (formats, times, flags, sizes, CRC-32 of every packet) whether the
 * input arrives whole, one byte at a time ("need more data" at every byte boundary), in odd
 * chunks, or without a known length.
 */
class ExtractorBehaviourTest {

  static Stream<String> fixtures() throws Exception {
    return ExtractorFfprobeTest.fixtures();
  }

  static String dump(Path file, int chunk, boolean knownLength) throws Exception {
    PacketRecorder rec = new PacketRecorder();
    FileExtractorRunner.run(file, rec, chunk, knownLength);
    assertThat(rec.tracksEnded()).isTrue();
    return rec.dump();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void sameDumpUnderEveryDeliveryPattern(String fixture) throws Exception {
    Path file = TestMedia.file(fixture);
    String reference = dump(file, 1 << 20, true);
    assertThat(reference).contains("K_");
    assertThat(dump(file, 1, false)).isEqualTo(reference);
    assertThat(dump(file, 1, true)).isEqualTo(reference);
    assertThat(dump(file, 7, false)).isEqualTo(reference);
    assertThat(dump(file, 4093, true)).isEqualTo(reference);
  }
}
