package dev.oolong.web.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** The engine worker's global scope: posting messages to the page and reading message fields. */
public final class WorkerScope {
  private WorkerScope() {}

  @JSBody(params = "message", script = "self.postMessage(message);")
  public static native void postMessage(JSObject message);

  @JSBody(params = {"type", "id", "json"}, script = "return {type: type, id: id, json: json};")
  public static native JSObject message(int type, int id, String json);

  @JSBody(params = {"type", "version"}, script = "return {type: type, version: version};")
  public static native JSObject readyMessage(int type, String version);

  /** An object field of a message (e.g. a transferred {@code OffscreenCanvas}), or null. */
  @JSBody(params = {"o", "key"}, script = "var v = o[key]; return v && typeof v === 'object' ? v : null;")
  public static native JSObject objectField(JSObject o, String key);

  @JSBody(params = {"o", "key"}, script = "var v = o[key]; return typeof v === 'number' ? v : -1;")
  public static native int intField(JSObject o, String key);

  @JSBody(params = {"o", "key"}, script = "var v = o[key]; return typeof v === 'string' ? v : null;")
  public static native String stringField(JSObject o, String key);

  /** {@code performance.now()}: milliseconds with sub-millisecond resolution. */
  @JSBody(script = "return performance.now();")
  public static native double now();

  /**
   * {@code performance.timeOrigin + performance.now()}: milliseconds since the epoch, comparable
   * between the page and its workers.
   */
  @JSBody(script = "return performance.timeOrigin + performance.now();")
  public static native double epochMs();

  @JSBody(params = "message", script = "console.error(message);")
  public static native void logError(String message);
}
