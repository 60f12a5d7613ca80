package dev.oolong.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.oolong.ErrorCategory;
import dev.oolong.PlayerException;
import dev.oolong.extractor.CountingOutput;
import dev.oolong.extractor.Extractor;
import dev.oolong.extractor.Extractors;
import dev.oolong.extractor.FileExtractorRunner;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of every extractor (Jazzer). Byte 0 picks the extractor, byte 1 the
 * delivery chunk size (and, by its top bit, whether the length is known), the rest is the input.
 * Any outcome but success or a CONTAINER {@link PlayerException} raised by the parser's own
 * checks is a finding: an unexpected exception, a stack overflow, a hang (Jazzer's timeout) or an
 * out-of-memory from an allocation sized by the input.
 *
 * <p>The regular suite fuzzes for a fixed number of executions ({@code JAZZER_FUZZ=1} in the
 * surefire configuration of this module), so a loaded machine fuzzes as much as an idle one, only
 * slower. Seeds: the heads of every test media file, written by
 * scripts/gen-test-media.sh into build/test-media/fuzz-seeds (added as a test resource folder).
 * The long run is {@link ExtractorFuzzLongRun}, part of {@code ./oolong bench}.
 */
class ExtractorFuzzTest {
  static final List<String> NAMES =
      Extractors.all().stream().map(e -> e.getClass().getSimpleName()).toList();

  /**
   * A fixed amount of fuzzing (about 4 s on an idle machine here), whatever else the machine
   * does; the time cap only guards a stuck run. Depth is the long run's ({@code ./oolong bench}).
   */
  @FuzzTest(maxExecutions = 6_000, maxDuration = "90s")
  void extractorsEndTyped(byte[] data) {
    check(data);
  }

  /** One fuzz input. */
  static void check(byte[] data) {
    if (data.length < 2) {
      return;
    }
    int which = (data[0] & 0xFF) % NAMES.size();
    int chunk = 1 + (data[1] & 0x7F) * 37;
    boolean knownLength = (data[1] & 0x80) == 0;
    byte[] input = Arrays.copyOfRange(data, 2, data.length);
    Extractor extractor = Extractors.all().get(which);
    try {
      FileExtractorRunner.run(input, extractor, new CountingOutput(), chunk, knownLength);
    } catch (PlayerException e) {
      if (e.category() != ErrorCategory.CONTAINER) {
        throw new AssertionError("unexpected error category from " + NAMES.get(which) + ": " + e, e);
      }
      if (e.getMessage().startsWith("Unparseable input")) {
        throw new AssertionError(NAMES.get(which) + " failed outside its own checks: " + e, e);
      }
    }
  }
}
