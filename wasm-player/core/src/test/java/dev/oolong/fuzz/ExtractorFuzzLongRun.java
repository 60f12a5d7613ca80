package dev.oolong.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long fuzzing run (not part of the regular suite: the class name does not end in Test); it
 * runs last in {@code ./oolong bench}, or alone: {@code mvn -B -pl wasm-player/core test-compile
 * surefire:test@fuzz -Dtest=ExtractorFuzzLongRun} (the {@code fuzz} execution sets {@code
 * JAZZER_FUZZ=1}); findings are written next to the seeds.
 */
class ExtractorFuzzLongRun {
  @FuzzTest(maxDuration = "15m")
  void extractorsEndTyped(byte[] data) {
    ExtractorFuzzTest.check(data);
  }
}
