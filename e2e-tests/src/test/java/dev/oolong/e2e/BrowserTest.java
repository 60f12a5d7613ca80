package dev.oolong.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.oolong.server.DevServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Base of every browser test: server-dev in-process on a free port per test class, one Playwright
 * and one Debian Chromium ({@code /usr/bin/chromium}, never a downloaded browser) per set of
 * switches for the whole run, a fresh context and page per test, and a watchdog that bounds each
 * test ({@link #testLimit}). Subclasses may override {@link #serverConfig} and {@link
 * #browserArgs}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /**
   * Page script prefix defining {@code makePlayer(config, w, h)}: a {@code w×h} box appended to
   * the page with a player in it ({@code window.player}), its events recorded in {@code
   * window.events} (an error as {@code 'error SEVERITY CODE: message'}).
   */
  static final String MAKE_PLAYER = """
      const makePlayer = (config, w, h) => {
        const box = document.createElement('div');
        box.style.width = w + 'px'; box.style.height = h + 'px';
        document.body.appendChild(box);
        window.events = [];
        const p = window.player = Oolong.createPlayer(box, config);
        for (const n of ['loadedmetadata', 'loadeddata', 'play', 'playing', 'pause', 'seeking', 'seeked', 'ended', 'waiting', 'error'])
          p.on(n, (e) => window.events.push(n === 'error' ? 'error ' + e.severity + ' ' + e.codeName + ': ' + e.message : n));
        return p;
      };
      """;

  /**
   * Page script (after {@link #MAKE_PLAYER}) defining {@code runCase(config, body)}: a 640×360
   * player, {@code await body(p, out)}, a failure kept as {@code out.failed}, then {@code
   * out.events} and {@code out.stats}, the player destroyed; resolves to {@code out} as JSON.
   */
  static final String RUN_CASE = """
      const runCase = async (config, body) => {
        const out = {};
        const p = makePlayer(config, 640, 360);
        try { await body(p, out); } catch (e) { out.failed = String(e.message || e); }
        out.events = window.events;
        out.stats = p.getStats();
        p.destroy();
        return JSON.stringify(out);
      };
      """;

  /** The server's settings for this class; default: isolated, quiet, the built tree. */
  protected DevServer.Config serverConfig() {
    return DevServer.Config.defaults()
        .withHost("127.0.0.1")
        .withPort(0)
        .withRequestLog(false)
        .withRoots(TestEnv.web(), TestEnv.dist(), TestEnv.testMedia());
  }

  /**
   * Chromium's switches. By default audio may start without a user gesture
   * ({@code --autoplay-policy=no-user-gesture-required}); a class testing the policy replaces it.
   */
  protected List<String> browserArgs() {
    return List.of("--use-angle=swiftshader", "--enable-unsafe-swiftshader",
        "--autoplay-policy=no-user-gesture-required", "--disable-background-networking",
        "--disable-component-update", "--no-first-run");
  }

  /**
   * The longest a single test may run. Past it the watchdog kills the browser's processes, so
   * whatever Playwright call is waiting fails at once with a message instead of hanging the suite
   * (Playwright's {@code evaluate} has no timeout of its own); the next test gets a new browser.
   */
  protected Duration testLimit() {
    return Duration.ofMinutes(3);
  }

  /** Browsers shared by every class of the run (one per set of switches): a launch costs ~2 s. */
  private static final Map<List<String>, Browser> BROWSERS = new HashMap<>();
  private static Playwright playwright;
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "e2e-watchdog");
    t.setDaemon(true);
    return t;
  });

  protected DevServer server;
  protected Browser browser;
  protected BrowserContext context;
  protected Page page;
  private ScheduledFuture<?> watchdog;
  private volatile boolean watchdogFired;

  /** A test the watchdog stopped fails with that said, not only with Playwright's "target closed". */
  @RegisterExtension
  final TestExecutionExceptionHandler watchdogMessage = (extension, thrown) -> {
    if (watchdogFired) {
      throw new AssertionError("the test ran past its limit of " + testLimit().toSeconds()
          + " s: the watchdog killed the browser (" + thrown + ")", thrown);
    }
    throw thrown;
  };

  /** The shared browser for these switches, launched on first use (again if it died). */
  static synchronized Browser browserFor(List<String> args) {
    if (playwright == null) {
      playwright = Playwright.create(new Playwright.CreateOptions()
          .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          playwright.close();
        } catch (RuntimeException e) {
          // the JVM is going: the driver exits with its pipe anyway
        }
      }));
    }
    Browser b = BROWSERS.get(args);
    if (b == null || !b.isConnected()) {
      b = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM)
          .setHeadless(true)
          .setArgs(args));
      BROWSERS.put(args, b);
    }
    return b;
  }

  /** Kills every Chromium process this JVM started (the watchdog's last resort). */
  static void killBrowsers() {
    ProcessHandle.current().descendants()
        .filter(ph -> ph.info().command().map(c -> c.contains("chromium")).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
  }

  @BeforeAll
  void startServer() throws Exception {
    server = DevServer.start(serverConfig());
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @BeforeEach
  void openPage(TestInfo test) {
    browser = browserFor(browserArgs());
    context = browser.newContext();
    page = context.newPage();
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type())) {
        System.err.println("[browser console] " + m.text());
      }
    });
    page.onPageError(e -> System.err.println("[page error] " + e));
    Duration limit = testLimit();
    watchdogFired = false;
    watchdog = WATCHDOG.schedule(() -> {
      watchdogFired = true;
      System.err.println("[watchdog] " + test.getDisplayName() + " in " + getClass().getSimpleName()
          + " still running after " + limit.toSeconds() + " s: killing the browser so the test fails");
      killBrowsers();
    }, limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void closePage() {
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    if (context != null && browser.isConnected()) {
      try {
        context.close();
      } catch (RuntimeException e) {
        System.err.println("[e2e] closing the context: " + e.getMessage());
      }
    }
  }

  protected String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }
}
