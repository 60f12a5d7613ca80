package dev.oolong.web.fetch;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.streams.ReadableStream;
import org.teavm.jso.typedarrays.Int8Array;

/** Overlays for {@code fetch}, {@code Response} and {@code AbortController}. */
public final class FetchBindings {
  private FetchBindings() {}

  /** A {@code Response}. */
  public interface Response extends JSObject {
    @JSProperty
    int getStatus();

    @JSProperty
    ReadableStream getBody();
  }

  /** An {@code AbortController}. */
  public interface AbortController extends JSObject {
    void abort();
  }

  @JSBody(script = "return new AbortController();")
  public static native AbortController newAbortController();

  /** {@code fetch(url, {headers: range ? {Range: range} : {}, signal})}. */
  @JSBody(params = {"url", "range", "controller"},
      script = "return fetch(url, {headers: range ? {'Range': range} : {}, signal: controller.signal,"
          + " cache: 'no-store'});")
  public static native JSPromise<Response> fetch(String url, String range, AbortController controller);

  @JSBody(params = {"response", "name"}, script = "return response.headers.get(name);")
  public static native String header(Response response, String name);

  @JSBody(params = "error", script = "return String(error && error.message || error);")
  public static native String describe(Object error);

  /** A view of the chunk as signed bytes (same memory), so it can be copied into a Java array. */
  @JSBody(params = "u", script = "return new Int8Array(u.buffer, u.byteOffset, u.byteLength);")
  public static native Int8Array asInt8(JSObject u);

  @JSBody(params = "a", script = "return a.byteLength;")
  public static native int byteLength(JSObject a);
}
