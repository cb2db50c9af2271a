package kuzet.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kuzet.hub.testing.SecuredHub;
import kuzet.hub.testing.SecuredHub.Browser;
import kuzet.hub.testing.SseClient;
import kuzet.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live stream (/api/stream) through the real server lives only as long as its session, and streams are bounded. */
class LiveStreamSessionTest {
  @TempDir
  Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-12-01T20:00:00Z"));

  private static SseClient open(SecuredHub h, Browser b) {
    SseClient s = h.stream(b);
    await().until(() -> s.status == 200);
    return s;
  }

  @Test
  void aStreamEndsWhenItsSessionSignsOutChangesRoleOrIsRemoved() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, Map.of(), clock)) {
      Browser admin = h.signedIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW);
      Browser adminTab = h.signedIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW);
      Browser duty = h.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      try (SseClient signedOut = open(h, adminTab); SseClient demoted = open(h, duty); SseClient kept = open(h, admin)) {
        assertThat(h.as(adminTab, "DELETE", "/api/session", null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> signedOut.ended);

        assertThat(h.as(admin, "PATCH", "/api/operators/" + SecuredHub.OPERATOR, "{\"role\":\"viewer\"}").statusCode())
            .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> demoted.ended);

        assertThat(h.as(admin, "POST", "/api/operators",
            "{\"username\":\"duty2\",\"role\":\"viewer\",\"password\":\"duty2-password-x\"}").statusCode()).isEqualTo(201);
        Browser removedOne = h.signedIn("duty2", "duty2-password-x");
        try (SseClient removed = open(h, removedOne)) {
          assertThat(h.as(admin, "DELETE", "/api/operators/duty2", null).statusCode()).isEqualTo(204);
          await().atMost(Duration.ofSeconds(5)).until(() -> removed.ended);
        }
        assertThat(kept.ended).as("the admin's own stream is untouched").isFalse();
        assertThat(h.get("/api/stream", "Cookie", adminTab.cookie()).statusCode()).isEqualTo(401);
      }
    }
  }

  @Test
  void aStreamEndsWhenItsSessionExpires() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, Map.of(), clock)) {
      Browser duty = h.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      try (SseClient board = open(h, duty)) {
        clock.advance(Duration.ofHours(14));
        await().atMost(Duration.ofSeconds(5)).until(() -> board.ended);
      }
    }
  }

  @Test
  void aSessionWithoutRequestsEndsAfterTheIdleTimeout() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, Map.of("auth.sessionIdleTimeoutS", "600"), clock)) {
      Browser duty = h.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofMinutes(9));
        assertThat(h.get("/api/posts", "Cookie", duty.cookie()).statusCode()).as("active every 9 minutes").isEqualTo(200);
      }
      clock.advance(Duration.ofMinutes(10));
      assertThat(h.get("/api/posts", "Cookie", duty.cookie()).statusCode()).isEqualTo(401);
      assertThat(h.get("/api/session", "Cookie", duty.cookie()).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void streamsAreBoundedPerSessionAndInTotal() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, Map.of("sse.maxStreamsPerSession", "2", "sse.maxStreams", "3"), clock)) {
      Browser duty = h.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      Browser admin = h.signedIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW);
      try (SseClient a = open(h, duty); SseClient b = open(h, duty)) {
        var third = h.get("/api/stream", "Cookie", duty.cookie());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.body()).contains("sse.maxStreamsPerSession");
        try (SseClient c = open(h, admin)) {
          var fourth = h.get("/api/stream", "Cookie", admin.cookie());
          assertThat(fourth.statusCode()).isEqualTo(503);
          assertThat(fourth.body()).contains("sse.maxStreams");
        }
      }
    }
  }
}
