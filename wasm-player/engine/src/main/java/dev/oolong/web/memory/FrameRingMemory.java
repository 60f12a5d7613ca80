package dev.oolong.web.memory;

import dev.oolong.render.FrameRing;
import dev.oolong.util.SharedInts;
import dev.oolong.web.gl.CanvasBindings;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The frame ring's memory: a {@code SharedArrayBuffer} where the page is cross-origin isolated
 * (so decoder workers can share it), else a plain {@code ArrayBuffer} (producer and renderer are
 * then both in this worker). Integers through {@code Atomics}; the bytes as a {@code Uint8Array}.
 */
public final class FrameRingMemory implements SharedInts {
  private final JSObject ints;
  private final JSObject bytes;

  public FrameRingMemory(int slots, int slotBytes) {
    JSObject buffer = newBuffer(dev.oolong.render.FrameRingLayout.bytes(slots, slotBytes),
        CanvasBindings.sharedMemory());
    ints = CanvasBindings.header(buffer, FrameRing.ints(slots));
    bytes = newBytes(buffer);
  }

  /** The whole ring as bytes (the planes are at {@link FrameRing#slotOffset}). */
  public JSObject bytes() {
    return bytes;
  }

  @Override
  public int load(int index) {
    return CanvasBindings.atomicLoad(ints, index);
  }

  @Override
  public void store(int index, int value) {
    CanvasBindings.atomicStore(ints, index, value);
  }

  @JSBody(params = {"n", "shared"}, script = "return shared ? new SharedArrayBuffer(n) : new ArrayBuffer(n);")
  private static native JSObject newBuffer(int bytes, boolean shared);

  @JSBody(params = "b", script = "return new Uint8Array(b);")
  private static native JSObject newBytes(JSObject buffer);
}
