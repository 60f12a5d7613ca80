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

  StaticFileHandler(List<Mount> mounts, Traffic traffic, boolean faults) {
    this.faults = faults;
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
        long dropAt = dropAt(fault, r.first(), r.length(), dropKey);
        writeBody(response, callback, head, sink, out -> copy(in, r.first(), r.length(), out, dropAt, rate));
        return;
      }
      if (result instanceof ByteRanges.Partial p) {
        serveMultipart(response, callback, in, p.ranges(), length, type, head, sink);
        return;
      }
      response.setStatus(200);
      headers.put(HttpHeader.CONTENT_TYPE, type);
      headers.put(HttpHeader.CONTENT_LENGTH, length);
      long dropAt = dropAt(fault, 0, length, dropKey);
      long whole = length;
      writeBody(response, callback, head, sink, out -> copy(in, 0, whole, out, dropAt, rate));
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

  private static void copy(RandomAccessFile in, long position, long length, OutputStream out)
      throws IOException {
    copy(in, position, length, out, -1, 0);
  }

  /**
   * Copies a range; with {@code dropAt} >= 0 the connection is cut when the body reaches it, with
   * {@code rate} > 0 the body goes at that many bytes per second.
   */
  private static void copy(RandomAccessFile in, long position, long length, OutputStream out,
      long dropAt, long rate) throws IOException {
    if (dropAt >= 0 && dropAt < position + length) {
      copyRange(in, position, dropAt - position, out, rate);
      out.flush();
      throw new IOException("fault injected: connection dropped at byte " + dropAt);
    }
    copyRange(in, position, length, out, rate);
  }

  private static void copyRange(RandomAccessFile in, long position, long length, OutputStream out,
      long rate) throws IOException {
    // Paced, the body goes in pieces of about 50 ms each, flushed as they go.
    int chunk = rate > 0 ? (int) Math.max(512, Math.min(CHUNK, rate / 20)) : CHUNK;
    byte[] buf = new byte[(int) Math.min(chunk, Math.max(1, length))];
    in.seek(position);
    long left = length;
    long sent = 0;
    long start = System.nanoTime();
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("file shrank while being served");
      }
      left -= n;
      sent += n;
      if (rate > 0) {
        // Each piece leaves when the link would have carried it all.
        long wait = start + sent * 1_000_000_000L / rate - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("paced body interrupted");
          }
        }
      }
      out.write(buf, 0, n);
      if (rate > 0) {
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
