package kuzet.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.SecuredHub;
import kuzet.hub.testing.SseClient;
import kuzet.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in used as a weapon, through a real hub: lock-outs, enumeration, hashing floods, audit floods,
 * connection floods, and a PANIC that must still reach the board while all of that goes on.
 * The hub runs behind a (pretend) TLS proxy so that each request can come from its own address.
 */
class SignInUnderAttackTest {
  static final Map<String, String> VIA_PROXY = Map.of("http.behindTlsProxy", "true");

  @TempDir
  Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-12-01T20:00:00Z"));

  static String[] from(String address) {
    return new String[] {"X-Forwarded-For", "198.51.100.77, " + address};
  }

  @Test
  void anOutsiderGuessingAtTheAdminDoesNotLockTheAdminOutFromTheControlRoom() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, VIA_PROXY, clock)) {
      for (int i = 0; i < 12; i++) {
        if (i > 0) {
          clock.advance(Duration.ofMinutes(16));
        }
        assertThat(h.signIn(SecuredHub.ADMIN, "guess-" + i, from("203.0.113.9")).statusCode()).isEqualTo(401);
      }
      HttpResponse<String> outsider = h.signIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW, from("203.0.113.9"));
      assertThat(outsider.statusCode()).as("the guessing address itself must wait").isEqualTo(429);
      HttpResponse<String> controlRoom = h.signIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW, from("10.20.0.5"));
      assertThat(controlRoom.statusCode()).as(controlRoom.body()).isEqualTo(200);
    }
  }

  @Test
  void knownAndUnknownUsernamesGetTheSameAnswersTryAfterTry() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, VIA_PROXY, clock)) {
      List<String> known = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        known.add(answer(h.signIn(SecuredHub.OPERATOR, "wrong-" + i, from("203.0.113.1"))));
        unknown.add(answer(h.signIn("no-such-user", "wrong-" + i, from("203.0.113.2"))));
        if (i % 2 == 1) {
          clock.advance(Duration.ofSeconds(1L << i));
        }
      }
      assertThat(known).isEqualTo(unknown);
      assertThat(known).contains("401 {\"error\":\"wrong username or password\"}");
    }
  }

  private static String answer(HttpResponse<String> r) {
    return r.statusCode() + " " + r.body() + r.headers().firstValue("Retry-After").map(s -> " retry " + s).orElse("");
  }

  @Test
  void aFloodOfSignInsIsAnsweredAtOnceBeyondTheHashingSlotsAndWritesABoundedAudit() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, VIA_PROXY, clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(24);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        String name = "user" + i + "\r\nFAKE SIGN_IN admin";
        String address = "203.0." + (i / 200) + "." + (i % 200);
        answers.add(pool.submit(() -> h.signIn(name, "guess", from(address))));
      }
      Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
      for (Future<HttpResponse<String>> f : answers) {
        HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
        statuses.merge(r.statusCode(), 1, Integer::sum);
        if (r.statusCode() == 503) {
          assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        }
      }
      pool.shutdown();
      assertThat(statuses.keySet()).as("statuses %s", statuses).containsOnly(401, 503);
      assertThat(statuses.get(503)).as("refused at once, not queued: %s", statuses).isGreaterThan(0);

      Path db = h.hub.config().store().sqliteFile();
      // one more sign-in a minute later (by the sign-in clock) writes the summary of the flood
      clock.advance(Duration.ofSeconds(61));
      h.signIn("late", "guess", from("192.0.2.1"));
      await().atMost(Duration.ofSeconds(30)).until(() -> count(db, "action = 'SIGN_IN_FAILURES'") == 1);
      assertThat(count(db, "action = 'SIGN_IN_REFUSED'")).isLessThanOrEqualTo(2L * SignInAudit.ITEMISED_PER_MINUTE);
      assertThat(count(db, "actor || target || detail LIKE '%' || char(10) || '%'")).isZero();
      assertThat(count(db, "target LIKE '%user%'")).as("unknown usernames are not written").isZero();
    }
  }

  static long count(Path db, String where) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM audit WHERE " + where)) {
      return rs.getLong(1);
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAndIdleOnesTimeOut() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, Map.of("http.maxConnections", "3", "http.idleTimeoutS", "20"), clock)) {
      URI base = URI.create(h.base());
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          Socket s = new Socket(base.getHost(), base.getPort());
          held.add(s);
          // slowloris: a request that never ends
          s.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes());
        }
        try (Socket fourth = new Socket(base.getHost(), base.getPort())) {
          fourth.setSoTimeout(10_000);
          fourth.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
          assertThat(fourth.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        }
        long start = System.nanoTime();
        InputStream idle = held.get(0).getInputStream();
        held.get(0).setSoTimeout(40_000);
        assertThat(idle.read()).as("idle connection closed").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void aPanicReachesTheBoardWithinTwoSecondsWhileSignInIsFlooded() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir, VIA_PROXY, Clock.systemUTC());
         FakePost post = new FakePost(h.broker.url(), SecuredHub.POST, "boot-1", 30)) {
      SecuredHub.Browser duty = h.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
      try (SseClient board = h.stream(duty)) {
        await().until(() -> board.status == 200);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        for (int t = 0; t < 32; t++) {
          pool.submit(() -> {
            while (flooding.get()) {
              int n = sent.incrementAndGet();
              h.signIn("admin", "guess-" + n, from("203.0." + (n / 250 % 250) + "." + (n % 250)));
            }
            return null;
          });
        }
        await().until(() -> sent.get() > 200);
        UUID incident = UUID.randomUUID();
        long published = System.nanoTime();
        post.publish(post.panic(incident), false);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
            .until(() -> board.named("alert").stream().anyMatch(e -> e.data().contains(incident.toString())));
        Duration latency = Duration.ofNanos(System.nanoTime() - published);
        int during = sent.get();
        flooding.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        System.out.printf("PANIC to board during a sign-in flood: %d ms (%d sign-ins sent so far)%n",
            latency.toMillis(), during);
        assertThat(latency).isLessThan(Duration.ofSeconds(2));
      }
    }
  }
}
