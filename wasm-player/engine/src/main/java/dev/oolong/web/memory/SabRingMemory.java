package dev.oolong.web.memory;

import dev.oolong.audio.AudioRingLayout;
import dev.oolong.audio.RingMemory;
import dev.oolong.web.gl.CanvasBindings;
import org.teavm.jso.JSObject;

/** The audio ring in a {@code SharedArrayBuffer} ({@link AudioRingLayout}), the producer's view. */
public final class SabRingMemory implements RingMemory {
  private final JSObject buffer;
  private final JSObject header;
  private final JSObject samples;

  public SabRingMemory(int capacity, int channels) {
    buffer = CanvasBindings.newSharedBuffer(AudioRingLayout.bytes(capacity, channels));
    header = CanvasBindings.header(buffer, AudioRingLayout.HEADER_INTS);
    samples = CanvasBindings.samples(buffer, 4 * AudioRingLayout.HEADER_INTS);
  }

  /** The shared buffer (handed to the worklet). */
  public JSObject buffer() {
    return buffer;
  }

  @Override
  public int load(int index) {
    return CanvasBindings.atomicLoad(header, index);
  }

  @Override
  public void store(int index, int value) {
    CanvasBindings.atomicStore(header, index, value);
  }

  @Override
  public void putSamples(int at, float[] source, int offset, int length) {
    CanvasBindings.setSamples(samples, at, CanvasBindings.floats(source, offset, length));
  }
}
