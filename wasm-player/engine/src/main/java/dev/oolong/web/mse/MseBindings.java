package dev.oolong.web.mse;

import dev.oolong.msefallback.BufferController;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Int8Array;

/** Overlays for Media Source Extensions in a dedicated worker. */
public final class MseBindings {
  private MseBindings() {}

  /** A {@code MediaSource}. */
  public interface MediaSource extends JSObject {
    @JSProperty
    String getReadyState();

    @JSProperty
    JSObject getHandle();

    @JSProperty
    void setDuration(double seconds);
  }

  /** A {@code SourceBuffer}. */
  public interface SourceBuffer extends JSObject {
    @JSProperty
    boolean isUpdating();

    @JSProperty
    void setTimestampOffset(double seconds);

    void abort();
  }

  /** An event listener. */
  @JSFunctor
  public interface Listener extends JSObject {
    void handleEvent(JSObject event);
  }

  @JSBody(script = "return typeof MediaSource !== 'undefined' && !!MediaSource.canConstructInDedicatedWorker;")
  public static native boolean workerMseSupported();

  @JSBody(script = "return new MediaSource();")
  public static native MediaSource newMediaSource();

  @JSBody(params = "type", script = "return MediaSource.isTypeSupported(type);")
  public static native boolean isTypeSupported(String type);

  @JSBody(params = {"target", "type", "listener"}, script = "target.addEventListener(type, listener);")
  public static native void listen(JSObject target, String type, Listener listener);

  /** {@code addSourceBuffer}; null with the error in {@link #lastError} when it throws. */
  @JSBody(params = {"ms", "type"}, script = "try { self.__oolongError = null; return ms.addSourceBuffer(type); }"
      + " catch (e) { self.__oolongError = e.name + ': ' + e.message; return null; }")
  public static native SourceBuffer addSourceBuffer(MediaSource ms, String type);

  /** {@code appendBuffer}; the error's name and message when it throws, else null. */
  @JSBody(params = {"sb", "data"}, script = "try { sb.appendBuffer(data); return null; }"
      + " catch (e) { return e.name + ': ' + e.message; }")
  public static native String append(SourceBuffer sb, Int8Array data);

  /** {@code remove(start, end)}; the error's name and message when it throws, else null. */
  @JSBody(params = {"sb", "start", "end"}, script = "try { sb.remove(start, end); return null; }"
      + " catch (e) { return e.name + ': ' + e.message; }")
  public static native String remove(SourceBuffer sb, double start, double end);

  /** {@code endOfStream()}; the error when it throws, else null. */
  @JSBody(params = {"ms", "error"}, script = "try { if (error) ms.endOfStream(error); else ms.endOfStream(); return null; }"
      + " catch (e) { return e.name + ': ' + e.message; }")
  public static native String endOfStream(MediaSource ms, String error);

  @JSBody(script = "return self.__oolongError;")
  public static native String lastError();

  /** The number of a SourceBuffer's buffered ranges (0 when it was removed). */
  @JSBody(params = "sb", script = "try { return sb.buffered.length; } catch (e) { return 0; }")
  public static native int bufferedCount(SourceBuffer sb);

  @JSBody(params = {"sb", "i"}, script = "return sb.buffered.start(i);")
  public static native double bufferedStart(SourceBuffer sb, int i);

  @JSBody(params = {"sb", "i"}, script = "return sb.buffered.end(i);")
  public static native double bufferedEnd(SourceBuffer sb, int i);

  @JSBody(params = {"type", "player", "handle"},
      script = "self.postMessage({type: type, player: player, handle: handle}, [handle]);")
  public static native void postHandle(int type, int player, JSObject handle);

  /** A command for the page's MediaSource; the bytes, when there are some, are transferred. */
  @JSBody(params = {"type", "player", "op", "buffer", "mime", "data", "seconds"},
      script = "var m = {type: type, player: player, op: op, buffer: buffer, mime: mime, seconds: seconds};"
          + " if (data) { m.data = data.buffer; self.postMessage(m, [data.buffer]); } else { self.postMessage(m); }")
  public static native void postCommand(int type, int player, int op, int buffer, String mime,
      Int8Array data, double seconds);

  @JSBody(params = {"type", "player", "json"},
      script = "self.postMessage({type: type, player: player, json: json});")
  public static native void postEvent(int type, int player, String json);

  /** Posts {@code error} to the page as {@code player}'s error event (both paths, and a failed load). */
  public static void postError(int player, dev.oolong.PlayerException error) {
    postEvent(dev.oolong.protocol.MessageType.PLAYER_EVENT.value, player,
        dev.oolong.util.Json.object().put("event", "error").putRaw("error", error.toJson()).toString());
  }

  @JSBody(params = {"o", "key"}, script = "var v = o[key]; return typeof v === 'number' ? v : NaN;")
  public static native double doubleField(JSObject o, String key);

  @JSBody(params = {"o", "key"}, script = "var v = o[key]; return Array.isArray(v) ? v.length : 0;")
  private static native int arrayLength(JSObject o, String key);

  @JSBody(params = {"o", "key", "i"}, script = "var v = o[key][i]; return typeof v === 'number' ? v : NaN;")
  private static native double arrayItem(JSObject o, String key, int i);

  /**
   * The element's state in a {@code PLAYER_TIME} or {@code PLAYER_SEEK} message: {@code time},
   * {@code readyState}, {@code duration}, {@code buffered} ([start0, end0, ...]).
   */
  public static BufferController.Playback playback(JSObject message) {
    int n = arrayLength(message, "buffered") & ~1;
    double[] ranges = new double[n];
    for (int i = 0; i < n; i++) {
      ranges[i] = arrayItem(message, "buffered", i);
    }
    double ready = doubleField(message, "readyState");
    return new BufferController.Playback(doubleField(message, "time"),
        Double.isNaN(ready) ? 0 : (int) ready, ranges, doubleField(message, "duration"));
  }
}
