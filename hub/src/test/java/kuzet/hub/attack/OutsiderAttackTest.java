package kuzet.hub.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kuzet.hub.testing.SecuredHub;
import kuzet.hub.testing.SecuredHub.Browser;
import kuzet.hub.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outsider against a running hub, over HTTP only: what they can send, and what must come back. The hub
 * sits behind a (pretend) TLS proxy as in production, so the outsider's requests carry the address the proxy
 * saw (203.0.113.66) and the control room's its own (10.20.0.5). The cases run in order on one hub: the
 * sign-in flood comes last, and the control room must still get in after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutsiderAttackTest {
  static final String TOKEN = "attack-test-metrics-token";
  static final String[] OUTSIDER = {"X-Forwarded-For", "203.0.113.66"};
  static final String[] CONTROL_ROOM = {"X-Forwarded-For", "10.20.0.5"};

  static SecuredHub hub;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    hub = SecuredHub.start(dir, Map.of("http.behindTlsProxy", "true", "metrics.token", TOKEN), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private static String[] with(String[] who, String... more) {
    String[] all = new String[who.length + more.length];
    System.arraycopy(who, 0, all, 0, who.length);
    System.arraycopy(more, 0, all, who.length, more.length);
    return all;
  }

  @Test
  @Order(1)
  void uploadsWithoutASessionWriteNothingToDisk() throws Exception {
    Path uploads = Path.of(BodyHandler.DEFAULT_UPLOADS_DIRECTORY).toAbsolutePath();
    long before = SecuredHub.filesUnder(uploads);
    for (int i = 0; i < 20; i++) {
      Object[] form = SecuredHub.multipart(2, 30_000);
      HttpResponse<String> r = hub.send("POST", i % 2 == 0 ? "/api/posts" : "/api/session",
          (HttpRequest.BodyPublisher) form[1], with(OUTSIDER, "Content-Type", (String) form[0]));
      assertThat(r.statusCode()).isBetween(400, 499);
    }
    assertThat(SecuredHub.filesUnder(uploads)).isEqualTo(before);
    assertThat(SecuredHub.filesUnder(hub.hub.dataDir.resolve(BodyHandler.DEFAULT_UPLOADS_DIRECTORY))).isZero();
  }

  @Test
  @Order(2)
  void oversizeBodiesAreRefusedWith413BeforeAnythingElse() {
    String signIn = new JsonObject().put("username", "u".repeat(10_000)).put("password", "p").encode();
    assertThat(hub.send("POST", "/api/session", HttpRequest.BodyPublishers.ofString(signIn),
        with(OUTSIDER, "Content-Type", "application/json")).statusCode()).isEqualTo(413);
    String api = "{\"note\":\"" + "n".repeat(70_000) + "\"}";
    assertThat(hub.send("POST", "/api/alerts/x/ack", HttpRequest.BodyPublishers.ofString(api),
        with(OUTSIDER, "Content-Type", "application/json")).statusCode()).isEqualTo(413);
  }

  @Test
  @Order(3)
  void knownAndUnknownUsernamesCannotBeToldApart() {
    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      known.add(answer(hub.signIn(SecuredHub.ADMIN, "guess-" + i, OUTSIDER)));
      unknown.add(answer(hub.signIn("chief-of-police", "guess-" + i, OUTSIDER)));
    }
    assertThat(known).isEqualTo(unknown);
  }

  private static String answer(HttpResponse<String> r) {
    return r.statusCode() + " " + r.body() + " " + r.headers().firstValue("Retry-After").orElse("-");
  }

  @Test
  @Order(4)
  void aStreamEndsWhenItsSessionSignsOut() {
    Browser duty = hub.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
    try (SseClient board = hub.stream(duty)) {
      await().until(() -> board.status == 200);
      assertThat(hub.as(duty, "DELETE", "/api/session", null).statusCode()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(5)).until(() -> board.ended);
    }
    assertThat(hub.get("/api/stream", "Cookie", duty.cookie()).statusCode()).isEqualTo(401);
  }

  @Test
  @Order(5)
  void metricsStayClosedWithoutTheToken() {
    assertThat(hub.get("/metrics", OUTSIDER).statusCode()).isEqualTo(401);
    assertThat(hub.get("/metrics", with(OUTSIDER, "Authorization", "Bearer guess")).statusCode()).isEqualTo(401);
    assertThat(hub.get("/metrics", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void errorBodiesNeverCarryInternals() {
    List<HttpResponse<String>> answers = List.of(
        hub.send("POST", "/api/session", HttpRequest.BodyPublishers.ofString("{\"username\":"),
            with(OUTSIDER, "Content-Type", "application/json")),
        hub.send("POST", "/api/session", HttpRequest.BodyPublishers.ofString("{\"username\":[1],\"password\":{}}"),
            with(OUTSIDER, "Content-Type", "application/json")),
        hub.send("PUT", "/api/session", HttpRequest.BodyPublishers.ofString("x"), OUTSIDER),
        hub.get("/api/alerts/%00%0d%0a", OUTSIDER),
        hub.get("/api/posts/..%2f..%2fetc%2fpasswd", OUTSIDER),
        hub.get("/api/stream", with(OUTSIDER, "Last-Event-ID", "9".repeat(500))),
        hub.get("/webjars/../../../../etc/passwd", OUTSIDER),
        hub.get("/api/reports/incidents?from=x&to=y", OUTSIDER));
    for (HttpResponse<String> r : answers) {
      assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isBetween(400, 499);
      assertThat(r.body()).as(r.uri().toString()).doesNotContain("Exception").doesNotContain("java.")
          .doesNotContain("at kuzet").doesNotContainIgnoringCase("sqlite").doesNotContain("root:");
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.uri().toString()).isPresent();
    }
  }

  @Test
  @Order(7)
  void aSignInFloodIsAnsweredQuicklyAndLeavesTheControlRoomAbleToSignIn() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 300; i++) {
      String user = i % 3 == 0 ? SecuredHub.ADMIN : "user" + i;
      sent.add(pool.submit(() -> hub.signIn(user, "guess", OUTSIDER)));
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (Future<HttpResponse<String>> f : sent) {
      statuses.merge(f.get(60, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
    }
    pool.shutdown();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("300 outsider sign-ins answered in %d ms: %s%n", took.toMillis(), statuses);
    assertThat(statuses.keySet()).as("%s", statuses).isSubsetOf(401, 429, 503);
    assertThat(statuses.getOrDefault(401, 0)).as("passwords actually checked").isLessThanOrEqualTo(30);
    HttpResponse<String> admin = hub.signIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW, CONTROL_ROOM);
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
  }
}
