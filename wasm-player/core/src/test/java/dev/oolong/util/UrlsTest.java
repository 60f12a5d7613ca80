package dev.oolong.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Urls#resolve} against RFC 3986's examples (section 5.4) and {@code java.net.URI}. */
class UrlsTest {
  static final String BASE = "http://a/b/c/d;p?q";

  @ParameterizedTest
  @ValueSource(strings = {"g:h=g:h", "g=http://a/b/c/g", "./g=http://a/b/c/g", "g/=http://a/b/c/g/",
      "/g=http://a/g", "//g=http://g", "?y=http://a/b/c/d;p?y", "g?y=http://a/b/c/g?y", "#s=http://a/b/c/d;p?q#s",
      "g#s=http://a/b/c/g#s", "g?y#s=http://a/b/c/g?y#s", ";x=http://a/b/c/;x", "g;x=http://a/b/c/g;x",
      "=http://a/b/c/d;p?q", ".=http://a/b/c/", "./=http://a/b/c/", "..=http://a/b/", "../=http://a/b/",
      "../g=http://a/b/g", "../..=http://a/", "../../=http://a/", "../../g=http://a/g",
      "../../../g=http://a/g", "../../../../g=http://a/g", "/./g=http://a/g", "/../g=http://a/g",
      "g.=http://a/b/c/g.", ".g=http://a/b/c/.g", "g..=http://a/b/c/g..", "..g=http://a/b/c/..g",
      "./../g=http://a/b/g", "./g/.=http://a/b/c/g/", "g/./h=http://a/b/c/g/h", "g/../h=http://a/b/c/h",
      "g;x=1/./y=http://a/b/c/g;x=1/y", "g;x=1/../y=http://a/b/c/y"})
  void rfc3986Examples(String pair) {
    int eq = pair.indexOf("=http");
    if (eq < 0) {
      eq = pair.lastIndexOf('=');
    }
    String ref = pair.substring(0, eq);
    String expected = pair.substring(eq + 1);
    assertThat(Urls.resolve(BASE, ref)).as(ref).isEqualTo(expected);
  }

  /**
   * ({@code ?query} alone is left out: {@code java.net.URI} follows RFC 2396 there and drops the
   * last path segment; RFC 3986 and browsers keep it, as the examples above check.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"seg1.ts", "../keys/k.bin", "/abs/path.m3u8?x=1", "https://cdn.example.net/a/b.ts",
      "sub/dir/../x.m4s", "part.mp4#frag", "//other.host/p.ts", "a%20b.ts"})
  void agreesWithJavaNetUri(String ref) {
    for (String base : new String[] {"https://example.com/live/v1/prog.m3u8?token=1",
        "http://127.0.0.1:8080/hls/master.m3u8", "https://example.com/a/b/"}) {
      assertThat(Urls.resolve(base, ref)).as("%s against %s", ref, base)
          .isEqualTo(URI.create(base).resolve(URI.create(ref)).toString());
    }
  }
}
