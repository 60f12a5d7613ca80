package dev.oolong;

/** Constants shared by every layer. Times are {@code long} microseconds throughout the engine. */
public final class C {
  /** A time that is not known (or not set). */
  public static final long TIME_UNSET = Long.MIN_VALUE + 1;
  /** A length in bytes that is not known. */
  public static final long LENGTH_UNSET = -1;
  /** Microseconds per second. */
  public static final long MICROS_PER_SECOND = 1_000_000L;

  private C() {}
}
