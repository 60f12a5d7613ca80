package dev.oolong.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Oolong's development and test server (Jetty 12). Serves the demo ({@code /}), the built
 * bundle ({@code /dist/}), the generated test media ({@code /test-media/}) and, with {@code
 * --media DIR}, the user's own files ({@code /media/}), with byte ranges, COOP/COEP (on by
 * default), CORS, request logging and graceful shutdown; the live simulators ({@code /live/},
 * {@link LiveHandler}). HTTP/1.1 and h2c on one port.
 *
 * <p>Run {@code java -jar server-dev/target/oolong-server-dev-*-all.jar --help}.
 */
public final class DevServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevServer.class);

  /**
   * Server settings. Folders that do not exist are still mounted (they answer 404) and a warning
   * says so, so a half-built tree still starts.
   */
  public record Config(
      String host,
      int port,
      boolean isolation,
      boolean requestLog,
      Path web,
      Path dist,
      Path testMedia,
      Path userMedia,
      long stopTimeoutMs,
      boolean faults) {

    /** Defaults relative to the repository root (the working folder of {@code ./oolong}). */
    public static Config defaults() {
      return new Config("0.0.0.0", 8080, true, true, Path.of("web/src/main/webapp"),
          Path.of("js-glue/target/dist"), Path.of("build/test-media"), null, 5000, false);
    }

    public Config withPort(int p) {
      return new Config(host, p, isolation, requestLog, web, dist, testMedia, userMedia, stopTimeoutMs, faults);
    }

    public Config withHost(String h) {
      return new Config(h, port, isolation, requestLog, web, dist, testMedia, userMedia, stopTimeoutMs, faults);
    }

    public Config withIsolation(boolean i) {
      return new Config(host, port, i, requestLog, web, dist, testMedia, userMedia, stopTimeoutMs, faults);
    }

    public Config withRequestLog(boolean l) {
      return new Config(host, port, isolation, l, web, dist, testMedia, userMedia, stopTimeoutMs, faults);
    }

    public Config withRoots(Path w, Path d, Path t) {
      return new Config(host, port, isolation, requestLog, w, d, t, userMedia, stopTimeoutMs, faults);
    }

    public Config withUserMedia(Path m) {
      return new Config(host, port, isolation, requestLog, web, dist, testMedia, m, stopTimeoutMs, faults);
    }

    /**
     * Fault injection for tests, off by default: a request with {@code ?fault=truncate:N} sees
     * the file as its first N bytes; {@code ?fault=drop:N} has its connection cut when the body
     * reaches byte N of the file, once per URL (later requests are served whole, so a client that
     * resumes recovers).
     */
    public Config withFaults(boolean f) {
      return new Config(host, port, isolation, requestLog, web, dist, testMedia, userMedia, stopTimeoutMs, f);
    }

    public Config withStopTimeoutMs(long ms) {
      return new Config(host, port, isolation, requestLog, web, dist, testMedia, userMedia, ms, faults);
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final Traffic traffic;
  /** Network shaping (with {@code --faults}), or null. */
  private final Shaping shaping;

  private DevServer(Server server, ServerConnector connector, Traffic traffic, Shaping shaping) {
    this.server = server;
    this.connector = connector;
    this.traffic = traffic;
    this.shaping = shaping;
  }

  /** Starts a server; port 0 picks a free port (see {@link #port()}). */
  public static DevServer start(Config config) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("server-dev");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server,
        new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    server.addConnector(connector);

    List<StaticFileHandler.Mount> mounts = new ArrayList<>();
    mount(mounts, "/", config.web());
    mount(mounts, "/dist/", config.dist());
    mount(mounts, "/test-media/", config.testMedia());
    if (config.userMedia() != null) {
      if (!Files.isDirectory(config.userMedia())) {
        throw new IllegalArgumentException("--media: not a folder: " + config.userMedia());
      }
      mount(mounts, "/media/", config.userMedia());
    }
    Traffic traffic = new Traffic();
    Shaping shaping = config.faults() ? new Shaping() : null;
    StaticFileHandler files = new StaticFileHandler(mounts, traffic, config.faults(), shaping);
    LiveHandler live = new LiveHandler(config.testMedia().toAbsolutePath().normalize().resolve("hls"));
    org.eclipse.jetty.server.Handler content = shaping == null
        ? new org.eclipse.jetty.server.Handler.Sequence(live, files)
        : new org.eclipse.jetty.server.Handler.Sequence(new ShapingHandler(shaping), live, files);
    GracefulHandler graceful = new GracefulHandler(new CommonHeadersHandler(config.isolation(), content));
    server.setHandler(graceful);
    server.setStopTimeout(config.stopTimeoutMs());
    server.setStopAtShutdown(true);
    if (config.requestLog()) {
      server.setRequestLog((request, response) -> LOG.info("{} {} {} {}", request.getMethod(),
          request.getHttpURI().getPathQuery(), response.getStatus(),
          Request.getRemoteAddr(request)));
    }
    server.start();
    return new DevServer(server, connector, traffic, shaping);
  }

  private static void mount(List<StaticFileHandler.Mount> mounts, String prefix, Path root) {
    Path abs = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      LOG.warn("{} -> {} does not exist (yet); it answers 404", prefix, abs);
    }
    mounts.add(new StaticFileHandler.Mount(prefix, abs));
  }

  /** The port the server listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** What the server has sent, per path. */
  public Traffic traffic() {
    return traffic;
  }

  /** Stops gracefully: requests in flight finish (up to the stop timeout), new ones are refused. */
  public void stop() throws Exception {
    if (shaping != null) {
      shaping.close(); // stalled bodies end: they would hold the graceful stop
    }
    server.stop();
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  public static void main(String[] args) throws Exception {
    Config config;
    try {
      config = Cli.parse(args, Config.defaults());
    } catch (Cli.HelpRequested e) {
      System.out.println(Cli.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("server-dev: " + e.getMessage() + "\n\n" + Cli.USAGE);
      System.exit(2);
      return;
    }
    DevServer s = start(config);
    String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
    System.out.println("Oolong server-dev listening on http://" + host + ":" + s.port() + "/"
        + (config.isolation() ? " (cross-origin isolated)" : " (COOP/COEP off)"));
    s.server.join();
  }
}
