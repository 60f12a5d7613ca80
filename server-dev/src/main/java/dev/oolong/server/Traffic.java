package dev.oolong.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server sent, per request path: file requests and body bytes. Tests use it to prove
 * that the player asked for ranges instead of whole files.
 */
public final class Traffic {
  private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

  void request(String path) {
    requests.computeIfAbsent(path, k -> new LongAdder()).increment();
  }

  void bytes(String path, long n) {
    bytes.computeIfAbsent(path, k -> new LongAdder()).add(n);
  }

  /** Body bytes of files sent for {@code path} (the raw request path) since the last reset. */
  public long bytesSent(String path) {
    LongAdder a = bytes.get(path);
    return a == null ? 0 : a.sum();
  }

  /** File requests answered for {@code path} since the last reset. */
  public long requests(String path) {
    LongAdder a = requests.get(path);
    return a == null ? 0 : a.sum();
  }

  public void reset() {
    bytes.clear();
    requests.clear();
  }
}
