package dev.oolong;

/** Where an error comes from. The numeric value is the thousands digit of every code in it. */
public enum ErrorCategory {
  NETWORK(1),
  MANIFEST(2),
  CONTAINER(3),
  CODEC(4),
  DRM(5),
  MEDIA_SOURCE(6),
  PLAYER(7),
  CAST(8);

  public final int value;

  ErrorCategory(int value) {
    this.value = value;
  }
}
