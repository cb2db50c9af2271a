package kuzet.hub.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.protocol.testing.MutableClock;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unacknowledged PANIC, published by a post through the embedded broker, walks its escalation chain on
 * the hub's (test-driven) clock and reaches a real HTTP receiver that first refuses, then accepts.
 */
class EscalationOverBrokerTest {

  // the build machine is shared and often saturated: give the broker round trips room, not the defaults' 10 s
  @org.junit.jupiter.api.BeforeAll
  static void patientAwaits() {
    org.awaitility.Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(30));
  }

  @org.junit.jupiter.api.AfterAll
  static void defaultAwaits() {
    org.awaitility.Awaitility.reset();
  }
  final Vertx receiverVertx = Vertx.vertx();
  final List<JsonObject> received = new CopyOnWriteArrayList<>();
  final AtomicInteger requests = new AtomicInteger();
  final MutableClock clock = new MutableClock(Instant.now());
  TestBroker broker;
  HubHarness hub;
  FakePost post;

  @AfterEach
  void stop() throws Exception {
    if (post != null) {
      post.close();
    }
    hub.close();
    broker.close();
    receiverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Answers 500 to the very first request and 200 to every later one. */
  int startReceiver() throws Exception {
    HttpServer server = receiverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      int n = requests.incrementAndGet();
      if (n == 1) {
        req.response().setStatusCode(500).end("not now");
      } else {
        received.add(body.toJsonObject());
        req.response().setStatusCode(200).end();
      }
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  JsonNode alert(String id) {
    return hub.get("/api/alerts/" + id).json();
  }

  List<String> history(JsonNode a, String action) {
    List<String> out = new ArrayList<>();
    a.get("history").forEach(h -> {
      if (h.get("action").asText().equals(action)) {
        out.add(h.get("at").asText() + " " + h.get("detail").asText());
      }
    });
    return out;
  }

  void tickPast() throws InterruptedException {
    Thread.sleep(1_300);
  }

  @Test
  void unacknowledgedPanicEscalatesOnTimeRetriesTheWebhookRemindsAndStopsWhenAcknowledged(@TempDir Path dir) throws Exception {
    int port = startReceiver();
    broker = TestBroker.embedded(dir.resolve("broker"));
    hub = new HubHarness(dir.resolve("hub"), broker, Map.of(
        "fleet.heartbeatTimeoutS", "86400",
        "escalation.critical.steps", "district-inspector:0,duty-desk:30,shift-supervisor:120",
        "escalation.critical.reminderS", "60",
        "notify.duty-desk.webhook", "http://127.0.0.1:" + port + "/hook",
        "webhook.retryInitialMs", "100")).register("alatau-7").clock(clock).start();
    post = new FakePost(broker.url(), "alatau-7", "boot-1", 30);
    Instant opened = clock.instant();
    post.publish(post.panic(UUID.randomUUID()), false);
    await().until(() -> hub.get("/api/alerts?state=open").json().size() == 1);
    String id = hub.get("/api/alerts?state=open").json().get(0).get("id").asText();

    await("step 1 right away").until(() -> alert(id).get("escalationLevel").asInt() == 1);
    assertThat(history(alert(id), "ESCALATED")).singleElement().asString().contains("district-inspector");
    clock.advance(Duration.ofSeconds(29));
    tickPast();
    assertThat(alert(id).get("escalationLevel").asInt()).as("duty desk not before 30 s").isEqualTo(1);
    assertThat(requests.get()).isZero();

    clock.advance(Duration.ofSeconds(1));
    await("step 2 at 30 s").until(() -> alert(id).get("escalationLevel").asInt() == 2);
    await("webhook accepted on the retry").until(() -> received.size() == 1);
    assertThat(requests.get()).isEqualTo(2);
    assertThat(received.get(0).getString("id")).isEqualTo(id);
    assertThat(received.get(0).getString("type")).isEqualTo("PANIC");
    assertThat(received.get(0).getString("target")).isEqualTo("duty-desk");
    await().until(() -> history(alert(id), "NOTIFIED").size() == 2);
    List<String> notified = history(alert(id), "NOTIFIED");
    assertThat(notified.get(0)).contains("step 2 to duty-desk attempt 1: HTTP 500; retrying in 100 ms");
    assertThat(notified.get(1)).contains("step 2 to duty-desk attempt 2: HTTP 200, accepted");
    assertThat(history(alert(id), "ESCALATED").get(1)).startsWith(opened.plusSeconds(30).toString())
        .contains("duty-desk");

    clock.advance(Duration.ofSeconds(90));
    await("step 3 at 120 s").until(() -> alert(id).get("escalationLevel").asInt() == 3);
    assertThat(history(alert(id), "ESCALATED").get(2)).startsWith(opened.plusSeconds(120).toString())
        .contains("shift-supervisor");

    clock.advance(Duration.ofSeconds(60));
    await("first reminder 60 s after the last step").until(() -> received.size() == 2);
    assertThat(received.get(1).getInteger("reminder")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(60));
    await("second reminder").until(() -> received.size() == 3);
    assertThat(history(alert(id), "NOTIFIED")).anyMatch(h -> h.contains("reminder 2: still not acknowledged"));

    var ack = hub.post("/api/alerts/" + id + "/ack", "{\"note\":\"on it\"}");
    assertThat(ack.status()).isEqualTo(200);
    int linesAtAck = alert(id).get("history").size();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(60));
      tickPast();
    }
    assertThat(received).as("no reminders after the ack").hasSize(3);
    assertThat(alert(id).get("history").size()).isEqualTo(linesAtAck);
    assertThat(alert(id).get("escalationLevel").asInt()).isEqualTo(3);
  }

  @Test
  void remindersKeepTheirCountAndRhythmAcrossAHubRestart(@TempDir Path dir) throws Exception {
    broker = TestBroker.embedded(dir.resolve("broker"));
    Map<String, String> cfg = Map.of(
        "fleet.heartbeatTimeoutS", "86400",
        "escalation.critical.steps", "district-inspector:0",
        "escalation.critical.reminderS", "60");
    hub = new HubHarness(dir.resolve("hub"), broker, cfg).register("alatau-8").clock(clock).start();
    post = new FakePost(broker.url(), "alatau-8", "boot-1", 30);
    Instant opened = clock.instant();
    post.publish(post.panic(UUID.randomUUID()), false);
    await().until(() -> hub.get("/api/alerts?state=open").json().size() == 1);
    String id = hub.get("/api/alerts?state=open").json().get(0).get("id").asText();
    await("step 1 right away").until(() -> alert(id).get("escalationLevel").asInt() == 1);
    clock.advance(Duration.ofSeconds(60));
    await("reminder 1").until(() -> reminders(id).size() == 1);

    hub.close();
    clock.advance(Duration.ofSeconds(30));
    hub = new HubHarness(dir.resolve("hub"), broker, cfg).clock(clock).start();
    clock.advance(Duration.ofSeconds(29));
    tickPast();
    assertThat(reminders(id)).as("not before 60 s after the last reminder, restart or not").hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    await("reminder 2 on time").until(() -> reminders(id).size() == 2);
    assertThat(reminders(id).get(1)).startsWith(opened.plusSeconds(120).toString()).contains("reminder 2: ");
  }

  List<String> reminders(String id) {
    return history(alert(id), "NOTIFIED").stream().filter(h -> h.contains(" reminder ")).toList();
  }
}
