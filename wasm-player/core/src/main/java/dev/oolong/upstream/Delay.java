package dev.oolong.upstream;

/**
 * Runs a task later, on the thread that asked (the worker's {@code setTimeout} in the browser).
 * What waits between attempts of a load (back-off) asks for one; {@link #NOW} runs the task at
 * once, for tests and tools that have no event loop.
 */
@FunctionalInterface
public interface Delay {
  /** Runs tasks at once, inside {@link #after}. */
  Delay NOW = (ms, task) -> task.run();

  /** Runs {@code task} once, about {@code ms} milliseconds from now. */
  void after(int ms, Runnable task);
}
