package dev.oolong.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long fuzzing run of the HLS playlist parser (not part of the regular suite); it runs in
 * {@code ./oolong bench}, or alone: {@code mvn -B -pl wasm-player/core test-compile
 * surefire:test@fuzz -Dtest=PlaylistFuzzLongRun}. Findings are written next to the seeds
 * ({@code PlaylistFuzzLongRunInputs}); keep them as seeds of {@link PlaylistFuzzTest}.
 */
class PlaylistFuzzLongRun {
  @FuzzTest(maxDuration = "5m")
  void playlistsEndTyped(byte[] data) {
    PlaylistFuzzTest.check(data);
  }
}
