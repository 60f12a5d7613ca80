package dev.oolong.web.webcodecs;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** Overlays for WebCodecs' {@code VideoDecoder} in the worker. */
public final class WebCodecsBindings {
  private WebCodecsBindings() {}

  /** Receives a decoded {@code VideoFrame}. */
  @JSFunctor
  public interface FrameCallback extends JSObject {
    void frame(JSObject frame);
  }

  /** Receives a text: an answer, or an error's name and message. */
  @JSFunctor
  public interface TextCallback extends JSObject {
    void text(String text);
  }

  @JSBody(script = "return typeof VideoDecoder !== 'undefined';")
  public static native boolean available();

  /** A copy of {@code data} for the browser (a codec description), or null for null. */
  public static Int8Array bytes(byte[] data) {
    return data == null ? null : Int8Array.copyFromJavaArray(data);
  }

  /** {@code VideoDecoder.isConfigSupported}: answers "yes", "no" or "error: ...". */
  @JSBody(params = {"codec", "description", "w", "h", "done"},
      script = "var c = {codec: codec}; if (description) c.description = description;"
          + " if (w > 0 && h > 0) { c.codedWidth = w; c.codedHeight = h; }"
          + " VideoDecoder.isConfigSupported(c).then(function (r) { done(r.supported ? 'yes' : 'no'); },"
          + " function (e) { done('error: ' + e.name + ': ' + e.message); });")
  public static native void isConfigSupported(String codec, Int8Array description, int w, int h,
      TextCallback done);

  /** A decoder; {@code dequeue} is called (with null) each time it takes in a chunk. */
  @JSBody(params = {"output", "error", "dequeue"},
      script = "var d = new VideoDecoder({output: function (f) { output(f); },"
          + " error: function (e) { error(e.name + ': ' + e.message); }});"
          + " d.addEventListener('dequeue', function () { dequeue(null); }); return d;")
  public static native JSObject newVideoDecoder(FrameCallback output, TextCallback error, TextCallback dequeue);

  /** An audio decoder; {@code output} gets {@code AudioData}, {@code dequeue} each chunk taken in. */
  @JSBody(params = {"output", "error", "dequeue"},
      script = "var d = new AudioDecoder({output: function (a) { output(a); },"
          + " error: function (e) { error(e.name + ': ' + e.message); }});"
          + " d.addEventListener('dequeue', function () { dequeue(null); }); return d;")
  public static native JSObject newAudioDecoder(FrameCallback output, TextCallback error, TextCallback dequeue);

  @JSBody(script = "return typeof AudioDecoder !== 'undefined';")
  public static native boolean audioAvailable();

  /** {@code AudioDecoder.isConfigSupported}: answers "yes", "no" or "error: ...". */
  @JSBody(params = {"codec", "rate", "channels", "description", "done"},
      script = "var c = {codec: codec, sampleRate: rate, numberOfChannels: channels};"
          + " if (description) c.description = description;"
          + " AudioDecoder.isConfigSupported(c).then(function (r) { done(r.supported ? 'yes' : 'no'); },"
          + " function (e) { done('error: ' + e.name + ': ' + e.message); });")
  public static native void isAudioConfigSupported(String codec, int rate, int channels, Int8Array description,
      TextCallback done);

  /** {@code configure} of an audio decoder; the error when it throws, else null. */
  @JSBody(params = {"d", "codec", "rate", "channels", "description"},
      script = "try { var c = {codec: codec, sampleRate: rate, numberOfChannels: channels};"
          + " if (description) c.description = description; d.configure(c); return null; }"
          + " catch (e) { return e.name + ': ' + e.message; }")
  public static native String configureAudio(JSObject d, String codec, int rate, int channels,
      Int8Array description);

  /** {@code decode} of one audio chunk; the error when it throws, else null. */
  @JSBody(params = {"d", "data", "timestamp"},
      script = "try { d.decode(new EncodedAudioChunk({type: 'key', timestamp: timestamp, data: data}));"
          + " return null; } catch (e) { return e.name + ': ' + e.message; }")
  public static native String decodeAudio(JSObject d, Int8Array data, double timestamp);

  /** The first channel of an {@code AudioData} as 32-bit floats (then closes it). */
  @JSBody(params = "a", script = "var n = a.numberOfFrames; var out = new Float32Array(n);"
      + " a.copyTo(out, {planeIndex: 0, format: 'f32-planar'}); a.close(); return out;")
  public static native org.teavm.jso.typedarrays.Float32Array firstChannel(JSObject audioData);

  /** Every channel of an {@code AudioData} as 32-bit float planes (then closes it). */
  @JSBody(params = "a", script = "var n = a.numberOfFrames, out = [];"
      + " for (var c = 0; c < a.numberOfChannels; c++) { var f = new Float32Array(n);"
      + " a.copyTo(f, {planeIndex: c, format: 'f32-planar'}); out.push(f); } a.close(); return out;")
  public static native org.teavm.jso.core.JSArray<org.teavm.jso.typedarrays.Float32Array> planes(JSObject audioData);

