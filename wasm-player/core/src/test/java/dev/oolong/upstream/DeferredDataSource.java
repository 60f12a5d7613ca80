package dev.oolong.upstream;

import java.util.ArrayDeque;

/**
 * Delivers every load later, when {@link #runAll} is called: the shape of the browser, where
 * fetch answers from the event loop, never inside {@code open}.
 */
public final class DeferredDataSource implements DataSource {
  private final DataSource inner;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

  public DeferredDataSource(DataSource inner) {
    this.inner = inner;
  }

  @Override
  public Loading open(DataSpec spec, Listener listener) {
    boolean[] cancelled = {false};
    Loading[] innerLoading = {null};
    queue.add(() -> {
      if (!cancelled[0]) {
        innerLoading[0] = inner.open(spec, listener);
      }
    });
    return () -> {
      cancelled[0] = true;
      if (innerLoading[0] != null) {
        innerLoading[0].cancel();
      }
    };
  }

  /** Runs the pending loads (and those they start), at most {@code 100000}. */
  public void runAll() {
    for (int i = 0; i < 100_000 && !queue.isEmpty(); i++) {
      queue.poll().run();
    }
  }
}
