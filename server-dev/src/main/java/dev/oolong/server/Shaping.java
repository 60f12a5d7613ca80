package dev.oolong.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Network shaping per request path (with {@code --faults}): rules set and cleared over HTTP
 * ({@link ShapingHandler}, from a test or the demo), each for the paths under a prefix (the
 * longest matching prefix applies):
 *
 * <ul>
 *   <li>a bandwidth ({@code trace=NAME} of {@link BandwidthTrace#NAMES}, or {@code rate=N}
 *       bytes per second), shared by every response under the prefix as one link would be,
 *       the trace's clock starting when the rule is set;
 *   <li>{@code latency=MS} before each response;
 *   <li>{@code status=N}: every request answered with that HTTP status;
 *   <li>{@code truncate=N}: the body ends after N bytes, its announced length unchanged (a broken
 *       connection, every time);
 *   <li>{@code stall=N}: the body stops after N bytes and nothing more comes (until the client
 *       gives up, or {@link #STALL_MAX_MS}).
 * </ul>
 */
final class Shaping {
  /** The longest a stalled body is held before the connection closes (ms). */
  static final long STALL_MAX_MS = 120_000;

  /** One rule; its link is shared by the responses under it. */
  record Rule(String prefix, Link link, long latencyMs, int status, long truncateAt, long stallAt) {
    String describe() {
      return "{\"path\":" + json(prefix) + ",\"bandwidth\":" + (link == null ? "null" : json(link.trace.name()))
          + ",\"latencyMs\":" + latencyMs + ",\"status\":" + status + ",\"truncate\":" + truncateAt
          + ",\"stall\":" + stallAt + "}";
    }

    /** {@code s} as a JSON string (the path prefix is the client's: quotes and controls escaped). */
    private static String json(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c < 0x20) {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      return b.append('"').toString();
    }
  }

  /** A link that carries bytes one after another at its trace's bandwidth. */
  static final class Link {
    private final BandwidthTrace trace;
    private final long startNanos = System.nanoTime();
    private long busyUntilNanos = startNanos;

    Link(BandwidthTrace trace) {
      this.trace = trace;
    }

    /** Waits until {@code bytes} more have crossed the link after what it carries already. */
    void carry(int bytes) throws IOException {
      long until;
      synchronized (this) {
        long now = System.nanoTime();
        long from = Math.max(now, busyUntilNanos);
        double bps = trace.bitsPerSecondAt((from - startNanos) / 1e9);
        busyUntilNanos = from + (long) (bytes * 8e9 / bps);
        until = busyUntilNanos;
      }
      sleepUntil(until);
    }
  }

  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private boolean closed;

  /** Holds a stalled body for up to {@code ms}, or until the server stops. */
  synchronized void hold(long ms) throws IOException {
    long end = System.nanoTime() + ms * 1_000_000;
    try {
      while (!closed && System.nanoTime() < end) {
        wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stalled body interrupted");
    }
  }

  /** The server stops: stalled bodies end now. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  synchronized void set(Rule rule) {
    rules.put(rule.prefix(), rule);
  }

  synchronized void clear(String prefix) {
    if (prefix == null) {
      rules.clear();
    } else {
      rules.remove(prefix);
    }
  }

  synchronized List<Rule> all() {
    return new ArrayList<>(rules.values());
  }

  /** The rule for {@code path}: the longest prefix that matches, or null. */
  synchronized Rule match(String path) {
    Rule best = null;
    for (Rule r : rules.values()) {
      if (path.startsWith(r.prefix()) && (best == null || r.prefix().length() > best.prefix().length())) {
        best = r;
      }
    }
    return best;
  }

  static void sleepUntil(long nanos) throws IOException {
    long wait = nanos - System.nanoTime();
    if (wait <= 0) {
      return;
    }
    try {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("shaped body interrupted");
    }
  }
}
