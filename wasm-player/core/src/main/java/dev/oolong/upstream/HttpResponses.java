package dev.oolong.upstream;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;

/**
 * How an HTTP response to a {@link DataSpec} is interpreted, the same for every HTTP transport
 * (fetch in the worker, tests on the JVM): which statuses are accepted, what {@code
 * Content-Range} must say, and how many leading bytes to drop when a server ignores the range.
 */
public final class HttpResponses {

  /**
   * An accepted response.
   *
   * @param totalLength the whole resource's length, or {@link C#LENGTH_UNSET}
   * @param skipBytes leading body bytes to discard (a 200 answer to a range starting past 0)
   */
  public record Accepted(long totalLength, long skipBytes) {}

  private HttpResponses() {}

  /**
   * Interprets a response's status line and headers.
   *
   * @param contentRange the {@code Content-Range} header, or null
   * @param contentLength the {@code Content-Length} header's value, or -1
   * @throws PlayerException NETWORK_BAD_HTTP_STATUS or NETWORK_BAD_RANGE
   */
  public static Accepted accept(DataSpec spec, int status, String contentRange, long contentLength)
      throws PlayerException {
    if (status == 206) {
      long[] range = parseContentRange(contentRange);
      if (range == null || range[0] != spec.position()) {
        throw PlayerException.critical(ErrorCode.NETWORK_BAD_RANGE,
            "The server answered " + spec.rangeHeader() + " with Content-Range " + contentRange,
            "url", spec.uri(), "requested", spec.rangeHeader(), "contentRange", contentRange);
      }
      return new Accepted(range[2], 0);
    }
    if (status == 200) {
      // The server ignored the range: the body is the whole resource.
      return new Accepted(contentLength >= 0 ? contentLength : C.LENGTH_UNSET, spec.position());
    }
    if (status == 416) {
      throw PlayerException.critical(ErrorCode.NETWORK_BAD_RANGE,
          "The server refused the range " + spec.rangeHeader(),
          "url", spec.uri(), "requested", spec.rangeHeader(), "contentRange", contentRange);
    }
    throw PlayerException.critical(ErrorCode.NETWORK_BAD_HTTP_STATUS,
        "HTTP " + status + " for " + spec.uri(), "url", spec.uri(), "status", status);
  }

  /**
   * Parses {@code bytes first-last/total} (total may be {@code *}).
   *
   * @return {first, last, total or LENGTH_UNSET}, or null when malformed
   */
  public static long[] parseContentRange(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (!h.regionMatches(true, 0, "bytes ", 0, 6)) {
      return null;
    }
    int dash = h.indexOf('-', 6);
    int slash = h.indexOf('/', 6);
    if (dash < 0 || slash < dash) {
      return null;
    }
    try {
      long first = Long.parseLong(h.substring(6, dash).trim());
      long last = Long.parseLong(h.substring(dash + 1, slash).trim());
      String t = h.substring(slash + 1).trim();
      long total = "*".equals(t) ? C.LENGTH_UNSET : Long.parseLong(t);
      if (first < 0 || last < first || (total != C.LENGTH_UNSET && last >= total)) {
        return null;
      }
      return new long[] {first, last, total};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
