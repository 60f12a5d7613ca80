package dev.oolong.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves files from folders mounted under URL prefixes, with single and multiple byte ranges
 * (206, {@code Content-Range}, {@code multipart/byteranges}, 416), {@code HEAD}, validators
 * ({@code ETag}, {@code Last-Modified}, {@code If-None-Match}, {@code If-Range}) and content
 * types for media. Paths are resolved by {@link SafePaths}.
 */
final class StaticFileHandler extends Handler.Abstract {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final int CHUNK = 64 * 1024;

  /** A folder served under a URL prefix ("/" or "/name/"). */
  record Mount(String prefix, Path root) {}

  private final List<Mount> mounts;
  private final Traffic traffic;

  private final boolean faults;
  /** Drop faults already done: each URL (with its query) has its connection cut once. */
  private final java.util.Set<String> dropped = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Network shaping rules (with {@code --faults}), or null. */
  private final Shaping shaping;

  StaticFileHandler(List<Mount> mounts, Traffic traffic, boolean faults, Shaping shaping) {
    this.faults = faults;
    this.shaping = shaping;
    this.traffic = traffic;
    // Longest prefix first, so /media/ wins over /.
    List<Mount> sorted = new ArrayList<>(mounts);
    sorted.sort((a, b) -> b.prefix().length() - a.prefix().length());
    this.mounts = List.copyOf(sorted);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      return false;
    }
    String rawPath = request.getHttpURI().getPath();
    if (rawPath == null) {
      return false;
    }
    for (Mount m : mounts) {
      String bare = m.prefix().substring(0, m.prefix().length() - 1);
      if (!rawPath.startsWith(m.prefix()) && !(bare.length() > 0 && rawPath.equals(bare))) {
        continue;
      }
      if (rawPath.equals(bare)) {
        redirect(response, callback, m.prefix());
        return true;
      }
      Path file = SafePaths.resolve(m.root(), rawPath.substring(m.prefix().length()));
      if (file != null && Files.isDirectory(file)) {
        if (!rawPath.endsWith("/")) {
          redirect(response, callback, rawPath + "/");
          return true;
        }
        file = file.resolve("index.html");
      }
      if (file == null || !Files.isRegularFile(file)) {
        sendText(response, callback, 404, "Not found\n", head);
        return true;
      }
      traffic.request(rawPath);
      serve(request, response, callback, file, head, rawPath);
      return true;
    }
    return false;
  }

  private void serve(Request request, Response response, Callback callback, Path file, boolean head,
      String rawPath) throws IOException {
    long length = Files.size(file);
    Fault fault = faults ? Fault.of(request.getHttpURI().getQuery()) : null;
    long rate = faults ? rateOf(request.getHttpURI().getQuery()) : 0;
    Shaping.Rule rule = shaping == null ? null : shaping.match(rawPath);
    if (rule != null && rule.latencyMs() > 0) {
      Shaping.sleepUntil(System.nanoTime() + rule.latencyMs() * 1_000_000);
    }
    if (rule != null && rule.status() > 0) {
      sendText(response, callback, rule.status(), "Shaped: answered " + rule.status() + " (/_shaping)\n", head);
      return;
    }
    Pacing pacing = rule != null ? new Pacing(rule.link(), 4096, rule.truncateAt(), rule.stallAt(), shaping)
        : rate > 0 ? new Pacing(new Shaping.Link(BandwidthTrace.constant(rate)),
            (int) Math.max(512, Math.min(CHUNK, rate / 20)), -1, -1, null)
        : Pacing.NONE;
    String dropKey = rawPath + "?" + request.getHttpURI().getQuery();
    if (fault != null && fault.truncate()) {
      length = Math.min(length, fault.at()); // the file as if it had been cut there
    }
    BodySink counting = out -> new CountingOutputStream(out, n -> traffic.bytes(rawPath, n));
    BodySink sink = counting;
    long modified = Files.getLastModifiedTime(file).toMillis();
    String etag = "W/\"" + Long.toHexString(length) + "-" + Long.toHexString(modified) + "\"";
    String type = MimeTypes.of(file.getFileName().toString());
    var headers = response.getHeaders();
    headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
    headers.put(HttpHeader.ETAG, etag);
    headers.put(HttpHeader.LAST_MODIFIED, HTTP_DATE.format(Instant.ofEpochMilli(modified)));
    headers.put(HttpHeader.CACHE_CONTROL, "no-cache");

    String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
      response.setStatus(304);
      callback.succeeded();
      return;
    }
    String range = request.getHeaders().get(HttpHeader.RANGE);
    String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
    if (range != null && ifRange != null && !ifRange.trim().equals(etag)) {
      range = null; // the client's copy is stale: send it the whole new resource
    }
    ByteRanges.Result result = ByteRanges.parse(range, length);
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      if (result instanceof ByteRanges.Unsatisfiable) {
        headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + length);
        sendText(response, callback, 416, "Range not satisfiable\n", head);
        return;
      }
      if (result instanceof ByteRanges.Partial p && p.ranges().size() == 1) {
        ByteRanges.Range r = p.ranges().get(0);
        response.setStatus(206);
        headers.put(HttpHeader.CONTENT_TYPE, type);
        headers.put(HttpHeader.CONTENT_RANGE, r.contentRange(length));
        headers.put(HttpHeader.CONTENT_LENGTH, r.length());
        long dropAt = pacing.dropAt(r.first(), r.length(), dropAt(fault, r.first(), r.length(), dropKey));
        writeBody(response, callback, head, sink, out -> copy(in, r.first(), r.length(), out, dropAt, pacing));
        return;
      }
      if (result instanceof ByteRanges.Partial p) {
        serveMultipart(response, callback, in, p.ranges(), length, type, head, sink);
        return;
      }
      response.setStatus(200);
      headers.put(HttpHeader.CONTENT_TYPE, type);
      headers.put(HttpHeader.CONTENT_LENGTH, length);
      long whole = length;
      long dropAt = pacing.dropAt(0, whole, dropAt(fault, 0, length, dropKey));
      writeBody(response, callback, head, sink, out -> copy(in, 0, whole, out, dropAt, pacing));
    }
  }

  private void serveMultipart(Response response, Callback callback, RandomAccessFile in,
      List<ByteRanges.Range> ranges, long length, String type, boolean head, BodySink sink)
      throws IOException {
    String boundary = "oolong-" + Long.toHexString(System.nanoTime());
    List<byte[]> partHeaders = new ArrayList<>();
    long total = 0;
    for (ByteRanges.Range r : ranges) {
      byte[] h = ("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: "
          + r.contentRange(length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      partHeaders.add(h);
      total += h.length + r.length();
    }
    byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    total += end.length;
    response.setStatus(206);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "multipart/byteranges; boundary=" + boundary);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, total);
    writeBody(response, callback, head, sink, out -> {
      for (int i = 0; i < ranges.size(); i++) {
        out.write(partHeaders.get(i));
        copy(in, ranges.get(i).first(), ranges.get(i).length(), out);
      }
      out.write(end);
    });
  }

  private interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Wraps the response stream (to count what is sent). */
  private interface BodySink {
    OutputStream wrap(OutputStream out);
  }

  private static void writeBody(Response response, Callback callback, boolean head, BodySink sink,
      BodyWriter body) {
    if (head) {
      callback.succeeded();
      return;
    }
    try (OutputStream out = sink.wrap(Content.Sink.asOutputStream(response))) {
      body.write(out);
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  /** A fault asked for in the query ({@code fault=truncate:N} or {@code fault=drop:N}). */
  record Fault(boolean truncate, long at) {
    static Fault of(String query) {
      if (query == null) {
        return null;
      }
      for (String part : query.split("&")) {
        if (part.startsWith("fault=")) {
          String[] f = part.substring(6).split(":");
          if (f.length == 2 && (f[0].equals("truncate") || f[0].equals("drop")) && f[1].matches("[0-9]{1,15}")) {
            return new Fault(f[0].equals("truncate"), Long.parseLong(f[1]));
          }
        }
      }
      return null;
    }
  }

  /**
   * Where a body of {@code length} bytes from {@code first} is cut by a drop fault, or -1: only
   * if it spans the byte, and only the first time for this URL.
   */
  private long dropAt(Fault fault, long first, long length, String key) {
    boolean spans = fault != null && !fault.truncate() && first < fault.at()
        && first + length > fault.at();
    return spans && dropped.add(key) ? fault.at() : -1;
  }

  /**
   * The body's pace asked for in the query ({@code rate=N}: N bytes per second, a slow network),
   * or 0 for as fast as the connection takes it.
   */
  static long rateOf(String query) {
    if (query == null) {
      return 0;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("rate=") && part.substring(5).matches("[1-9][0-9]{0,11}")) {
        return Long.parseLong(part.substring(5));
      }
    }
    return 0;
  }

  /**
   * How a body goes out: through a link (the {@code rate=N} query's own, or a shaping rule's
   * shared one) in pieces of {@code chunk} bytes, cut after {@code truncateAt} body bytes, or
   * stalled after {@code stallAt} (-1: not).
   */
  private record Pacing(Shaping.Link link, int chunk, long truncateAt, long stallAt, Shaping shaping) {
    static final Pacing NONE = new Pacing(null, CHUNK, -1, -1, null);

    /** Where a body of {@code length} bytes from {@code first} is cut: the earlier of a drop fault and truncation. */
    long dropAt(long first, long length, long faultDropAt) {
      long truncated = truncateAt >= 0 && truncateAt < length ? first + truncateAt : -1;
      return faultDropAt < 0 ? truncated : truncated < 0 ? faultDropAt : Math.min(truncated, faultDropAt);
    }
  }

  private static void copy(RandomAccessFile in, long position, long length, OutputStream out)
      throws IOException {
    copy(in, position, length, out, -1, Pacing.NONE);
  }

  /**
   * Copies a range; with {@code dropAt} >= 0 the connection is cut when the body reaches it; paced
   * and stalled as {@code pacing} says.
   */
  private static void copy(RandomAccessFile in, long position, long length, OutputStream out,
      long dropAt, Pacing pacing) throws IOException {
    if (dropAt >= 0 && dropAt < position + length) {
      copyRange(in, position, dropAt - position, out, pacing);
      out.flush();
      throw new IOException("fault injected: connection dropped at byte " + dropAt);
    }
    copyRange(in, position, length, out, pacing);
  }

  private static void copyRange(RandomAccessFile in, long position, long length, OutputStream out,
      Pacing pacing) throws IOException {
    // Paced, the body goes in pieces, each when the link would have carried it, flushed as they go.
    byte[] buf = new byte[(int) Math.min(pacing.chunk(), Math.max(1, length))];
    in.seek(position);
    long left = length;
    long sent = 0;
    while (left > 0) {
      int want = (int) Math.min(buf.length, left);
      if (pacing.stallAt() >= 0) {
        if (sent >= pacing.stallAt()) {
          out.flush();
          pacing.shaping().hold(Shaping.STALL_MAX_MS);
          throw new IOException("shaped: stalled body closed (after " + Shaping.STALL_MAX_MS + " ms or the server's stop)");
        }
        want = (int) Math.min(want, pacing.stallAt() - sent);
      }
      int n = in.read(buf, 0, want);
      if (n < 0) {
        throw new IOException("file shrank while being served");
      }
      left -= n;
      sent += n;
      if (pacing.link() != null) {
        pacing.link().carry(n);
      }
      out.write(buf, 0, n);
      if (pacing.link() != null || pacing.stallAt() >= 0) {
        out.flush();
      }
    }
  }

  private static void redirect(Response response, Callback callback, String location) {
    response.setStatus(301);
    response.getHeaders().put(HttpHeader.LOCATION, location);
    callback.succeeded();
  }

  static void sendText(Response response, Callback callback, int status, String text, boolean head) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    writeBody(response, callback, head, out -> out, out -> out.write(body));
  }
}
