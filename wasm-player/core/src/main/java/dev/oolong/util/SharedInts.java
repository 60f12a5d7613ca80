package dev.oolong.util;

/**
 * 32-bit integers shared between threads (an {@code Int32Array} over a {@code SharedArrayBuffer}
 * accessed with {@code Atomics} in the browser, a plain array in tests): the header of a ring.
 */
public interface SharedInts {
  /** Atomically reads integer {@code index}. */
  int load(int index);

  /** Atomically writes integer {@code index}. */
  void store(int index, int value);
}
