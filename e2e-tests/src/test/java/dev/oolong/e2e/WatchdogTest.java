package dev.oolong.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.PlaywrightException;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The suite's last bound: a page script that never settles is stopped, and the suite goes on. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchdogTest extends BrowserTest {
  @Override
  protected Duration testLimit() {
    return Duration.ofSeconds(5);
  }

  @Test
  @Order(1)
  void aPageScriptThatNeverSettlesIsStopped() {
    page.navigate(url("/blank.html"));
    long start = System.nanoTime();
    assertThatThrownBy(() -> page.evaluate("() => new Promise(() => {})")).isInstanceOf(PlaywrightException.class);
    // Its 5 s count from the page's opening (a browser launch included).
    assertThat((System.nanoTime() - start) / 1e9).as("seconds until the watchdog stopped it").isBetween(0.5, 60.0);
  }

  @Test
  @Order(2)
  void theNextTestHasAWorkingBrowser() {
    page.navigate(url("/blank.html"));
    assertThat(page.evaluate("() => 1 + 1")).isEqualTo(2);
  }
}
