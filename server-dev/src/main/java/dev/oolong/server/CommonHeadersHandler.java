package dev.oolong.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Adds the headers every response carries: cross-origin isolation (COOP {@code same-origin} +
 * COEP {@code require-corp}, switchable), {@code Cross-Origin-Resource-Policy} and CORS so that
 * other origins (and other isolated pages) can load the media; answers CORS preflights.
 */
final class CommonHeadersHandler extends Handler.Wrapper {
  private final boolean isolation;

  CommonHeadersHandler(boolean isolation, Handler next) {
    super(next);
    this.isolation = isolation;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    var h = response.getHeaders();
    if (isolation) {
      h.put("Cross-Origin-Opener-Policy", "same-origin");
      h.put("Cross-Origin-Embedder-Policy", "require-corp");
    }
    h.put("Cross-Origin-Resource-Policy", "cross-origin");
    h.put("Access-Control-Allow-Origin", "*");
    h.put("Access-Control-Expose-Headers",
        "Content-Range, Content-Length, Accept-Ranges, Content-Type, ETag, Last-Modified");
    h.put("X-Content-Type-Options", "nosniff");
    if ("OPTIONS".equals(request.getMethod())) {
      h.put("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      h.put("Access-Control-Allow-Headers", "Range, If-Range, If-None-Match, Content-Type");
      h.put("Access-Control-Max-Age", "600");
      response.setStatus(204);
      callback.succeeded();
      return true;
    }
    if (super.handle(request, response, callback)) {
      return true;
    }
    StaticFileHandler.sendText(response, callback, "GET".equals(request.getMethod())
        || "HEAD".equals(request.getMethod()) ? 404 : 405, "Not found\n", "HEAD".equals(request.getMethod()));
    return true;
  }
}
