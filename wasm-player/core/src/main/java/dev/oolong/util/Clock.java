package dev.oolong.util;

/**
 * The wall clock, in microseconds from an arbitrary origin ({@code performance.now()} in the
 * browser; a {@code FakeClock} in tests). Never goes back.
 */
public interface Clock {
  long nowUs();
}
