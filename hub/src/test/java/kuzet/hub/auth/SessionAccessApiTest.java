package kuzet.hub.auth;

import kuzet.store.StoreSettings;
import kuzet.protocol.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, roles and CSRF over real HTTP against a real Vert.x server and a real SQLite file. */
class SessionAccessApiTest {
  static final String JSON = "application/json";
  static final String ADMIN_PW = "admin-password-1";
  static final String OPERATOR_PW = "operator-password-1";
  static final String VIEWER_PW = "viewer-password-1";

  static Path seeded;

  @TempDir
  Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-24T20:00:00Z"));
  AuthServer server;

  /** Hashing is deliberately slow, so the three operators are created once and the file copied for each test. */
  @BeforeAll
  static void seed(@TempDir Path seedDir) {
    seeded = seedDir.resolve("seed.db");
    try (OperatorStore store = OperatorStore.open(StoreSettings.sqlite(seeded))) {
      OperatorService ops = new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT,
          new MutableClock(Instant.parse("2026-11-24T19:00:00Z")));
      ops.create("test", "admin", Role.ADMIN, ADMIN_PW);
      ops.create("test", "op1", Role.OPERATOR, OPERATOR_PW);
      ops.create("test", "viewer1", Role.VIEWER, VIEWER_PW);
    }
  }

  @BeforeEach
  void start() throws Exception {
    Path db = Files.copy(seeded, dir.resolve("hub.db"));
    server = new AuthServer(db, AuthSettings.DEFAULT, clock);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void requestsWithoutASessionAreRefusedWith401() throws Exception {
    assertThat(server.send("GET", "/api/posts", null).statusCode()).isEqualTo(401);
    assertThat(server.send("POST", "/api/alerts/a1/ack", "{}", "Content-Type", JSON).statusCode()).isEqualTo(401);
    assertThat(server.send("GET", "/api/operators", null).statusCode()).isEqualTo(401);
    HttpResponse<String> who = server.send("GET", "/api/session", null);
    assertThat(who.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(who.body()).getString("error")).isEqualTo("sign in first");
    HttpResponse<String> forged = server.send("GET", "/api/posts", null, "Cookie", SessionAccess.COOKIE + "=made-up-token");
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void aRoleBelowTheRouteIsRefusedWith403() throws Exception {
    SignedIn viewer = SignedIn.as(server, "viewer1", VIEWER_PW);
    assertThat(viewer.get("/api/posts").statusCode()).isEqualTo(200);
    HttpResponse<String> ack = viewer.post("/api/alerts/a1/ack", "{}");
    assertThat(ack.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(ack.body()).getString("error")).contains("operator role").contains("viewer");

    SignedIn operator = SignedIn.as(server, "op1", OPERATOR_PW);
    HttpResponse<String> ok = operator.post("/api/alerts/a1/ack", "{}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ok.body()).getString("ackBy")).isEqualTo("op1");
    assertThat(operator.get("/api/operators").statusCode()).isEqualTo(403);
    assertThat(SignedIn.as(server, "admin", ADMIN_PW).get("/api/operators").statusCode()).isEqualTo(200);
  }

  @Test
  void aStateChangingRequestWithoutTheCsrfTokenIsRefused() throws Exception {
    SignedIn operator = SignedIn.as(server, "op1", OPERATOR_PW);
    HttpResponse<String> none = server.send("POST", "/api/alerts/a1/ack", "{}", "Content-Type", JSON, "Cookie", operator.cookie());
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(none.body()).getString("error")).contains("X-CSRF-Token");
    HttpResponse<String> wrong = server.send("POST", "/api/alerts/a1/ack", "{}", "Content-Type", JSON,
        "Cookie", operator.cookie(), SessionAccess.CSRF_HEADER, operator.csrf() + "x");
    assertThat(wrong.statusCode()).isEqualTo(403);
    HttpResponse<String> signOut = server.send("DELETE", "/api/session", null, "Cookie", operator.cookie());
    assertThat(signOut.statusCode()).isEqualTo(403);
    assertThat(operator.post("/api/alerts/a1/ack", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void wrongPasswordsMakeTheNextTryWaitLongerEachTimeUpToTheMaximum() throws Exception {
    HttpResponse<String> first = signIn("op1", "wrong-password-0");
    assertThat(first.statusCode()).isEqualTo(401);
    HttpResponse<String> tooSoon = signIn("op1", OPERATOR_PW);
    assertThat(tooSoon.statusCode()).as("right password, but within the back-off").isEqualTo(429);
    assertThat(tooSoon.headers().firstValue("Retry-After")).contains("1");

    for (int i = 2; i <= 12; i++) {
      clock.advance(Duration.ofMinutes(15));
      assertThat(signIn("op1", "wrong-password-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> waiting = signIn("op1", OPERATOR_PW);
    assertThat(waiting.statusCode()).isEqualTo(429);
    assertThat(new JsonObject(waiting.body()).getLong("retryAfterS"))
        .as("capped at auth.maxBackoffS").isEqualTo(AuthSettings.DEFAULT.maxBackoff().toSeconds());

    clock.advance(AuthSettings.DEFAULT.maxBackoff());
    assertThat(signIn("op1", OPERATOR_PW).statusCode()).isEqualTo(200);
    // a success clears the count: one more wrong password waits only the first back-off
    assertThat(signIn("op1", "wrong-again-123").statusCode()).isEqualTo(401);
    clock.advance(Duration.ofSeconds(1));
    assertThat(signIn("op1", OPERATOR_PW).statusCode()).isEqualTo(200);
  }

  @Test
  void theHubCanTellAtStartWhetherAnyoneCanSignIn() throws Exception {
    assertThat(server.access.operatorCount()).isEqualTo(3);
    try (SessionAccess empty = SessionAccess.open(StoreSettings.sqlite(dir.resolve("empty.db")), AuthSettings.DEFAULT, clock)) {
      assertThat(empty.operatorCount()).isZero();
    }
  }

  @Test
  void anUnknownUsernameGetsTheSameAnswerAsAWrongPassword() throws Exception {
    HttpResponse<String> unknown = signIn("nobody", "some-password-1");
    HttpResponse<String> wrong = signIn("viewer1", "some-password-1");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(wrong.body());
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
    HttpResponse<String> ok = signIn("viewer1", VIEWER_PW);
    String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith(SessionAccess.COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");
    assertThat(setCookie).as("plain HTTP without forceSecureCookie").doesNotContain("Secure");
    JsonObject body = new JsonObject(ok.body());
    assertThat(body.getString("role")).isEqualTo("viewer");
    assertThat(body.getString("csrfToken")).hasSizeGreaterThan(40);
    assertThat(ok.body()).doesNotContain(setCookie.substring(SessionAccess.COOKIE.length() + 1, setCookie.indexOf(';')));
  }

  @Test
  void responsesForbidFramingAndSniffing() throws Exception {
    HttpResponse<String> r = server.send("GET", "/api/session", null);
    assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    SignedIn viewer = SignedIn.as(server, "viewer1", VIEWER_PW);
    HttpResponse<String> out = server.send("DELETE", "/api/session", null,
        "Cookie", viewer.cookie(), SessionAccess.CSRF_HEADER, viewer.csrf());
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(viewer.get("/api/posts").statusCode()).isEqualTo(401);
  }

  @Test
  void aSessionOutlivesAHubRestartButNotItsLifetime() throws Exception {
    SignedIn viewer = SignedIn.as(server, "viewer1", VIEWER_PW);
    server.close();
    server = new AuthServer(dir.resolve("hub.db"), AuthSettings.DEFAULT, clock);
    HttpResponse<String> again = server.send("GET", "/api/session", null, "Cookie", viewer.cookie());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getString("csrfToken")).isEqualTo(viewer.csrf());
    clock.advance(AuthSettings.DEFAULT.sessionTtl());
    assertThat(server.send("GET", "/api/posts", null, "Cookie", viewer.cookie()).statusCode()).isEqualTo(401);
  }

  @Test
  void overPlainHttpTheCookieIsSecureOnlyWhenAProxyTerminatesTls() throws Exception {
    assertThat(signIn("op1", OPERATOR_PW).headers().firstValue("Set-Cookie").orElseThrow())
        .doesNotContainIgnoringCase("; Secure");
    server.close();
    server = new AuthServer(dir.resolve("hub.db"), AuthSettings.DEFAULT.withForceSecureCookie(true), clock);
    HttpResponse<String> proxied = signIn("op1", OPERATOR_PW);
    assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("; Secure");
    assertThat(proxied.headers().firstValue("Strict-Transport-Security")).as("the proxy's to send").isEmpty();
  }

  @Test
  void malformedSignInsGetAClearError() throws Exception {
    assertError(server.send("POST", "/api/session", "username=a&password=b",
        "Content-Type", "application/x-www-form-urlencoded"), 415, "application/json");
    assertError(server.send("POST", "/api/session", "{not json", "Content-Type", JSON), 400, "not a JSON object");
    assertError(server.send("POST", "/api/session", "[1]", "Content-Type", JSON), 400, "not a JSON object");
    assertError(server.send("POST", "/api/session", "", "Content-Type", JSON), 400, "missing");
    assertError(server.send("POST", "/api/session", "{\"username\":\"op1\"}", "Content-Type", JSON), 400, "'password' is required");
    assertError(server.send("POST", "/api/session", "{\"username\":5,\"password\":\"x\"}", "Content-Type", JSON),
        400, "'username' must be a string");
    assertError(server.send("POST", "/api/session", "{\"username\":\"op1\",\"password\":\"x\",\"role\":\"admin\"}",
        "Content-Type", JSON), 400, "unknown field 'role'");
    assertError(signIn("op1", "x".repeat(300)), 400, "longer than");
  }

  private HttpResponse<String> signIn(String user, String password) throws Exception {
    return server.send("POST", "/api/session",
        new JsonObject().put("username", user).put("password", password).encode(), "Content-Type", JSON);
  }

  static void assertError(HttpResponse<String> r, int status, String text) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(new JsonObject(r.body()).getString("error")).contains(text);
  }
}
