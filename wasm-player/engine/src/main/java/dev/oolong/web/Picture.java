package dev.oolong.web;

import org.teavm.jso.JSObject;

/**
 * A decoded picture on the canvas path: a WebCodecs {@code VideoFrame} (drawn as a texture), or
 * a frame ring slot holding its planes (drawn with the YUV shader).
 */
final class Picture {
  /** The {@code VideoFrame}, or null for a ring slot. */
  final JSObject frame;
  /** The ring slot, or -1. */
  final int slot;

  private Picture(JSObject frame, int slot) {
    this.frame = frame;
    this.slot = slot;
  }

  static Picture of(JSObject frame) {
    return new Picture(frame, -1);
  }

  static Picture inSlot(int slot) {
    return new Picture(null, slot);
  }
}
