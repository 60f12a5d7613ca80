package dev.oolong.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The live simulators: {@code /live/NAME/index.m3u8} is a live HLS stream looping the fMP4 HLS
 * fixture {@code test-media/hls/NAME/index.m3u8} against the wall clock ({@link LivePackager}: a
 * sliding window of {@link #WINDOW} segments with program date times), its segments at {@code
 * /live/NAME/N.m4s} and its init section at {@code /live/NAME/init.mp4}. One stream per name,
 * shared by every client, started when first asked for. Playlists are never cached.
 */
final class LiveHandler extends Handler.Abstract {
  static final String PREFIX = "/live/";
  static final int WINDOW = 5;

  private final Path hlsRoot;
  private final ConcurrentHashMap<String, LivePackager> streams = new ConcurrentHashMap<>();

  /** @param hlsRoot the folder holding the HLS fixtures ({@code test-media/hls}) */
  LiveHandler(Path hlsRoot) {
    this.hlsRoot = hlsRoot;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (!path.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = path.substring(PREFIX.length()).split("/");
    if (parts.length != 2 || !parts[0].matches("[a-z0-9_-]+")) {
      StaticFileHandler.sendText(response, callback, 404, "no such live stream\n", false);
      return true;
    }
    Path source = hlsRoot.resolve(parts[0]).resolve("index.m3u8");
    if (!Files.isRegularFile(source)) {
      StaticFileHandler.sendText(response, callback, 404, "no fixture " + parts[0] + " to loop\n", false);
      return true;
    }
    LivePackager live;
    try {
      live = streams.computeIfAbsent(parts[0], n -> {
        try {
          return new LivePackager(source, System.currentTimeMillis(), WINDOW);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      StaticFileHandler.sendText(response, callback, 404, e.getCause().getMessage() + "\n", false);
      return true;
    }
    long now = System.currentTimeMillis();
    String name = parts[1];
    if (name.equals("index.m3u8")) {
      send(response, callback, "application/vnd.apple.mpegurl", live.playlist(now).getBytes(StandardCharsets.UTF_8));
    } else if (name.equals("init.mp4")) {
      send(response, callback, "video/mp4", live.init());
    } else if (name.matches("[0-9]{1,15}\\.m4s")) {
      byte[] b = live.segment(Long.parseLong(name.substring(0, name.length() - 4)), now);
      if (b == null) {
        StaticFileHandler.sendText(response, callback, 404, "segment not published\n", false);
      } else {
        send(response, callback, "video/iso.segment", b);
      }
    } else {
      StaticFileHandler.sendText(response, callback, 404, "no such resource\n", false);
    }
    return true;
  }

  private static void send(Response response, Callback callback, String type, byte[] body) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
