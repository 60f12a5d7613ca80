package dev.oolong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network shaping over real HTTP: rules set through {@code /_shaping}, measured by a client's
 * wall clock (lower bounds only: a loaded machine is slower, never faster).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShapingTest {
  @TempDir static Path tmp;
  static byte[] media;
  DevServer server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void start() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("test-media"));
    media = new byte[100_000];
    new Random(5).nextBytes(media);
    Files.write(root.resolve("a.ts"), media);
    Files.write(root.resolve("b.ts"), media);
    server = DevServer.start(DevServer.Config.defaults().withHost("127.0.0.1").withPort(0).withRequestLog(false)
        .withRoots(tmp.resolve("web"), tmp.resolve("dist"), root).withFaults(true));
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
  }

  @AfterEach
  void clear() throws Exception {
    send("DELETE", "/_shaping");
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aRateIsSharedByEveryResponseUnderThePrefixAsOneLink() throws Exception {
    assertThat(send("POST", "/_shaping?path=/test-media/&rate=200000").statusCode()).isEqualTo(200);
    long t0 = System.nanoTime();
    HttpResponse<byte[]> one = get("/test-media/a.ts");
    double alone = (System.nanoTime() - t0) / 1e9;
    assertThat(one.body()).isEqualTo(media);
    assertThat(alone).as("100 kB at 200 kB/s").isGreaterThanOrEqualTo(0.45);
    t0 = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> a = http.sendAsync(HttpRequest.newBuilder(uri("/test-media/a.ts")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    CompletableFuture<HttpResponse<byte[]>> b = http.sendAsync(HttpRequest.newBuilder(uri("/test-media/b.ts")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(a.get().body()).isEqualTo(media);
    assertThat(b.get().body()).isEqualTo(media);
    assertThat((System.nanoTime() - t0) / 1e9).as("two bodies share the link").isGreaterThanOrEqualTo(0.9);
    // Other paths are not shaped
    assertThat(send("GET", "/_shaping").body()).contains("\"path\":\"/test-media/\"", "step-down", "cellular-4g");
  }

  @Test
  void aTraceSetsTheBandwidthOverTime() throws Exception {
    // step-up: 600 kbps (75 kB/s) for its first 10 s: 100 kB takes at least 1.3 s
    assertThat(send("POST", "/_shaping?path=/test-media/a.ts&trace=step-up").statusCode()).isEqualTo(200);
    long t0 = System.nanoTime();
    assertThat(get("/test-media/a.ts").body()).isEqualTo(media);
    assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(1.3);
    // The longest prefix wins: b.ts is not under the rule
    t0 = System.nanoTime();
    get("/test-media/b.ts");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(1.3);
  }

  @Test
  void latencyStatusTruncationAndStall() throws Exception {
    send("POST", "/_shaping?path=/test-media/&latency=400");
    long t0 = System.nanoTime();
    get("/test-media/a.ts");
    assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(0.4);

    send("POST", "/_shaping?path=/test-media/&status=503");
    HttpResponse<byte[]> r = get("/test-media/a.ts");
    assertThat(r.statusCode()).isEqualTo(503);

    send("POST", "/_shaping?path=/test-media/&truncate=30000");
    assertThatThrownBy(() -> get("/test-media/a.ts")).as("the announced length is not reached")
        .isInstanceOf(IOException.class);
    // What came before the cut is the file's start
    HttpResponse<InputStream> streamed = http.send(HttpRequest.newBuilder(uri("/test-media/a.ts")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(streamed.headers().firstValueAsLong("content-length").orElse(-1)).isEqualTo(media.length);
    byte[] got = readUntilBroken(streamed.body());
    assertThat(got).isEqualTo(Arrays.copyOf(media, 30_000));

    send("POST", "/_shaping?path=/test-media/&stall=20000");
    HttpClient impatient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> stalled = impatient.send(HttpRequest.newBuilder(uri("/test-media/a.ts"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
    InputStream in = stalled.body();
    byte[] first = in.readNBytes(20_000);
    assertThat(first).isEqualTo(Arrays.copyOf(media, 20_000));
    CompletableFuture<Integer> more = CompletableFuture.supplyAsync(() -> {
      try {
        return in.read();
      } catch (IOException e) {
        return -2;
      }
    });
    Thread.sleep(1000);
    assertThat(more).as("nothing after the stall point").isNotDone();
    in.close();
  }

  @Test
  void badRulesAreRefused() throws Exception {
    assertThat(send("POST", "/_shaping?trace=step-up").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/_shaping?path=/x/&trace=nope").body()).contains("no trace nope");
    assertThat(send("POST", "/_shaping?path=/x/&status=200").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/_shaping?path=/x/&rate=-5").statusCode()).isEqualTo(400);
  }

  @Test
  void everyShippedTraceParses() throws Exception {
    for (String name : BandwidthTrace.NAMES) {
      BandwidthTrace t = BandwidthTrace.named(name);
      assertThat(t.bitsPerSecondAt(0)).isPositive();
      assertThat(t.bitsPerSecondAt(30)).as("%s loops at 30 s", name).isEqualTo(t.bitsPerSecondAt(0));
    }
    assertThat(BandwidthTrace.named("step-down").bitsPerSecondAt(15)).isEqualTo(1_500_000);
  }

  private static byte[] readUntilBroken(InputStream in) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      // the connection broke, as asked
    }
    return out.toByteArray();
  }

  @Test
  void aRuleIsDescribedAsJsonWhateverItsPath() throws Exception {
    Shaping.Rule r = new Shaping.Rule("/a\"b\\c\n/", null, 0, 503, -1, -1);
    assertThat(r.describe()).isEqualTo("{\"path\":\"/a\\\"b\\\\c\\u000a/\",\"bandwidth\":null,\"latencyMs\":0,"
        + "\"status\":503,\"truncate\":-1,\"stall\":-1}");
  }
}
