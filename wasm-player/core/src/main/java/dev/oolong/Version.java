package dev.oolong;

/** The engine's version, reported by the worker when it is ready. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}