  @JSBody(params = "a", script = "return a.sampleRate;")
  public static native int sampleRate(JSObject audioData);

  @JSBody(params = "a", script = "return a.numberOfChannels;")
  public static native int numberOfChannels(JSObject audioData);

  @JSBody(params = "d", script = "return d.decodeQueueSize;")
  public static native int decodeQueueSize(JSObject d);

  /**
   * {@code configure}; the error's name and message when it throws, else null. {@code matrix}
   * (a {@code VideoColorSpace} matrix name, or null) and {@code fullRange}: the colour the
   * stream's parameters signal, given as the frames' colour space.
   */
  @JSBody(params = {"d", "codec", "description", "w", "h", "matrix", "fullRange"},
      script = "try { var c = {codec: codec}; if (description) c.description = description;"
          + " if (w > 0 && h > 0) { c.codedWidth = w; c.codedHeight = h; }"
          + " if (matrix) c.colorSpace = {matrix: matrix, fullRange: fullRange};"
          + " d.configure(c); return null; }"
          + " catch (e) { return e.name + ': ' + e.message; }")
  public static native String configure(JSObject d, String codec, Int8Array description, int w, int h,
      String matrix, boolean fullRange);

  /** {@code decode} of one chunk; the error when it throws, else null. */
  @JSBody(params = {"d", "data", "timestamp", "key"},
      script = "try { d.decode(new EncodedVideoChunk({type: key === 1 ? 'key' : 'delta',"
          + " timestamp: timestamp, data: data})); return null; }"
          + " catch (e) { return e.name + ': ' + e.message; }")
  public static native String decode(JSObject d, Int8Array data, double timestamp, int key);

  /** {@code flush}: {@code done} gets null once every frame is out, or the error. */
  @JSBody(params = {"d", "done"},
      script = "d.flush().then(function () { done(null); }, function (e) { done(e.name + ': ' + e.message); });")
  public static native void flush(JSObject d, TextCallback done);

  @JSBody(params = "d", script = "if (d.state !== 'closed') d.close();")
  public static native void close(JSObject d);

  @JSBody(params = "f", script = "return f.timestamp;")
  public static native double timestamp(JSObject frame);

  @JSBody(params = "f", script = "return f.displayWidth;")
  public static native int displayWidth(JSObject frame);

  @JSBody(params = "f", script = "return f.displayHeight;")
  public static native int displayHeight(JSObject frame);

  /** Runs {@code tick} at the next display refresh (the worker's {@code requestAnimationFrame}). */
  @JSBody(params = "tick", script = "self.requestAnimationFrame(function () { tick(null); });")
  public static native void nextFrame(TextCallback tick);

  /** Runs {@code callback} after {@code ms} milliseconds (the worker's {@code setTimeout}). */
  @JSBody(params = {"ms", "callback"}, script = "self.setTimeout(function () { callback(null); }, ms);")
  public static native void after(double ms, TextCallback callback);

  /** The 2D context of an {@code OffscreenCanvas}. */
  @JSBody(params = "canvas", script = "return canvas.getContext('2d');")
  public static native JSObject context2d(JSObject canvas);

  /** The frame's pixel format ({@code I420}, {@code NV12}, …; null when opaque). */
  @JSBody(params = "f", script = "return f.format || null;")
  public static native String format(JSObject frame);

  @JSBody(params = "f", script = "return f.visibleRect ? f.visibleRect.width : f.codedWidth;")
  public static native int visibleWidth(JSObject frame);

  @JSBody(params = "f", script = "return f.visibleRect ? f.visibleRect.height : f.codedHeight;")
  public static native int visibleHeight(JSObject frame);

  /** The colour matrix the bitstream signalled ({@code VideoColorSpace.matrix}), or null. */
  @JSBody(params = "f", script = "return (f.colorSpace && f.colorSpace.matrix) || null;")
  public static native String colorMatrixName(JSObject frame);

  @JSBody(params = "f", script = "return !!(f.colorSpace && f.colorSpace.fullRange);")
  public static native boolean fullRange(JSObject frame);

  /** The frame's duration (µs), 0 when unknown. */
  @JSBody(params = "f", script = "return f.duration || 0;")
  public static native double duration(JSObject frame);

  @JSBody(params = "frame", script = "frame.close();")
  public static native void closeFrame(JSObject frame);

  @JSBody(script = "return [];")
  public static native JSObject newArray();

  @JSBody(params = {"a", "v"}, script = "a.push(v);")
  public static native void push(JSObject array, JSObject value);

  /** A result whose {@code frames} array is transferred with it. */
  @JSBody(params = {"type", "id", "json", "frames"},
      script = "self.postMessage({type: type, id: id, json: json, frames: frames}, frames);")
  public static native void postWithFrames(int type, int id, String json, JSObject frames);
}
