package dev.oolong.web.fetch;

import dev.oolong.C;
import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.upstream.DataSource;
import dev.oolong.upstream.DataSpec;
import dev.oolong.upstream.HttpResponses;
import org.teavm.jso.streams.ReadableStreamDefaultReader;
import org.teavm.jso.streams.ReadableStreamReadResult;

/**
 * {@link DataSource} over {@code fetch} with {@code Range} requests, streaming the body chunk by
 * chunk as it arrives. How a response is judged lives in {@link HttpResponses} (shared with the
 * JVM); this class only moves bytes.
 */
public final class FetchDataSource implements DataSource {

  @Override
  public Loading open(DataSpec spec, Listener listener) {
    Load load = new Load(spec, listener);
    load.start();
    return load;
  }

  private static final class Load implements Loading {
    private final DataSpec spec;
    private final Listener listener;
    private final FetchBindings.AbortController controller = FetchBindings.newAbortController();
    private ReadableStreamDefaultReader reader;
    private boolean finished;
    /** Paused by the player: the next read waits for {@link #resume}. */
    private boolean paused;
    /** A read is due but was held back by the pause. */
    private boolean readDue;
    private long toSkip;
    private long remaining;

    Load(DataSpec spec, Listener listener) {
      this.spec = spec;
      this.listener = listener;
      this.remaining = spec.length() == C.LENGTH_UNSET ? Long.MAX_VALUE : spec.length();
    }

    void start() {
      FetchBindings.fetch(spec.uri(), spec.rangeHeader(), controller).then(response -> {
        onResponse(response);
        return null;
      }, error -> {
        fail(ErrorCode.NETWORK_CONNECTION_FAILED, FetchBindings.describe(error));
        return null;
      });
    }

    private void onResponse(FetchBindings.Response response) {
      if (finished) {
        return;
      }
      String contentLength = FetchBindings.header(response, "Content-Length");
      HttpResponses.Accepted accepted;
      try {
        accepted = HttpResponses.accept(spec, response.getStatus(),
            FetchBindings.header(response, "Content-Range"), parseLength(contentLength));
      } catch (PlayerException e) {
        finish();
        listener.onError(e);
        return;
      }
      toSkip = accepted.skipBytes();
      listener.onOpen(accepted.totalLength());
      if (finished) {
        return;
      }
      reader = response.getBody().getReader();
      pump();
    }

    private void pump() {
      if (paused) {
        readDue = true; // not reading lets the stream's back-pressure reach the server
        return;
      }
      reader.read().then(result -> {
        onChunk(result);
        return null;
      }, error -> {
        fail(ErrorCode.NETWORK_CONNECTION_FAILED, FetchBindings.describe(error));
        return null;
      });
    }

    private void onChunk(ReadableStreamReadResult result) {
      if (finished) {
        return;
      }
      if (result.isDone()) {
        finish();
        listener.onEnd();
        return;
      }
      byte[] bytes = FetchBindings.asInt8(result.getValue()).copyToJavaArray();
      int offset = 0;
      int length = bytes.length;
      if (toSkip > 0) {
        int skip = (int) Math.min(toSkip, length);
        toSkip -= skip;
        offset = skip;
        length -= skip;
      }
      if (length > remaining) {
        length = (int) remaining;
      }
      remaining -= length;
      if (length > 0) {
        listener.onData(bytes, offset, length);
      }
      if (finished) {
        return;
      }
      if (remaining == 0) {
        cancel();
        listener.onEnd();
        return;
      }
      pump();
    }

    private void fail(ErrorCode code, String reason) {
      if (finished) {
        return;
      }
      finish();
      listener.onError(PlayerException.critical(code,
          "Loading " + spec.uri() + " failed: " + reason, "url", spec.uri(), "reason", reason));
    }

    private void finish() {
      finished = true;
    }

    @Override
    public void pause() {
      paused = true;
    }

    @Override
    public void resume() {
      paused = false;
      if (readDue && !finished) {
        readDue = false;
        pump();
      }
    }

    @Override
    public void cancel() {
      if (!finished) {
        finished = true;
      }
      controller.abort();
    }

    private static long parseLength(String header) {
      if (header == null) {
        return -1;
      }
      try {
        return Long.parseLong(header.trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
