package dev.oolong.server;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /_shaping} (with {@code --faults}): {@code GET} lists the rules and the bandwidth
 * profiles, {@code POST ?path=/prefix/&trace=NAME|rate=N&latency=MS&status=N&truncate=N&stall=N}
 * sets the rule for a prefix (replacing it), {@code DELETE ?path=/prefix/} clears one and {@code
 * DELETE} all. See {@link Shaping}.
 */
final class ShapingHandler extends Handler.Abstract {
  static final String PATH = "/_shaping";

  private final Shaping shaping;

  ShapingHandler(Shaping shaping) {
    this.shaping = shaping;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!PATH.equals(request.getHttpURI().getPath())) {
      return false;
    }
    Map<String, String> q = query(request.getHttpURI().getQuery());
    switch (request.getMethod()) {
      case "GET" -> {
        StringBuilder b = new StringBuilder("{\"rules\":[");
        for (Shaping.Rule r : shaping.all()) {
          b.append(b.charAt(b.length() - 1) == '[' ? "" : ",").append(r.describe());
        }
        b.append("],\"traces\":[");
        for (String n : BandwidthTrace.NAMES) {
          b.append(b.charAt(b.length() - 1) == '[' ? "" : ",").append('"').append(n).append('"');
        }
        b.append("]}\n");
        send(response, callback, 200, "application/json", b.toString());
      }
      case "POST" -> {
        try {
          Shaping.Rule r = rule(q);
          shaping.set(r);
          send(response, callback, 200, "application/json", r.describe() + "\n");
        } catch (IllegalArgumentException | IOException e) {
          send(response, callback, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
        }
      }
      case "DELETE" -> {
        shaping.clear(q.get("path"));
        send(response, callback, 200, "text/plain; charset=utf-8", "cleared\n");
      }
      default -> send(response, callback, 405, "text/plain; charset=utf-8", "GET, POST or DELETE\n");
    }
    return true;
  }

  private static Shaping.Rule rule(Map<String, String> q) throws IOException {
    String prefix = q.get("path");
    if (prefix == null || !prefix.startsWith("/")) {
      throw new IllegalArgumentException("path=/prefix/ is required");
    }
    BandwidthTrace trace = null;
    if (q.containsKey("trace")) {
      trace = BandwidthTrace.named(q.get("trace"));
      if (trace == null) {
        throw new IllegalArgumentException("no trace " + q.get("trace") + "; there are " + BandwidthTrace.NAMES);
      }
    } else if (q.containsKey("rate")) {
      trace = BandwidthTrace.constant(number(q, "rate", 1, 1L << 40));
    }
    int status = (int) number(q, "status", 0, 599);
    if (status != 0 && status < 400) {
      throw new IllegalArgumentException("status must be an HTTP error (400-599)");
    }
    return new Shaping.Rule(prefix, trace == null ? null : new Shaping.Link(trace), number(q, "latency", 0, 600_000),
        status, number(q, "truncate", -1, Long.MAX_VALUE), number(q, "stall", -1, Long.MAX_VALUE));
  }

  private static long number(Map<String, String> q, String name, long min, long max) {
    String v = q.get(name);
    if (v == null) {
      return min < 0 ? -1 : 0;
    }
    try {
      long n = Long.parseLong(v);
      if (n < Math.max(min, 0) || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + v + " is not a number from " + Math.max(min, 0) + " to " + max);
    }
  }

  private static Map<String, String> query(String query) {
    Map<String, String> out = new HashMap<>();
    if (query == null) {
      return out;
    }
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static void send(Response response, Callback callback, int status, String type, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put("Content-Type", type);
    response.getHeaders().put("Content-Length", b.length);
    response.getHeaders().put("Cache-Control", "no-store");
    response.write(true, java.nio.ByteBuffer.wrap(b), callback);
  }
}
