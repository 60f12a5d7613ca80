package dev.oolong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** server-dev's fault switches over real HTTP: only with --faults, and exactly as documented. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {
  @TempDir static Path tmp;
  static byte[] media;
  DevServer faulty;
  DevServer normal;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void start() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("test-media"));
    media = new byte[200_000];
    new Random(3).nextBytes(media);
    Files.write(root.resolve("f.ts"), media);
    DevServer.Config c = DevServer.Config.defaults().withHost("127.0.0.1").withPort(0)
        .withRequestLog(false).withRoots(tmp.resolve("web"), tmp.resolve("dist"), root);
    faulty = DevServer.start(c.withFaults(true));
    normal = DevServer.start(c);
  }

  @AfterAll
  void stop() throws Exception {
    faulty.stop();
    normal.stop();
  }

  HttpResponse<byte[]> get(DevServer s, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void truncateServesAShorterFile() throws Exception {
    HttpResponse<byte[]> r = get(faulty, "/test-media/f.ts?fault=truncate:1000");
    assertThat(r.body()).isEqualTo(Arrays.copyOf(media, 1000));
    HttpResponse<byte[]> tail = get(faulty, "/test-media/f.ts?fault=truncate:1000", "Range", "bytes=900-");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 900-999/1000");
  }

  @Test
  void dropCutsTheConnectionOnceTheBodyReachesTheByte() throws Exception {
    assertThatThrownBy(() -> get(faulty, "/test-media/f.ts?fault=drop:50000")).isInstanceOf(IOException.class);
    // Once per URL: the resumed request is served whole.
    HttpResponse<byte[]> rest = get(faulty, "/test-media/f.ts?fault=drop:50000", "Range", "bytes=40000-");
    assertThat(rest.statusCode()).isEqualTo(206);
    assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(media, 40000, media.length));
    // A request that starts at or after the byte is never cut.
    HttpResponse<byte[]> after = get(faulty, "/test-media/f.ts?fault=drop:60000", "Range", "bytes=60000-");
    assertThat(after.body()).isEqualTo(Arrays.copyOfRange(media, 60000, media.length));
  }

  @Test
  void rateSendsTheBodyAtThatPace() throws Exception {
    long start = System.nanoTime();
    HttpResponse<byte[]> r = get(faulty, "/test-media/f.ts?rate=400000", "Range", "bytes=0-99999");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(r.body()).isEqualTo(Arrays.copyOf(media, 100_000));
    // 100 kB at 400 kB/s: a quarter of a second at least (never faster than asked).
    assertThat(seconds).isGreaterThanOrEqualTo(0.24);
    long t0 = System.nanoTime();
    assertThat(get(normal, "/test-media/f.ts?rate=1000").body()).as("ignored without the switch").isEqualTo(media);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10.0);
  }

  @Test
  void withoutTheSwitchFaultsAreIgnored() throws Exception {
    assertThat(get(normal, "/test-media/f.ts?fault=truncate:1000").body()).isEqualTo(media);
    assertThat(get(normal, "/test-media/f.ts?fault=drop:10").body()).isEqualTo(media);
  }
}
