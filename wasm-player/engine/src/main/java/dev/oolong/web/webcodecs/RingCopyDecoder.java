package dev.oolong.web.webcodecs;

import dev.oolong.canvas.DecoderSink;
import dev.oolong.canvas.MediaDecoder;
import dev.oolong.decoder.EncodedChunk;
import dev.oolong.decoder.VideoDecoderConfig;
import dev.oolong.media.ColorMatrix;
import dev.oolong.render.FrameInfo;
import dev.oolong.render.FrameRing;
import dev.oolong.render.FrameRingLayout;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * A WebCodecs video decoder whose frames are copied out as planes into the frame ring ({@code
 * VideoFrame.copyTo}, one at a time, in output order) and handed on as ring slots, for the YUV
 * shader: the path software decoders take, here fed by WebCodecs ({@code videoRender: 'planes'},
 * which {@code 'auto'} takes on a software rasteriser). One copy at a time: three in flight were
 * tried and drew no faster (the GPU, not the copies, sets the pace here). A frame in a format the
 * ring does not hold (not I420/NV12) goes on as a {@code VideoFrame}. When every slot is held the
 * frame waits (it counts in {@link #queueSize}, so the feeder holds back) until the renderer
 * releases one ({@link #slotReleased}); only a picture larger than a slot is dropped (counted in
 * {@link #ringDrops}). After a reset nothing copied from before it is handed on.
 */
public final class RingCopyDecoder implements MediaDecoder {
  private final WebCodecsVideoDecoder decoder;
  private final DecoderSink<Picture> sink;
  private final FrameRing ring;
  private final JSObject bytes;
  /** A frame out of the decoder, waiting for its copy. */
  private record Decoded(JSObject frame, long ptsUs) {}

  private final ArrayDeque<Decoded> waiting = new ArrayDeque<>();
  private final ArrayDeque<Runnable> whenIdle = new ArrayDeque<>();
  private boolean copying;
  private int generation;
  private int ringDrops;
  private final ColorMatrix signalled;

  public RingCopyDecoder(VideoDecoderConfig config, DecoderSink<Picture> sink, FrameRing ring, JSObject bytes) {
    this.sink = sink;
    this.ring = ring;
    this.bytes = bytes;
    this.signalled = config.colorMatrix();
    this.decoder = WebCodecsVideoDecoder.to(config, DecoderSink.<JSObject>forwarding(sink, (frame, ptsUs) -> {
      waiting.add(new Decoded(frame, ptsUs));
      next();
    }));
  }

  public int ringDrops() {
    return ringDrops;
  }

  /** The renderer released a ring slot: a frame waiting for one can be copied now. */
  public void slotReleased() {
    next();
  }

  private void next() {
    if (copying) {
      return;
    }
    Decoded w = waiting.peek();
    if (w == null) {
      while (!whenIdle.isEmpty()) {
        whenIdle.poll().run();
      }
      return;
    }
    JSObject frame = w.frame();
    long pts = w.ptsUs();
    int format = FrameRingLayout.format(WebCodecsBindings.format(frame));
    if (format == 0) {
      waiting.poll();
      sink.output(Picture.of(frame), pts);
      next();
      return;
    }
    int width = WebCodecsBindings.visibleWidth(frame);
    int height = WebCodecsBindings.visibleHeight(frame);
    // The colour the stream's parameters signal (read in Java, with the rule for untagged video);
    // else (codecs whose parameters are not read here) the decoder's report.
    ColorMatrix matrix = signalled != null ? signalled : ColorMatrix.of(
        ColorMatrix.Coefficients.of(WebCodecsBindings.colorMatrixName(frame), height),
        WebCodecsBindings.fullRange(frame));
    int[][] planes = FrameRingLayout.planes(format, width, height);
    FrameInfo info = new FrameInfo(pts, Math.round(WebCodecsBindings.duration(frame)), format, width,
        height, WebCodecsBindings.displayWidth(frame), WebCodecsBindings.displayHeight(frame), matrix,
        planes[0], planes[1]);
    if (planes[2][0] > ring.slotBytes()) { // the picture grew past the ring's slots
      waiting.poll();
      ringDrops++;
      WebCodecsBindings.closeFrame(frame);
      next();
      return;
    }
    int slot = ring.acquire(planes[2][0]);
    if (slot < 0) {
      return; // every slot held: the frame waits (counted in queueSize) until one is released
    }
    waiting.poll();
    copying = true;
    int gen = generation;
    int base = ring.slotOffset(slot);
    copyTo(frame, bytes, base + info.offset(0), info.stride(0), base + info.offset(1), info.stride(1),
        format == FrameRingLayout.FORMAT_NV12 ? -1 : base + info.offset(2), info.stride(2), width, height, error -> {
      WebCodecsBindings.closeFrame(frame);
      copying = false;
      if (gen != generation || error != null) {
        ring.abandon(slot); // reset meanwhile, or the copy failed: the slot is free again
        if (gen == generation) {
          sink.error("copyTo: " + error);
        }
      } else {
        ring.publish(slot, info);
        sink.output(Picture.inSlot(slot), pts);
      }
      next();
    });
  }

  @Override
  public int queueSize() {
    return decoder.queueSize() + waiting.size() + (copying ? 1 : 0);
  }

  @Override
  public void decode(EncodedChunk chunk) {
    decoder.decode(chunk);
  }

  @Override
  public void reset() {
    generation++;
    dropWaiting();
    decoder.reset();
  }

  @Override
  public void flush(Consumer<String> done) {
    decoder.flush(error -> {
      whenIdle.add(() -> done.accept(error));
      next();
    });
  }

  @Override
  public void close() {
    generation++;
    dropWaiting();
    decoder.close();
  }

  private void dropWaiting() {
    for (Decoded w : waiting) {
      WebCodecsBindings.closeFrame(w.frame());
    }
    waiting.clear();
  }

  /** Copies a frame's visible planes into {@code bytes} (the third plane absent: {@code o2 < 0}). */
  @JSBody(params = {"frame", "bytes", "o0", "s0", "o1", "s1", "o2", "s2", "w", "h", "done"},
      script = "var r = frame.visibleRect; var layout = [{offset: o0, stride: s0}, {offset: o1, stride: s1}];"
          + " if (o2 >= 0) layout.push({offset: o2, stride: s2});"
          + " try { frame.copyTo(bytes, {rect: {x: r.x, y: r.y, width: w, height: h}, layout: layout})"
          + ".then(function () { done(null); }, function (e) { done(String(e)); }); }"
          + " catch (e) { done(String(e)); }")
  private static native void copyTo(JSObject frame, JSObject bytes, int o0, int s0, int o1, int s1,
      int o2, int s2, int width, int height, WebCodecsBindings.TextCallback done);
}
