package dev.oolong.web.diagnostics;

import dev.oolong.PlayerException;
import dev.oolong.msefallback.TransmuxBenchmark;
import dev.oolong.protocol.MessageType;
import dev.oolong.util.Json;
import dev.oolong.web.EngineMain;
import dev.oolong.web.jso.WorkerScope;
import dev.oolong.web.webcodecs.WebCodecsBindings;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The {@code TRANSMUX} diagnostic (the transmux benchmark's Oolong side): bytes posted by the page
 * are copied into the engine, transmuxed once to what each SourceBuffer would be given, and the
 * segments are posted back (transferred, one {@code ArrayBuffer} each: {@code segments[i]} of
 * them for SourceBuffer i, in order), as the real sink hands its appends over. The page times
 * the round trip; {@code engineMs} is the time from the message's arrival to the output ready.
 */
public final class TransmuxCheck {
  private TransmuxCheck() {}

  public static void run(int id, JSObject input) {
    double start = WorkerScope.now();
    if (input == null) {
      EngineMain.replyError(id, PlayerException.critical(dev.oolong.ErrorCode.PLAYER_INVALID_ARGUMENT,
          "TRANSMUX needs the bytes as an ArrayBuffer", "argument", "data", "reason", "missing"));
      return;
    }
    try {
      byte[] data = asBytes(input).copyToJavaArray();
      List<TransmuxBenchmark.Output> out = TransmuxBenchmark.transmux(data);
      JSObject buffers = WebCodecsBindings.newArray();
      Json.ArrayWriter mimes = Json.array();
      Json.ArrayWriter counts = Json.array();
      for (TransmuxBenchmark.Output o : out) {
        // One ArrayBuffer per segment, as the real sink hands each append over.
        for (byte[] segment : o.segments()) {
          push(buffers, Int8Array.copyFromJavaArray(segment));
        }
        counts.addRaw(Integer.toString(o.segments().size()));
        StringBuilder quoted = new StringBuilder();
        Json.quote(quoted, o.mimeType());
        mimes.addRaw(quoted.toString());
      }
      double ms = WorkerScope.now() - start;
      String json = Json.object().put("inBytes", data.length).put("engineMs", ms).putRaw("mimeTypes", mimes.toString())
          .putRaw("segments", counts.toString()).toString();
      post(WorkerScope.message(MessageType.RESULT.value, id, json), buffers);
    } catch (PlayerException e) {
      EngineMain.replyError(id, e);
    }
  }

  @JSBody(params = "b", script = "return new Int8Array(b);")
  private static native Int8Array asBytes(JSObject buffer);

  @JSBody(params = {"list", "bytes"}, script = "list.push(bytes.buffer);")
  private static native void push(JSObject list, Int8Array bytes);

  /** Posts the result with the output buffers in {@code m.buffers}, transferred. */
  @JSBody(params = {"m", "buffers"}, script = "m.buffers = buffers; self.postMessage(m, buffers);")
  private static native void post(JSObject m, JSObject buffers);
}
