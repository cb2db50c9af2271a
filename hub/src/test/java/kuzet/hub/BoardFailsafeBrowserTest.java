package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kuzet.hub.testing.SecuredHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board whose own scripts fail says so on top of the page, in a real Chromium against a running hub, instead of
 * leaving a blank page or a board that quietly stopped showing alarms.
 */
class BoardFailsafeBrowserTest {
  @TempDir
  static Path dir;
  static SecuredHub hub;

  @BeforeAll
  static void start() throws Exception {
    hub = SecuredHub.start(dir);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  @BeforeEach
  void needsChromium() {
    assumeTrue(Chromium.available(), "needs Debian's chromium and chromium-driver (./run test installs them)");
  }

  @Test
  void aBoardWhoseScriptsFailToLoadSaysSoInsteadOfStayingBlank() throws Exception {
    try (Chromium browser = new Chromium(dir.resolve("profile-blocked"))) {
      browser.driver.executeCdpCommand("Network.enable", Map.of());
      // as when a proxy or a half-copied install loses one of the board's modules
      browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/js/alerts.js")));
      browser.driver.get(hub.base() + "/?tiles=off");

      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> browser.find("#board-failed").isDisplayed());
      assertThat(browser.find("#board-failed").getText()).contains("Пульт не работает", "Reload the page");
      assertThat(browser.find("#board-failed-cause").getText()).as("what failed, for the administrator")
          .contains("js/main.js");
      assertThat(browser.find("#signin").isDisplayed()).as("nothing else started").isFalse();
      browser.screenshot("board-failsafe-blocked-script");
    }
  }

  @Test
  void anErrorWhileTheBoardRunsIsShownOnTopOfItAndAWorkingBoardShowsNothing() throws Exception {
    try (Chromium browser = new Chromium(dir.resolve("profile-running"))) {
      browser.signIn(hub.base(), SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      assertThat(browser.script("return document.documentElement.dataset.boardStarted"))
          .as("the start-up check will not fire on a board that started").isEqualTo("yes");
      assertThat(browser.find("#board-failed").isDisplayed()).isFalse();

      // an error of a script that is not the board's (here this test's; in service, say, an extension's) is left alone
      browser.script("setTimeout(() => { throw new Error('not the board'); }, 0)");
      org.awaitility.Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> !browser.find("#board-failed").isDisplayed());

      // the board's own once-a-second tick now fails inside the board's code (an error thrown by a function this
      // test injected would reach the page only as "Script error.", the browser hides its details)
      browser.script("Element.prototype.querySelectorAll = undefined;");

      browser.waitUpTo(Duration.ofSeconds(10)).until(d -> browser.find("#board-failed").isDisplayed());
      assertThat(browser.find("#board-failed-cause").getText()).contains("querySelectorAll is not a function", ".js:");
      assertThat(browser.find("#board").isDisplayed()).as("the board stays, under the warning").isTrue();
    }
  }
}
