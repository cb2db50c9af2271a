package kuzet.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.SseClient;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.CommandAck;
import kuzet.protocol.CommandName;
import kuzet.hub.testing.OnMessage;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API over a real hub, broker and SQLite file: lifecycle, commands, stream replay, and bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubApiTest {
  static final String POST = "alatau-api";
  static final String SILENT = "alatau-silent";
  static final String AWAY = "alatau-away";

  private TestBroker broker;
  private HubHarness h;
  private FakePost agent;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    broker = TestBroker.mosquitto(dir.resolve("broker"));
    h = new HubHarness(dir.resolve("hub"), broker, Map.of("commands.timeoutS", "1")).register(POST, SILENT, AWAY).start();
    agent = new FakePost(broker.url(), POST, "boot-1", 30);
  }

  @AfterAll
  void stop() {
    agent.close();
    h.close();
    broker.close();
  }

  private String openPanic() {
    UUID incident = UUID.randomUUID();
    agent.publish(agent.panic(incident), false);
    await().until(() -> h.get("/api/alerts").body().contains(incident.toString()));
    for (var a : h.get("/api/alerts").json()) {
      if (a.get("incidentId").asText().equals(incident.toString())) {
        return a.get("id").asText();
      }
    }
    throw new AssertionError("no alert for " + incident);
  }

  @Test
  void aHubAloneOnItsSqliteFileListsItselfAsTheActiveHub() {
    var hubs = h.get("/api/hubs");
    assertThat(hubs.status()).isEqualTo(200);
    assertThat(hubs.json().path("hubs")).hasSize(1);
    assertThat(hubs.json().path("hubs").get(0).path("hubId").asText()).isEqualTo("hub-test");
    assertThat(hubs.json().path("hubs").get(0).path("role").asText()).isEqualTo("active");
    assertThat(hubs.json().path("hubs").get(0).path("self").asBoolean()).isTrue();
  }

  @Test
  void dispatchThenResolveWithNoteClosesThePanicAndTellsThePost() {
    String id = openPanic();
    var dispatched = h.post("/api/alerts/" + id + "/dispatch", "{\"note\":\"unit 12\"}");
    assertThat(dispatched.status()).isEqualTo(200);
    assertThat(dispatched.json().get("dispatchedBy").asText()).isEqualTo("anonymous");
    assertThat(h.post("/api/alerts/" + id + "/resolve", "{}").status()).isEqualTo(400);

    var resolved = h.post("/api/alerts/" + id + "/resolve", "{\"note\":\"false alarm, checked on site\"}");

    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.json().get("state").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.json().get("note").asText()).isEqualTo("false alarm, checked on site");
    assertThat(h.post("/api/alerts/" + id + "/resolve", "{\"note\":\"again\"}").status()).isEqualTo(409);
    assertThat(h.get("/api/alerts?state=resolved").body()).contains(id);
    await().until(() -> agent.commands.stream().anyMatch(c -> c.name() == CommandName.PANIC_DISPATCHED)
        && agent.commands.stream().anyMatch(c -> c.name() == CommandName.PANIC_CLEAR));
  }

  @Test
  void commandIsAnsweredWithThePostsAckOrItsErrorOrATimeout() {
    String lights = "{\"name\":\"LIGHTS\",\"args\":{\"target\":\"floodlights\",\"mode\":\"on\",\"durationS\":\"600\"}}";
    var ok = h.post("/api/posts/" + POST + "/commands", lights);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("status").asText()).isEqualTo("ok");
    assertThat(ok.json().get("commandId").asText()).hasSize(36);

    agent.failWith = "floodlight relay stuck";
    var failed = h.post("/api/posts/" + POST + "/commands", lights);
    agent.failWith = null;
    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.json().get("status").asText()).isEqualTo("error");
    assertThat(failed.json().get("error").asText()).isEqualTo("floodlight relay stuck");

    var timeout = h.post("/api/posts/" + SILENT + "/commands", "{\"name\":\"SELF_TEST\"}");
    assertThat(timeout.status()).isEqualTo(504);
    assertThat(timeout.json().get("status").asText()).isEqualTo("timeout");

    await().until(() -> commandStatus(ok.json().get("commandId").asText()).equals("ok anonymous")
        && commandStatus(failed.json().get("commandId").asText()).equals("error anonymous")
        && commandStatus(timeout.json().get("commandId").asText()).equals("timeout anonymous"));
  }

  @Test
  void commandsCarryTheirTimeoutAsMessageExpirySoAnOfflinePostNeverGetsOneReportedAsTimedOut() throws Exception {
    String offline = AWAY;
    String topic = "posts/" + offline + "/commands";
    List<MqttMessage> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    MqttClient post = new MqttClient(broker.url(), offline, new MemoryPersistence());
    post.setCallback((OnMessage) (t, m) -> received.add(m));
    MqttConnectionOptions session = new MqttConnectionOptions();
    session.setCleanStart(false);
    session.setSessionExpiryInterval(3600L);
    post.connect(session);
    post.subscribe(topic, 1);
    try {
      var first = h.post("/api/posts/" + offline + "/commands", "{\"name\":\"SELF_TEST\"}");
      assertThat(first.json().get("status").asText()).isEqualTo("timeout");
      assertThat(received).hasSize(1);
      assertThat(received.get(0).getProperties().getMessageExpiryInterval()).as("message expiry, s").isEqualTo(1L);

      post.disconnect();
      java.time.Instant sent = java.time.Instant.now();
      var whileAway = h.post("/api/posts/" + offline + "/commands", "{\"name\":\"SELF_TEST\"}");
      assertThat(whileAway.json().get("status").asText()).isEqualTo("timeout");
      // the broker counts expiry in whole seconds: come back well after it
      await().until(() -> java.time.Instant.now().isAfter(sent.plusMillis(2500)));
      post.connect(session);
      var control = h.post("/api/posts/" + offline + "/commands", "{\"name\":\"SELF_TEST\"}");
      assertThat(control.json().get("status").asText()).isEqualTo("timeout");
      await().until(() -> received.size() >= 2);
      assertThat(received).as("commands delivered after the post came back").hasSize(2);
      assertThat(new String(received.get(1).getPayload())).contains(control.json().get("commandId").asText());
    } finally {
      post.disconnect();
      post.close();
    }
  }

  @Test
  void aCommandThePostRefusesAsTooOldIsRecordedAsExpired() {
    agent.failWith = "expired: issued 600 s ago";
    agent.failDetail = Map.of(CommandAck.REASON, CommandAck.EXPIRED);
    var expired = h.post("/api/posts/" + POST + "/commands", "{\"name\":\"SELF_TEST\"}");
    agent.failWith = null;
    agent.failDetail = Map.of();
    assertThat(expired.json().get("status").asText()).isEqualTo("expired");
    await().until(() -> commandStatus(expired.json().get("commandId").asText()).equals("expired anonymous"));
  }

  /** The stored status and requester of a command, from the hub's SQLite file. */
  private String commandStatus(String commandId) throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + h.config().store().sqliteFile());
         var ps = c.prepareStatement("SELECT status, requested_by FROM commands WHERE command_id = ?")) {
      ps.setString(1, commandId);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) + " " + rs.getString(2) : "";
      }
    }
  }

  @Test
  void reconnectingStreamClientGetsWhatItMissedAfterLastEventId() {
    SseClient first = h.stream(null);
    await().until(() -> first.status == 200);
    String a = openPanic();
    await().until(() -> first.events.stream().anyMatch(e -> e.data().contains(a)));
    SseClient.Event seen = first.events.stream().filter(e -> e.data().contains(a)).findFirst().orElseThrow();
    first.close();
    String b = openPanic();

    try (SseClient second = h.stream(seen.id())) {
      await().until(() -> second.events.stream().anyMatch(e -> e.data().contains(b)));
      assertThat(second.events).allMatch(e -> e.seq() > seen.seq());
      assertThat(second.events).noneMatch(e -> e.event().equals("alert") && e.data().contains("\"id\":\"" + a + "\""));
    }
  }

  @Test
  void telemetryChangesThePostOnTheStream() {
    try (SseClient sse = h.stream(null)) {
      await().until(() -> sse.status == 200);
      kuzet.protocol.Readings r = new kuzet.protocol.Readings(21.5, 40.0, 12.9, true, false, false, false, true,
          false, false, 0);
      agent.publish(new kuzet.protocol.Telemetry(agent.id, java.time.Instant.now(), agent.bootId, agent.nextSeq(), r),
          false);
      await().until(() -> sse.named("post").stream().anyMatch(e -> e.data().contains("\"temperatureC\":21.5")));
      assertThat(sse.named("post").get(0).data()).contains("\"id\":\"" + POST + "\"");
    }
  }

  @Test
  void unknownPathOutsideTheApiIsA404() {
    assertThat(h.get("/no-such-page.html").status()).isEqualTo(404);
  }

  @Test
  void postDetailCarriesReadingsHistoryAndEvents() {
    openPanic();
    var detail = h.get("/api/posts/" + POST).json();
    assertThat(detail.get("status").asText()).isEqualTo("online");
    assertThat(detail.get("agentVersion").asText()).isEqualTo("0.1.0");
    assertThat(detail.get("history").has("temperatureC")).isTrue();
    assertThat(detail.get("events").get(0).get("kind").asText()).isEqualTo("PANIC");
    assertThat(detail.get("inAlert").asBoolean()).isTrue();
  }

  @Test
  void healthMetricsAndApiDocsAreServed() {
    var health = h.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("checks").get("database").asText()).isEqualTo("UP");
    assertThat(h.get("/metrics").body()).contains("kuzet_ingest_rejected_total{reason=\"NOT_JSON\"}")
        // the garbage collector's binder, which also times each pause (jvm_gc_pause_seconds) once one happened
        .contains("jvm_gc_memory_allocated_bytes_total");
    assertThat(h.get("/api/openapi.yaml").body()).contains("/api/alerts/{id}/ack");
    assertThat(h.get("/api/docs/index.html").status()).isEqualTo(200);
    assertThat(h.get("/api/docs/swagger-initializer.js").body()).contains("/api/openapi.yaml");
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "GET  | /api/posts/NOT_AN_ID            |                                   | 400",
      "GET  | /api/posts/alatau-nobody        |                                   | 404",
      "GET  | /api/alerts?state=closed        |                                   | 400",
      "GET  | /api/alerts/12345               |                                   | 400",
      "GET  | /api/alerts/00000000-0000-0000-0000-000000000000 |                    | 404",
      "POST | /api/alerts/00000000-0000-0000-0000-000000000000/ack | {}             | 404",
      "POST | /api/alerts/not-a-uuid/ack      | {}                                | 400",
      "POST | /api/alerts/00000000-0000-0000-0000-000000000000/ack | {\"note\": 5}  | 400",
      "POST | /api/alerts/00000000-0000-0000-0000-000000000000/ack | [1,2]          | 400",
      "POST | /api/alerts/00000000-0000-0000-0000-000000000000/ack | {broken        | 400",
      "POST | /api/posts/alatau-api/commands  | {}                                | 400",
      "POST | /api/posts/alatau-api/commands  | {\"name\":\"EXPLODE\"}            | 400",
      "POST | /api/posts/alatau-api/commands  | {\"name\":\"PANIC_CLEAR\"}        | 400",
      "POST | /api/posts/alatau-api/commands  | {\"name\":\"LIGHTS\",\"args\":{\"target\":\"moon\",\"mode\":\"on\"}} | 400",
      "POST | /api/posts/alatau-api/commands  | {\"name\":\"LIGHTS\",\"args\":{\"target\":\"floodlights\",\"mode\":1}} | 400",
      "POST | /api/posts/alatau-api/commands  | {\"name\":\"BEACON\",\"args\":[]} | 400",
      "POST | /api/posts/alatau-nobody/commands | {\"name\":\"SELF_TEST\"}        | 404",
      "GET  | /api/nothing-here               |                                   | 404",
      "POST | /api/posts                      | {}                                | 404"})
  void badRequestGetsA4xxWithAJsonErrorSayingWhatWasWrong(String method, String path, String body, int status) {
    var r = method.equals("GET") ? h.get(path) : h.post(path, body == null ? "" : body);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).isNotBlank();
  }

  @Test
  void streamRejectsAMalformedLastEventId() {
    var r = h.send(HttpRequest.newBuilder(URI.create(h.base() + "/api/stream")).header("Last-Event-ID", "yesterday"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).contains("Last-Event-ID");
  }

  @Test
  void oversizedBodyIsRefusedWith413() {
    var r = h.post("/api/posts/" + POST + "/commands", "{\"name\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(List.of(r.json().get("error").asText())).isNotEmpty();
  }
}
