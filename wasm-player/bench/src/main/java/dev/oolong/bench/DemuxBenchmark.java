package dev.oolong.bench;

import dev.oolong.PlayerException;
import dev.oolong.extractor.CountingOutput;
import dev.oolong.extractor.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Demux throughput per container on the JVM: one extraction of a fixture held in memory, the
 * exact work the wasm engine's {@code DEMUX_BENCHMARK} message times in the browser
 * ({@link Diagnostics#extractOnce}). MB/s = file size / score.
 *
 * <p>{@code java -Doolong.testMedia=build/test-media -jar wasm-player/bench/target/benchmarks.jar
 * DemuxBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DemuxBenchmark {
  @Param({"mp4/h264-aac-moov-first.mp4", "mp4/h264-aac-fragmented.mp4", "ts/h264-aac.ts",
      "flv/h264-aac.flv", "webm/vp9-opus.webm", "audio/opus.ogg", "audio/tone.flac",
      "audio/tone.aac", "audio/tone.mp3", "audio/vorbis.ogg", "mkv/h264-aac.mkvmerge.mkv",
      "mp4/h264-aac-cenc.mp4"})
  public String fixture;

  private byte[] data;

  @Setup
  public void load() throws IOException {
    Path media = Path.of(System.getProperty("oolong.testMedia", "build/test-media"));
    data = Files.readAllBytes(media.resolve(fixture));
    System.out.println("\n" + fixture + ": " + data.length + " bytes");
  }

  @Benchmark
  public CountingOutput extract() throws PlayerException {
    return Diagnostics.extractOnce(data);
  }
}
