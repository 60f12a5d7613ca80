package dev.oolong.web.gl;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float32Array;

/** Overlays for the canvas player: the audio ring's shared memory, the port to the worklet, the canvas. */
public final class CanvasBindings {
  private CanvasBindings() {}

  /** Whether shared memory can be made here (the page is cross-origin isolated). */
  @JSBody(script = "return typeof SharedArrayBuffer !== 'undefined' && self.crossOriginIsolated === true;")
  public static native boolean sharedMemory();

  @JSBody(params = "bytes", script = "return new SharedArrayBuffer(bytes);")
  public static native JSObject newSharedBuffer(int bytes);

  @JSBody(params = {"buffer", "ints"}, script = "return new Int32Array(buffer, 0, ints);")
  public static native JSObject header(JSObject buffer, int ints);

  @JSBody(params = {"buffer", "offset"}, script = "return new Float32Array(buffer, offset);")
  public static native JSObject samples(JSObject buffer, int byteOffset);

  @JSBody(params = {"a", "i"}, script = "return Atomics.load(a, i);")
  public static native int atomicLoad(JSObject ints, int index);

  @JSBody(params = {"a", "i", "v"}, script = "Atomics.store(a, i, v);")
  public static native void atomicStore(JSObject ints, int index, int value);

  /** {@code length} floats of {@code source} from {@code offset} as a new {@code Float32Array}. */
  public static Float32Array floats(float[] source, int offset, int length) {
    float[] part = offset == 0 && length == source.length ? source
        : java.util.Arrays.copyOfRange(source, offset, offset + length);
    return Float32Array.copyFromJavaArray(part);
  }

  @JSBody(params = {"dst", "at", "src"}, script = "dst.set(src, at);")
  public static native void setSamples(JSObject dst, int at, Float32Array src);

  /** Posts {@code {ring}} to the worklet's port. */
  @JSBody(params = {"port", "ring"}, script = "port.postMessage({ring: ring});")
  public static native void postRing(JSObject port, JSObject ring);

  @JSBody(params = {"canvas", "w", "h"},
      script = "if (w > 0 && h > 0 && (canvas.width !== w || canvas.height !== h)) {"
          + " canvas.width = w; canvas.height = h; }")
  public static native void resize(JSObject canvas, int width, int height);

  /**
   * Draws a {@code VideoFrame} fitted into the canvas with its aspect ratio kept, the rest black
   * (letter- or pillar-boxed).
   */
  @JSBody(params = {"g", "frame"},
      script = "var cw = g.canvas.width, ch = g.canvas.height, fw = frame.displayWidth, fh = frame.displayHeight;"
          + " var s = Math.min(cw / fw, ch / fh), w = Math.round(fw * s), h = Math.round(fh * s);"
          + " var x = Math.floor((cw - w) / 2), y = Math.floor((ch - h) / 2);"
          + " if (w !== cw || h !== ch) { g.fillStyle = '#000'; g.fillRect(0, 0, cw, ch); }"
          + " g.drawImage(frame, x, y, w, h);")
  public static native void drawFitted(JSObject context, JSObject frame);
}
