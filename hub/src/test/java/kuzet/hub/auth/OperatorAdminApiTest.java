package kuzet.hub.auth;

import kuzet.store.StoreSettings;
import kuzet.protocol.testing.MutableClock;
import static kuzet.hub.auth.SessionAccessApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's operator endpoints, and what actually lands in the SQLite file. */
class OperatorAdminApiTest {
  static final String ADMIN_PW = "first-admin-password";

  @TempDir
  Path dir;
  Path db;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-24T20:00:00Z"));
  AuthServer server;
  SignedIn admin;

  @BeforeEach
  void start() throws Exception {
    db = dir.resolve("hub.db");
    try (OperatorStore store = OperatorStore.open(StoreSettings.sqlite(db))) {
      new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, clock).create("test", "admin", Role.ADMIN, ADMIN_PW);
    }
    server = new AuthServer(db, AuthSettings.DEFAULT, clock);
    admin = SignedIn.as(server, "admin", ADMIN_PW);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void anAdminAddsAnOperatorWhosePasswordIsShownOnlyOnce() throws Exception {
    HttpResponse<String> created = admin.post("/api/operators", "{\"username\":\"duty1\",\"role\":\"operator\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String password = new JsonObject(created.body()).getString("password");
    assertThat(password).hasSizeGreaterThanOrEqualTo(PasswordPolicy.MIN_LENGTH);

    HttpResponse<String> list = admin.get("/api/operators");
    assertThat(list.body()).doesNotContain(password).doesNotContain("argon2");
    assertThat(new JsonArray(list.body()).stream().map(o -> ((JsonObject) o).getString("username")))
        .containsExactly("admin", "duty1");
    assertThat(SignedIn.as(server, "duty1", password).post("/api/alerts/a1/ack", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void passwordsAndSessionTokensAreNeverStoredInClear() throws Exception {
    admin.post("/api/operators", "{\"username\":\"duty2\",\"role\":\"viewer\",\"password\":\"chosen-password-42\"}");
    SignedIn duty = SignedIn.as(server, "duty2", "chosen-password-42");

    List<String> hashes = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT password_hash FROM operators")) {
      while (rs.next()) {
        hashes.add(rs.getString(1));
      }
    }
    assertThat(hashes).hasSize(2).allSatisfy(h -> assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    String token = duty.cookie().substring(duty.cookie().indexOf('=') + 1);
    for (Path file : List.of(db, Path.of(db + "-wal"))) {
      if (Files.exists(file)) {
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("chosen-password-42").doesNotContain(ADMIN_PW).doesNotContain(token);
      }
    }
  }

  @Test
  void changingARoleSignsThatOperatorOutEverywhere() throws Exception {
    admin.post("/api/operators", "{\"username\":\"duty3\",\"role\":\"operator\",\"password\":\"duty3-password-x\"}");
    SignedIn duty = SignedIn.as(server, "duty3", "duty3-password-x");
    HttpResponse<String> changed = admin.send("PATCH", "/api/operators/duty3", "{\"role\":\"viewer\"}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(new JsonObject(changed.body()).getString("role")).isEqualTo("viewer");
    assertThat(duty.get("/api/posts").statusCode()).isEqualTo(401);
    assertThat(SignedIn.as(server, "duty3", "duty3-password-x").post("/api/alerts/a1/ack", "{}").statusCode()).isEqualTo(403);
  }

  @Test
  void anAdminLetsAThrottledAccountTryAgainAtOnce() throws Exception {
    admin.post("/api/operators", "{\"username\":\"duty4\",\"role\":\"viewer\",\"password\":\"duty4-password-x\"}");
    for (int i = 0; i < 5; i++) {
      clock.advance(java.time.Duration.ofMinutes(1));
      server.send("POST", "/api/session", "{\"username\":\"duty4\",\"password\":\"nope-nope-nope\"}", "Content-Type", "application/json");
    }
    HttpResponse<String> list = admin.get("/api/operators");
    assertThat(new JsonArray(list.body()).getJsonObject(1).getString("lockedUntil")).isNotNull();
    assertThat(admin.send("PATCH", "/api/operators/duty4", "{\"unlock\":true}").statusCode()).isEqualTo(200);
    SignedIn.as(server, "duty4", "duty4-password-x");
  }

  @Test
  void theLastAdminCannotBeRemovedOrDemoted() throws Exception {
    assertError(admin.send("DELETE", "/api/operators/admin", null), 409, "last admin");
    assertError(admin.send("PATCH", "/api/operators/admin", "{\"role\":\"viewer\"}"), 409, "last admin");
    admin.post("/api/operators", "{\"username\":\"admin2\",\"role\":\"admin\",\"password\":\"admin2-password\"}");
    assertThat(admin.send("DELETE", "/api/operators/admin2", null).statusCode()).isEqualTo(204);
    assertError(admin.send("DELETE", "/api/operators/admin2", null), 404, "no operator named 'admin2'");
  }

  @Test
  void malformedOperatorRequestsGetAClearError() throws Exception {
    assertError(admin.post("/api/operators", "{\"username\":\"x1\",\"role\":\"boss\"}"), 400, "role 'boss' is not one of");
    assertError(admin.post("/api/operators", "{\"username\":\"Bad Name\",\"role\":\"viewer\"}"), 400, "username 'Bad Name'");
    assertError(admin.post("/api/operators", "{\"username\":\"x1\",\"role\":\"viewer\",\"password\":\"short\"}"), 400, "at least 12");
    assertError(admin.post("/api/operators", "{\"role\":\"viewer\"}"), 400, "'username' is required");
    assertError(admin.post("/api/operators", "{\"username\":\"x1\",\"role\":\"viewer\",\"admin\":true}"), 400, "unknown field 'admin'");
    assertError(admin.post("/api/operators", "{\"username\":\"admin\",\"role\":\"viewer\"}"), 409, "already exists");
    assertError(admin.send("PATCH", "/api/operators/admin", "{\"unlock\":\"yes\"}"), 400, "'unlock' must be true or false");
    assertError(admin.send("PATCH", "/api/operators/ghost", "{\"unlock\":true}"), 404, "no operator named 'ghost'");
  }
}
