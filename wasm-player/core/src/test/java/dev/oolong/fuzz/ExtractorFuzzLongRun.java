package dev.oolong.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long fuzzing run (not part of the regular suite: the class name does not end in Test); it
 * runs last in {@code ./oolong bench}, or alone: {@code JAZZER_FUZZ=1 mvn -B -pl wasm-player/core
 * test -Dtest=ExtractorFuzzLongRun -Dsurefire.failIfNoSpecifiedTests=false}; findings are written
 * next to the seeds.
 */
class ExtractorFuzzLongRun {
  @FuzzTest(maxDuration = "15m")
  void extractorsEndTyped(byte[] data) {
    ExtractorFuzzTest.check(data);
  }
}
