package dev.oolong.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The pipeline's long fuzzing run (not in the regular suite: the class name does not end in
 * Test); part of {@code ./oolong bench}, or alone: {@code mvn -B -pl mse-fallback test-compile
 * surefire:test@fuzz -Dtest=PipelineFuzzLongRun}.
 */
class PipelineFuzzLongRun {
  @FuzzTest(maxDuration = "5m")
  void pipelineEndsTypedAndRemuxesMonotonic(byte[] data) {
    PipelineFuzzTest.check(data);
  }
}
