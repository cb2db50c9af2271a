package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kuzet.hub.auth.Argon2Passwords;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.OperatorService;
import kuzet.hub.auth.OperatorStore;
import kuzet.hub.auth.Role;
import kuzet.hub.auth.SessionAccess;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.PostMessages;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.CommandName;
import kuzet.protocol.EventKind;
import kuzet.protocol.Readings;
import kuzet.release.ReleaseBundle;
import kuzet.release.ReleaseKeys;
import kuzet.release.ReleaseVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A rollout's progress on the board, in Chromium: a viewer opens "Обновления" and sees the release, how many posts
 * are updated and how many are not, and per post its state and the reason a post refused the bundle, in Russian and
 * after one switch in Kazakh. Real hub and broker; the posts are {@link FakePost}s that report what an agent reports.
 */
class RolloutBoardBrowserTest {
  private static final String PASSWORD = "rollout-view-password-1";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir
  Path dir;

  @Test
  @Timeout(240)
  void aViewerSeesEachPostsStateAndARefusalsReason() throws Exception {
    Assumptions.assumeTrue(Chromium.available(), "needs Debian's chromium and chromium-driver");
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"))) {
      HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of("fleet.heartbeatTimeoutS", "86400",
          "updates.baseUrl", "https://hub.example.kz:8443", "updates.resendS", "3600")).register("upd-1", "upd-2");
      try (OperatorStore store = OperatorStore.open(hub.config().store())) {
        OperatorService ops = new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, Clock.systemUTC());
        ops.create("test", "chief", Role.ADMIN, PASSWORD);
        ops.create("test", "watcher", Role.VIEWER, PASSWORD);
      }
      try (SessionAccess access = SessionAccess.open(hub.config().store(), AuthSettings.DEFAULT, Clock.systemUTC());
           FakePost one = new FakePost(broker.url(), "upd-1", "boot-1", 30);
           FakePost two = new FakePost(broker.url(), "upd-2", "boot-1", 30)) {
        hub.start(access);
        String[] admin = signIn(hub, "chief");
        rollOut(hub, admin);
        for (FakePost p : new FakePost[] {one, two}) {
          await("UPDATE at " + p.id).atMost(Duration.ofSeconds(60))
              .until(() -> p.commands.stream().anyMatch(c -> c.name() == CommandName.UPDATE));
        }
        report(one, Map.of("state", "REFUSED", "reason", "TAMPERED", "detail", "lib/dep.jar: sha256 differs"));
        report(two, Map.of("state", "COMMITTED"));
        await("both outcomes stored, the rollout halted").atMost(Duration.ofSeconds(30)).until(() -> {
          String body = get(hub, admin, "/api/rollouts");
          // a first-stage post refused the release: the rollout halts
          return body.contains("\"REFUSED\"") && body.contains("\"DONE\"") && body.contains("\"HALTED\"");
        });

        try (Chromium browser = new Chromium(dir.resolve("profile"))) {
          browser.signIn(hub.base(), "watcher", PASSWORD);
          browser.click("#rollouts-button");
          browser.waitUpTo(Duration.ofSeconds(10)).until(d -> !browser.findAll("#rollouts-dialog tr[data-post]").isEmpty());
          assertThat(browser.read("#rollouts-dialog section.rollout h3").text()).as("h3 is shown in capitals").isEqualToIgnoringCase("Версия 1.4.0: остановлена");
          assertThat(browser.read("#rollouts-dialog .rollout-counts").text())
              .isEqualTo("ждут: 0 · обновляются: 0 · обновлены: 1 · не обновлены: 1");
          Chromium.Seen refused = browser.read("#rollouts-dialog tr[data-post='upd-1']");
          assertThat(refused.state()).isEqualTo("REFUSED");
          assertThat(refused.cls()).contains("rollout-failed");
          assertThat(refused.text()).contains("отклонено постом").contains("пакет изменён — lib/dep.jar: sha256 differs");
          assertThat(browser.read("#rollouts-dialog tr[data-post='upd-2']").text()).contains("обновлено");
          browser.screenshot("board-rollouts");

          browser.driver.findElement(By.cssSelector("#rollouts-dialog button:last-of-type")).click();
          browser.click("#board [data-lang-switch]");
          browser.click("#rollouts-button");
          browser.waitUpTo(Duration.ofSeconds(10)).until(d ->
              browser.read("#rollouts-dialog tr[data-post='upd-1']").text().contains("пакет өзгертілген"));
        }
      } finally {
        hub.close();
      }
    }
  }

  private void rollOut(HubHarness hub, String[] admin) throws Exception {
    Path jar = Files.writeString(dir.resolve("edge-agent.jar"), "an agent release");
    Path bundle = dir.resolve("1.4.0.kzb");
    ReleaseBundle.write(bundle, ReleaseVersion.of("1.4.0"), "edge-agent.jar", Map.of("edge-agent.jar", jar),
        ReleaseKeys.generate(new SecureRandom()), Instant.now());
    HttpResponse<String> up = HTTP.send(authed(hub, admin, "/api/releases").PUT(HttpRequest.BodyPublishers.ofFile(bundle))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    HttpResponse<String> started = HTTP.send(authed(hub, admin, "/api/rollouts").header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"1.4.0\",\"posts\":[\"upd-1\",\"upd-2\"],\"firstStage\":2}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
  }

  /** UPDATE_STATUS as an agent sends it, then telemetry so the hub has handled it before anything else. */
  private static void report(FakePost p, Map<String, String> attributes) {
    Map<String, String> a = new java.util.HashMap<>(attributes);
    a.put("version", "1.4.0");
    p.publish(PostMessages.event(p, Instant.now(), EventKind.UPDATE_STATUS, a), false);
    p.publish(PostMessages.telemetry(p, Instant.now(), Readings.empty()), false);
  }

  private static HttpRequest.Builder authed(HubHarness hub, String[] who, String path) {
    return HttpRequest.newBuilder(URI.create(hub.base() + path)).header("Cookie", who[0])
        .header(SessionAccess.CSRF_HEADER, who[1]);
  }

  private static String get(HubHarness hub, String[] who, String path) throws Exception {
    return HTTP.send(authed(hub, who, path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The session cookie and the CSRF token to echo. */
  private static String[] signIn(HubHarness hub, String user) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/session"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            new JsonObject().put("username", user).put("password", PASSWORD).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new String[] {cookie.substring(0, cookie.indexOf(';')), new JsonObject(r.body()).getString("csrfToken")};
  }
}
