package dev.oolong.web.memory;

import dev.oolong.audio.AudioRingLayout;
import dev.oolong.audio.RingMemory;
import dev.oolong.web.gl.CanvasBindings;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * The audio ring without shared memory (the page is not cross-origin isolated): the worklet keeps
 * its own copy of the ring ({@link AudioRingLayout}, in a plain {@code ArrayBuffer} transferred to
 * it), and every write to it is a message on the worklet's port, in order: samples (their buffer
 * transferred, not copied) and header stores. The worklet reports its counters ({@link
 * AudioRingLayout#READ}, {@link AudioRingLayout#PLAYED}, {@link AudioRingLayout#UNDERRUNS}) back
 * after each render quantum that moved them; loads read the last report. The producer, {@link
 * dev.oolong.audio.RingPcmOutput}, is the same as with the shared ring: only the clock is as late
 * as one message.
 */
public final class PostedRingMemory implements RingMemory {
  private final JSObject port;
  /** The header as this side knows it: its own stores and the worklet's last report. */
  private final JSObject header;

  public PostedRingMemory(JSObject port, int capacity, int channels) {
    this.port = port;
    this.header = newHeader(AudioRingLayout.HEADER_INTS);
    postRing(port, AudioRingLayout.bytes(capacity, channels));
    listen(port, header, AudioRingLayout.READ, AudioRingLayout.PLAYED, AudioRingLayout.UNDERRUNS);
  }

  @Override
  public int load(int index) {
    return get(header, index);
  }

  @Override
  public void store(int index, int value) {
    set(header, index, value);
    postStore(port, index, value);
  }

  @Override
  public void putSamples(int at, float[] source, int offset, int length) {
    postSamples(port, at, CanvasBindings.floats(source, offset, length));
  }

  @JSBody(params = "ints", script = "return new Int32Array(ints);")
  private static native JSObject newHeader(int ints);

  @JSBody(params = {"a", "i"}, script = "return a[i];")
  private static native int get(JSObject ints, int index);

  @JSBody(params = {"a", "i", "v"}, script = "a[i] = v;")
  private static native void set(JSObject ints, int index, int value);

  /** A new, unshared ring of {@code bytes} for the worklet (moved to it, not copied). */
  @JSBody(params = {"port", "bytes"},
      script = "var b = new ArrayBuffer(bytes); port.postMessage({ring: b, posted: true}, [b]);")
  private static native void postRing(JSObject port, int bytes);

  @JSBody(params = {"port", "i", "v"}, script = "port.postMessage({store: i, value: v});")
  private static native void postStore(JSObject port, int index, int value);

  @JSBody(params = {"port", "at", "samples"},
      script = "var own = samples.byteOffset === 0 && samples.byteLength === samples.buffer.byteLength;"
          + " port.postMessage({at: at, samples: samples}, own ? [samples.buffer] : []);")
  private static native void postSamples(JSObject port, int at, Float32Array samples);

  @JSBody(params = {"port", "header", "read", "played", "underruns"},
      script = "port.onmessage = function (e) { var m = e.data; if (m && m.report) {"
          + " header[read] = m.report[0]; header[played] = m.report[1]; header[underruns] = m.report[2]; } };")
  private static native void listen(JSObject port, JSObject header, int read, int played, int underruns);
}
