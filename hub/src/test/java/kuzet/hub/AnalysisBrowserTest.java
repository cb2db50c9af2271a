package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kuzet.hub.analysis.SeededHistory;
import kuzet.hub.store.Database;
import kuzet.hub.testing.SecuredHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis page in a real Chromium on the seeded 90 days: reached from the board's link, the map's circles
 * and the weekday x hour matrix drawn from the data, the daily chart, and the three languages; screenshots go to
 * target/screenshots.
 */
class AnalysisBrowserTest {
  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void anOperatorOpensTheAnalysisFromTheBoardSeesTheMapAndMatrixAndSwitchesLanguage() throws Exception {
    assumeTrue(Chromium.available(), "needs Debian's chromium and chromium-driver (./run test installs them)");
    try (SecuredHub hub = SecuredHub.start(dir, Map.of("alerts.timeZone", "+05:00"), Clock.systemUTC());
         Chromium browser = new Chromium(dir.resolve("profile"))) {
      try (Database db = Database.open(hub.hub.config().store())) {
        new SeededHistory(60, 90, java.time.LocalDate.parse("2026-09-01"), java.time.ZoneOffset.ofHours(5)).write(db);
      }
      browser.driver.get(hub.base() + "/?tiles=off");
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> browser.find("#signin-user").isDisplayed());
      browser.find("#signin-user").sendKeys(SecuredHub.OPERATOR);
      browser.find("#signin-pass").sendKeys(SecuredHub.OPERATOR_PW);
      browser.click("#signin-form button[type=submit]");
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> browser.find("#analysis-link").isDisplayed());
      assertThat(browser.find("#analysis-link").getText()).isEqualTo("Анализ");

      browser.driver.get(hub.base() + "/analysis.html?from=2026-09-01&to=2026-11-30");
      browser.waitUpTo(Duration.ofSeconds(30)).until(d -> browser.findAll("#matrix td[data-count]").size() == 7 * 24);
      List<Object> tuesday = (List<Object>) browser.script(
          "return [...document.querySelectorAll('#matrix tbody tr')[1].querySelectorAll('td')].map(td => td.dataset.count)");
      assertThat(tuesday.get(22)).isEqualTo("15");
      assertThat(tuesday.get(14)).isNotEqualTo("0");
      assertThat(browser.find("#headline [data-measure='presses'] dd").getText()).isEqualTo("210");
      // one circle per registered post (the seeded 60 and SecuredHub's own), the busiest the largest
      browser.waitUpTo(Duration.ofSeconds(10)).until(d -> browser.findAll("#analysis-map path.press-circle").size() == 61);
      assertThat(browser.findAll("#daily-chart canvas")).isNotEmpty();
      assertThat(browser.find("#h-where").getText()).isEqualTo("Где");
      browser.screenshot("analysis-ru");

      browser.click("[data-lang='kk']");
      assertThat(browser.find("#h-where").getText()).isEqualTo("Қайда");
      assertThat(browser.find("#headline [data-measure='presses'] dt").getText()).isEqualTo("Түйме басулары");
      browser.screenshot("analysis-kk");
      browser.click("[data-lang='en']");
      assertThat(browser.find("#h-when").getText()).isEqualTo("When");
      assertThat(browser.findAll("#matrix tbody th").get(0).getText()).isEqualTo("Mon");
      browser.script("document.getElementById('h-when').scrollIntoView()");
      browser.screenshot("analysis-en-when");
      assertThat(browser.consoleErrors()).as("script errors or CSP violations").isEmpty();
    }
  }
}
