package kuzet.hub.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook channel against a real HTTP server that never accepts, and against no server at all. */
class WebhookChannelTest {
  final Vertx vertx = Vertx.vertx();
  final List<String> outcomes = new CopyOnWriteArrayList<>();
  final Alert alert = Alert.open("PANIC", Severity.CRITICAL, "alatau-1", "Post 1", "Alatau", UUID.randomUUID(),
      "PANIC:x", Instant.now(), "test");

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  WebhookChannel channel(int maxAttempts, AtomicBoolean wanted) {
    return new WebhookChannel(vertx, new WebhookChannel.Retry(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(40),
        Duration.ofSeconds(2)), id -> wanted.get());
  }

  @Test
  void aReceiverThatKeepsFailingIsRetriedWithBackoffThenGivenUp() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    int port = vertx.createHttpServer().requestHandler(r -> {
      hits.incrementAndGet();
      r.response().setStatusCode(503).end();
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    Target t = new Target("desk", URI.create("http://127.0.0.1:" + port + "/"), List.of());
    channel(3, new AtomicBoolean(true)).deliver(new Notice(alert, "desk", 2, 0), t, outcomes::add);
    await().until(() -> outcomes.size() == 3);
    assertThat(hits.get()).isEqualTo(3);
    assertThat(outcomes.get(0)).isEqualTo("webhook step 2 to desk attempt 1: HTTP 503; retrying in 20 ms");
    assertThat(outcomes.get(1)).isEqualTo("webhook step 2 to desk attempt 2: HTTP 503; retrying in 40 ms");
    assertThat(outcomes.get(2)).isEqualTo("webhook step 2 to desk attempt 3: HTTP 503; giving up after 3 attempts");
  }

  @Test
  void aReceiverThatNeverAnswersIsRecordedWithoutTheTokenInItsUrl() throws Exception {
    int port = vertx.createHttpServer().requestHandler(r -> { }).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    Target t = new Target("desk", URI.create("http://127.0.0.1:" + port + "/hook/s3cr3tPath?token=s3cr3tQuery"),
        List.of());
    new WebhookChannel(vertx, new WebhookChannel.Retry(1, Duration.ofMillis(20), Duration.ofMillis(40),
        Duration.ofMillis(200)), id -> true).deliver(new Notice(alert, "desk", 2, 0), t, outcomes::add);
    await().until(() -> outcomes.size() == 1);
    assertThat(outcomes.get(0)).startsWith("webhook step 2 to desk attempt 1: failed (").contains("giving up")
        .doesNotContain("s3cr3t");
  }

  @Test
  void anUnreachableReceiverIsRecordedAndRetryingStopsOnceTheAlertIsAcknowledged() throws Exception {
    int port = kuzet.protocol.testing.MosquittoBroker.freePort();
    AtomicBoolean wanted = new AtomicBoolean(true);
    Target t = new Target("desk", URI.create("http://127.0.0.1:" + port + "/"), List.of());
    channel(100, wanted).deliver(new Notice(alert, "desk", 1, 3), t, outcomes::add);
    await().until(() -> outcomes.size() >= 2);
    wanted.set(false);
    await().until(() -> outcomes.stream().anyMatch(o -> o.contains("stopped retrying, the alert was acknowledged")));
    assertThat(outcomes.get(0)).startsWith("webhook reminder 3 to desk attempt 1: failed (");
    int n = outcomes.size();
    Thread.sleep(200);
    assertThat(outcomes).hasSize(n);
  }
}
