package dev.oolong.web.webcodecs;

import org.teavm.jso.JSObject;

/**
 * A decoded picture on the canvas path: a WebCodecs {@code VideoFrame} (drawn as a texture), or
 * a frame ring slot holding its planes (drawn with the YUV shader).
 */
public final class Picture {
  /** The {@code VideoFrame}, or null for a ring slot. */
  public final JSObject frame;
  /** The ring slot, or -1. */
  public final int slot;

  private Picture(JSObject frame, int slot) {
    this.frame = frame;
    this.slot = slot;
  }

  public static Picture of(JSObject frame) {
    return new Picture(frame, -1);
  }

  public static Picture inSlot(int slot) {
    return new Picture(null, slot);
  }
}
