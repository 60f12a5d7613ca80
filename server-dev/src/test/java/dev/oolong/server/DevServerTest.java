package dev.oolong.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** server-dev over real HTTP: ranges, types, headers, mounts, path safety. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevServerTest {
  @TempDir static Path tmp;
  static byte[] media;
  DevServer server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void start() throws Exception {
    Path web = Files.createDirectories(tmp.resolve("web"));
    Path dist = Files.createDirectories(tmp.resolve("dist"));
    Path testMedia = Files.createDirectories(tmp.resolve("test-media"));
    Path user = Files.createDirectories(tmp.resolve("user"));
    Files.writeString(web.resolve("index.html"), "<!doctype html><title>demo</title>");
    Files.write(dist.resolve("oolong-engine.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    media = new byte[100_000];
    new Random(7).nextBytes(media);
    for (String ext : new String[] {"mp4", "m3u8", "ts", "m4s", "webm", "flv", "mpd", "mp3", "aac", "flac", "ogg"}) {
      Files.write(testMedia.resolve("f." + ext), media);
    }
    Files.writeString(user.resolve("mine.mp4"), "user file");
    Files.writeString(user.resolve("name with space.mp4"), "spaced");
    Files.writeString(tmp.resolve("secret.txt"), "TOP SECRET");
    Files.createSymbolicLink(testMedia.resolve("escape.mp4"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(testMedia.resolve("alias.mp4"), testMedia.resolve("f.mp4"));
    server = DevServer.start(DevServer.Config.defaults().withHost("127.0.0.1").withPort(0)
        .withRequestLog(false).withRoots(web, dist, testMedia).withUserMedia(user));
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void wholeFileWithIsolationHeaders() throws Exception {
    HttpResponse<byte[]> r = get("/dist/oolong-engine.wasm");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/wasm");
    assertThat(r.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
    assertThat(r.headers().firstValue("Cross-Origin-Embedder-Policy")).hasValue("require-corp");
    assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(r.body()).hasSize(8);
  }

  @Test
  void singleRange() throws Exception {
    HttpResponse<byte[]> r = get("/test-media/f.mp4", "Range", "bytes=0-99");
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 0-99/100000");
    assertThat(r.body()).containsExactly(java.util.Arrays.copyOfRange(media, 0, 100));
  }

  @ParameterizedTest
  @CsvSource({"bytes=99990-, 99990, 99999", "bytes=-10, 99990, 99999", "bytes=500-500, 500, 500",
      "bytes=99000-200000, 99000, 99999"})
  void openSuffixAndClampedRanges(String range, int first, int last) throws Exception {
    HttpResponse<byte[]> r = get("/test-media/f.mp4", "Range", range);
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes " + first + "-" + last + "/100000");
    assertThat(r.body()).containsExactly(java.util.Arrays.copyOfRange(media, first, last + 1));
  }

  @Test
  void multipleRangesAreMultipartByteranges() throws Exception {
    HttpResponse<byte[]> r = get("/test-media/f.mp4", "Range", "bytes=0-9, 50-59, 5-12");
    assertThat(r.statusCode()).isEqualTo(206);
    String type = r.headers().firstValue("Content-Type").orElseThrow();
    assertThat(type).startsWith("multipart/byteranges; boundary=");
    String boundary = type.substring(type.indexOf('=') + 1);
    String body = new String(r.body(), StandardCharsets.ISO_8859_1);
    // 0-9 and 5-12 overlap: coalesced into 0-12; then 50-59.
    String[] parts = body.split("--" + boundary);
    assertThat(parts).hasSize(4);
    assertThat(parts[1]).contains("Content-Range: bytes 0-12/100000").contains("Content-Type: video/mp4");
    assertThat(parts[1].substring(parts[1].indexOf("\r\n\r\n") + 4, parts[1].length() - 2))
        .isEqualTo(new String(media, 0, 13, StandardCharsets.ISO_8859_1));
    assertThat(parts[2]).contains("Content-Range: bytes 50-59/100000");
    assertThat(parts[3]).isEqualTo("--\r\n");
    assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
  }

  @Test
  void unsatisfiableRangeIs416() throws Exception {
    HttpResponse<byte[]> r = get("/test-media/f.mp4", "Range", "bytes=100000-100010");
    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */100000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=9-5", "bytes=abc", "items=0-5", "bytes=-"})
  void invalidRangeHeadersAreIgnored(String range) throws Exception {
    HttpResponse<byte[]> r = get("/test-media/f.mp4", "Range", range);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).hasSize(media.length);
  }

  @Test
  void tooManyRangesAreIgnored() throws Exception {
    StringBuilder sb = new StringBuilder("bytes=");
    for (int i = 0; i < 40; i++) {
      sb.append(i == 0 ? "" : ",").append(i * 100).append('-').append(i * 100 + 1);
    }
    assertThat(get("/test-media/f.mp4", "Range", sb.toString()).statusCode()).isEqualTo(200);
  }

  @Test
  void ifRangeWithAStaleValidatorSendsTheWholeFile() throws Exception {
    String etag = get("/test-media/f.mp4").headers().firstValue("ETag").orElseThrow();
    assertThat(get("/test-media/f.mp4", "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
    assertThat(get("/test-media/f.mp4", "Range", "bytes=0-9", "If-Range", "W/\"old\"").statusCode()).isEqualTo(200);
    assertThat(get("/test-media/f.mp4", "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @ParameterizedTest
  @CsvSource({"mp4, video/mp4", "m3u8, application/vnd.apple.mpegurl", "ts, video/mp2t",
      "m4s, video/iso.segment", "webm, video/webm", "flv, video/x-flv", "mpd, application/dash+xml",
      "mp3, audio/mpeg", "aac, audio/aac", "flac, audio/flac", "ogg, audio/ogg"})
  void mediaTypes(String ext, String type) throws Exception {
    HttpResponse<byte[]> r = get("/test-media/f." + ext, "Range", "bytes=0-0");
    assertThat(r.headers().firstValue("Content-Type")).hasValue(type);
  }

  @Test
  void headSendsHeadersOnly() throws Exception {
    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/test-media/f.mp4"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(100_000);
  }

  @Test
  void corsOnMediaAndPreflight() throws Exception {
    HttpResponse<byte[]> r = get("/test-media/f.mp4", "Origin", "http://elsewhere.example", "Range", "bytes=0-1");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Content-Range");
    assertThat(r.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("cross-origin");
    HttpResponse<String> pre = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/test-media/f.mp4"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://elsewhere.example").header("Access-Control-Request-Headers", "range")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Range");
  }

  @Test
  void demoIndexAndUserMedia() throws Exception {
    assertThat(new String(get("/").body())).contains("<title>demo</title>");
    assertThat(new String(get("/media/mine.mp4").body())).isEqualTo("user file");
    assertThat(new String(get("/media/name%20with%20space.mp4").body())).isEqualTo("spaced");
    assertThat(get("/media").statusCode()).isEqualTo(301);
    assertThat(get("/media/absent.mp4").statusCode()).isEqualTo(404);
  }

  @Test
  void trafficCountsTheBytesSent() throws Exception {
    server.traffic().reset();
    get("/test-media/f.webm", "Range", "bytes=10-19");
    get("/test-media/f.webm", "Range", "bytes=0-99");
    assertThat(server.traffic().bytesSent("/test-media/f.webm")).isEqualTo(110);
    assertThat(server.traffic().requests("/test-media/f.webm")).isEqualTo(2);
  }

  @Test
  void symlinkInsideTheRootIsServed() throws Exception {
    assertThat(get("/test-media/alias.mp4").statusCode()).isEqualTo(200);
  }

  @Test
  void symlinkOutOfTheRootIsRefused() throws Exception {
    HttpResponse<byte[]> r = get("/test-media/escape.mp4");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new String(r.body())).doesNotContain("TOP SECRET");
  }

  /** Raw requests, so no client normalises the path before it reaches the server. */
  @ParameterizedTest
  @ValueSource(strings = {"/../secret.txt", "/test-media/../../secret.txt", "/test-media/%2e%2e/secret.txt",
      "/test-media/%2E%2E%2Fsecret.txt", "/test-media/..%2fsecret.txt", "/test-media/..%5csecret.txt",
      "/test-media/%252e%252e/secret.txt", "/media/..%2f..%2fsecret.txt", "/test-media/.%2e/secret.txt",
      "/test-media/%c0%ae%c0%ae/secret.txt", "/test-media/f.mp4%00.txt"})
  void pathTraversalIsRefused(String path) throws Exception {
    String response = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    int status = Integer.parseInt(response.substring(9, 12));
    assertThat(status).as(path).isIn(400, 403, 404);
    assertThat(response).doesNotContain("TOP SECRET");
  }

  @Test
  void isolationCanBeSwitchedOff() throws Exception {
    try (DevServer open = DevServer.start(DevServer.Config.defaults().withHost("127.0.0.1").withPort(0)
        .withRequestLog(false).withIsolation(false)
        .withRoots(tmp.resolve("web"), tmp.resolve("dist"), tmp.resolve("test-media")))) {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + open.port() + "/")).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Cross-Origin-Opener-Policy")).isEmpty();
      assertThat(r.headers().firstValue("Cross-Origin-Embedder-Policy")).isEmpty();
    }
  }

  @Test
  void gracefulShutdownFinishesTheRequestInFlight() throws Exception {
    Path big = Files.createDirectories(tmp.resolve("big"));
    byte[] data = new byte[32 * 1024 * 1024];
    new Random(1).nextBytes(data);
    Files.write(big.resolve("big.mp4"), data);
    DevServer s = DevServer.start(DevServer.Config.defaults().withHost("127.0.0.1").withPort(0)
        .withRequestLog(false).withRoots(big, big, big).withStopTimeoutMs(20_000));
    try (Socket socket = new Socket("127.0.0.1", s.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /big.mp4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes());
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] first = in.readNBytes(1024); // the response has started; most of it is unsent
      assertThat(new String(first, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
      Thread stopper = new Thread(() -> {
        try {
          s.stop();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      stopper.start();
      Thread.sleep(300);
      // stop() is waiting for the request in flight instead of cutting it off
      assertThat(stopper.isAlive()).isTrue();
      long rest = in.transferTo(OutputStream.nullOutputStream());
      stopper.join(30_000);
      assertThat(stopper.isAlive()).isFalse();
      assertThat(first.length + rest).isGreaterThan(data.length); // headers + the whole body
    }
    // After the stop, the port no longer accepts requests.
    assertThat(canConnect(s.port())).isFalse();
  }

  private static boolean canConnect(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
