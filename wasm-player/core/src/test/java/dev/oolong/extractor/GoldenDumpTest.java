package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden dumps (after Media3's): for every fixture a plain-text dump of what the extractor gives
 * — formats, protection data, then one line per packet (stream, pts, dts, size, flags, CRC-32,
 * encryption) — and the first packets after seeks to 1 s and 3 s, compared with the dump
 * committed in {@code src/test/resources/dumps/}. The ffprobe cross-check says the packets are
 * right; this says they did not change (formats, codec configuration, CRCs and seeking
 * included). {@code ExtractorBehaviourTest} replays each fixture under 1-byte deliveries and an
 * unknown length and requires the same dump.
 *
 * <p>Regenerate after a deliberate change with {@code mvn -pl wasm-player/core test
 * -Dtest=GoldenDumpTest -Doolong.updateDumps=true} and review the diff. A dump names the SHA-256
 * of the fixture it was made from; when the fixture differs (another ffmpeg build wrote it), the
 * comparison is skipped with that reason, since only the ffprobe oracle applies to new bytes.
 */
class GoldenDumpTest {
  private static final Path DUMPS = Path.of("src/test/resources/dumps");

  @ParameterizedTest
  @MethodSource("dev.oolong.extractor.ExtractorFfprobeTest#fixtures")
  void dumpMatchesTheGoldenOne(String fixture) throws Exception {
    byte[] file = Files.readAllBytes(TestMedia.file(fixture));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
    StringBuilder dump = new StringBuilder("source ").append(fixture).append(" sha256=").append(sha).append('\n');
    PacketRecorder rec = new PacketRecorder();
    FileExtractorRunner.run(file, null, rec, 64 * 1024, true);
    dump.append(rec.dump());
    for (long target : new long[] {1_000_000, 3_000_000}) {
      SeekRun.Result run = SeekRun.seek(file, target);
      if (run == null) {
        dump.append("seek ").append(target).append(": not seekable\n");
        continue;
      }
      dump.append(String.format(Locale.ROOT, "seek %d: point %d @%d%n", target,
          run.point().timeUs(), run.point().position()));
      run.packets().packets().stream().limit(4).forEach(p ->
          dump.append("  ").append(p.toCsv()).append(',').append(Long.toHexString(p.crc32())).append('\n'));
    }
    Path golden = DUMPS.resolve(fixture + ".dump");
    if (Boolean.getBoolean("oolong.updateDumps")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, dump, StandardCharsets.UTF_8);
      return;
    }
    assertThat(golden).as("golden dump of %s (create it with -Doolong.updateDumps=true)", fixture).exists();
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    String expectedSource = expected.substring(0, expected.indexOf('\n'));
    Assumptions.assumeTrue(expectedSource.endsWith(sha), () -> fixture
        + " differs from the file the golden dump was made from (another ffmpeg build?): "
        + expectedSource);
    assertThat(dump.toString()).isEqualTo(expected);
  }
}
