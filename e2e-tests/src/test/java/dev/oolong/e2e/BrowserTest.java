package dev.oolong.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.oolong.server.DevServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every browser test: server-dev in-process on a free port, one Playwright and one
 * Debian Chromium ({@code /usr/bin/chromium}, never a downloaded browser) per test class, a fresh
 * context and page per test. Subclasses may override {@link #serverConfig}.
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

  protected DevServer server;
  protected Playwright playwright;
  protected Browser browser;
  protected BrowserContext context;
  protected Page page;

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

  @BeforeAll
  void startServerAndBrowser() throws Exception {
    server = DevServer.start(serverConfig());
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(browserArgs()));
  }

  @AfterAll
  void stopServerAndBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext();
    page = context.newPage();
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type())) {
        System.err.println("[browser console] " + m.text());
      }
    });
    page.onPageError(e -> System.err.println("[page error] " + e));
  }

  @AfterEach
  void closePage() {
    if (context != null) {
      context.close();
    }
  }

  protected String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }
}
