package dev.oolong.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.upstream.ByteArrayDataSource;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DeferredDataSource;
import dev.oolong.upstream.FileDataSource;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Extraction over a DataSource (what the engine does in the browser) equals the file runner. */
class ExtractionLoaderTest {

  static Stream<String> fixtures() throws Exception {
    return ExtractorFfprobeTest.fixtures();
  }

  /** Counts the ends and keeps the error. */
  static final class Result implements ExtractionLoader.Callback {
    int ends;
    PlayerException error;

    @Override
    public void onEnd() {
      ends++;
    }

    @Override
    public void onError(PlayerException e) {
      error = e;
    }
  }

  static String load(DataSource source, String uri, Runnable drive) {
    PacketRecorder rec = new PacketRecorder();
    Result r = new Result();
    new ExtractionLoader(source, uri, rec, r).start();
    drive.run();
    assertThat(r.error).isNull();
    assertThat(r.ends).isEqualTo(1);
    return rec.dump();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void synchronousAndDeferredSourcesGiveTheFileRunnersPackets(String fixture) throws Exception {
    PacketRecorder reference = new PacketRecorder();
    FileExtractorRunner.run(TestMedia.file(fixture), reference, 1 << 16, true);
    String path = TestMedia.file(fixture).toString();
    assertThat(load(new FileDataSource(), path, () -> { })).isEqualTo(reference.dump());
    DeferredDataSource deferred = new DeferredDataSource(new FileDataSource());
    assertThat(load(deferred, path, deferred::runAll)).isEqualTo(reference.dump());
    byte[] bytes = Files.readAllBytes(TestMedia.file(fixture));
    assertThat(load(new ByteArrayDataSource(bytes, 1500), "mem", () -> { })).isEqualTo(reference.dump());
  }

  @Test
  void unknownBytesAreUnrecognized() {
    Result r = new Result();
    new ExtractionLoader(new ByteArrayDataSource(new byte[4096], 100), "zeros", new CountingOutput(), r).start();
    assertThat(r.error.errorCode()).isEqualTo(ErrorCode.CONTAINER_UNRECOGNIZED);
    assertThat(r.ends).isZero();
  }
}
