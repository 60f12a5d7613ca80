package dev.oolong.player;

/**
 * Where decoded media goes: the MSE path (the remuxer's fMP4 or WebM into a MediaSource on a
 * {@code <video>}) or the canvas path (decoders in the engine worker, WebGL2 on a canvas, audio
 * through an AudioWorklet).
 */
public enum OutputPath {
  MSE,
  CANVAS;

  /** The path's name on the page ({@code "mse"}, {@code "canvas"}). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The path with this page name, or null. */
  public static OutputPath ofWireName(String name) {
    for (OutputPath p : values()) {
      if (p.wireName().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /** The path's name in a sentence. */
  public String label() {
    return this == MSE ? "the MSE path" : "the canvas path";
  }
}
