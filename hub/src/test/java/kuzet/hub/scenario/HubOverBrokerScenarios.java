package kuzet.hub.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.SseClient;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.Command;
import kuzet.protocol.CommandName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's end-to-end promises, run against each real broker by a subclass. Every test gets its own hub
 * identity, share group and post ids, so persistent sessions left on the shared broker cannot interfere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HubOverBrokerScenarios {
  private TestBroker broker;
  private static final AtomicInteger RUN = new AtomicInteger();

  @TempDir
  Path dir;
  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private String tag;

  @BeforeEach
  void newIdentities() {
    tag = "t" + RUN.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
  }

  abstract TestBroker startBroker(Path dir) throws Exception;

  @BeforeAll
  void startSharedBroker(@TempDir Path brokerDir) throws Exception {
    broker = startBroker(brokerDir);
  }

  @AfterAll
  void stopSharedBroker() {
    broker.close();
  }

  TestBroker broker() {
    return broker;
  }

  HubHarness hub(String... posts) {
    Map<String, String> cfg = new HashMap<>();
    cfg.put("hub.id", "hub-" + tag);
    HubHarness h = new HubHarness(dir.resolve("hub-" + tag), broker(), cfg).register(posts).start();
    closeLater.add(h);
    return h;
  }

  String post(String name) {
    return name + "-" + tag;
  }

  <T extends AutoCloseable> T later(T c) {
    closeLater.add(c);
    return c;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
  }

  static String panicJson(String postId, UUID eventId, UUID incidentId) {
    return "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"" + postId + "\",\"ts\":\"" + Instant.now()
        + "\",\"bootId\":\"boot-1\",\"seq\":7,\"eventId\":\"" + eventId + "\",\"kind\":\"PANIC\",\"incidentId\":\""
        + incidentId + "\"}";
  }

  void mosquittoPub(String topic, String payload, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
        Integer.toString(broker().port()), "-V", "mqttv5", "-q", "1", "-t", topic, "-m", payload));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  static List<JsonNode> alerts(HubHarness h, String query) {
    HubHarness.Response r = h.get("/api/alerts" + query);
    assertThat(r.status()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().forEach(out::add);
    return out;
  }

  static List<JsonNode> alertsOf(HubHarness h, String postId, String type, String query) {
    return alerts(h, query).stream().filter(a -> a.get("postId").asText().equals(postId)
        && a.get("type").asText().equals(type)).toList();
  }

  @Test
  void panicPublishedWithMosquittoPubOpensOneAlertStreamsOneEventAndAnswersPanicReceived() throws Exception {
    String id = post("alatau-1");
    HubHarness h = hub(id);
    FakePost agent = later(new FakePost(broker().url(), id, "boot-1", 30));
    SseClient sse = later(h.stream(null));
    await().until(() -> sse.status == 200);
    UUID incident = UUID.randomUUID();
    String panic = panicJson(id, UUID.randomUUID(), incident);

    mosquittoPub("posts/" + id + "/events", panic);
    await().until(() -> alertsOf(h, id, "PANIC", "").size() == 1);
    mosquittoPub("posts/" + id + "/events", panic);
    await().until(() -> agent.commands.stream().filter(c -> c.name() == CommandName.PANIC_RECEIVED).count() == 2);

    List<JsonNode> open = alertsOf(h, id, "PANIC", "?state=open");
    assertThat(open).hasSize(1);
    assertThat(open.get(0).get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(open.get(0).get("incidentId").asText()).isEqualTo(incident.toString());
    assertThat(sse.named("alert")).hasSize(1);
    assertThat(sse.named("alert").get(0).data()).contains("\"state\":\"OPEN\"").contains(incident.toString());
    Command received = agent.commands.get(0);
    assertThat(received.name()).isEqualTo(CommandName.PANIC_RECEIVED);
    assertThat(received.incidentId()).isEqualTo(incident);
  }

  @Test
  void aRetainedPanicLeftOnTheBrokerIsNotTakenAsANewOneWhenTheHubSubscribes() throws Exception {
    String stale = post("alatau-r");
    String live = post("alatau-l");
    mosquittoPub("posts/" + stale + "/events", panicJson(stale, UUID.randomUUID(), UUID.randomUUID()), "-r");
    HubHarness h = hub(stale, live);
    mosquittoPub("posts/" + live + "/events", panicJson(live, UUID.randomUUID(), UUID.randomUUID()));
    await().until(() -> alertsOf(h, live, "PANIC", "").size() == 1);
    assertThat(alertsOf(h, stale, "PANIC", "")).as("alerts from a retained event").isEmpty();
  }

  @Test
  void killedConnectionRaisesPostOfflineAndReconnectResolvesItWhileStaleDeathIsIgnored() throws Exception {
    String id = post("alatau-2");
    HubHarness h = hub(id);
    int keepAliveS = 2;
    FakePost first = new FakePost(broker().url(), id, "boot-a", keepAliveS);
    await().until(() -> "online".equals(h.get("/api/posts/" + id).json().get("status").asText()));

    long killedAt = System.nanoTime();
    first.kill();
    await().atMost(Duration.ofSeconds(keepAliveS * 3L / 2 + 3))
        .until(() -> alertsOf(h, id, "POST_OFFLINE", "?state=open").size() == 1);
    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofMillis(keepAliveS * 1500L + 2000));
    assertThat(h.get("/api/posts/" + id).json().get("status").asText()).isEqualTo("offline");

    FakePost second = later(new FakePost(broker().url(), id, "boot-b", keepAliveS));
    await().until(() -> alertsOf(h, id, "POST_OFFLINE", "?state=resolved").size() == 1);
    assertThat(h.get("/api/posts/" + id).json().get("status").asText()).isEqualTo("online");

    second.publish(first.death(kuzet.protocol.Death.Reason.WILL), true);
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(4)).until(() ->
        "online".equals(h.get("/api/posts/" + id).json().get("status").asText())
            && alertsOf(h, id, "POST_OFFLINE", "?state=open").isEmpty());
  }

  @Test
  void retainedBirthFromBeforeTheHubStartedShowsThePostOnline() throws Exception {
    String id = post("alatau-5");
    later(new FakePost(broker().url(), id, "boot-early", 30));
    HubHarness h = hub(id);
    await().until(() -> "online".equals(h.get("/api/posts/" + id).json().get("status").asText()));
    assertThat(h.get("/api/posts/" + id).json().get("bootId").asText()).isEqualTo("boot-early");
  }

  @Test
  void panicPublishedWhileHubIsDownIsAlertedAfterRestartAndOlderAlertsRemain() throws Exception {
    String id = post("alatau-3");
    HubHarness h = hub(id);
    UUID firstIncident = UUID.randomUUID();
    mosquittoPub("posts/" + id + "/events", panicJson(id, UUID.randomUUID(), firstIncident));
    await().until(() -> alertsOf(h, id, "PANIC", "").size() == 1);

    h.stop();
    UUID secondIncident = UUID.randomUUID();
    mosquittoPub("posts/" + id + "/events", panicJson(id, UUID.randomUUID(), secondIncident));
    h.start();

    await().atMost(Duration.ofSeconds(15)).until(() -> alertsOf(h, id, "PANIC", "").size() == 2);
    assertThat(alertsOf(h, id, "PANIC", "").stream().map(a -> a.get("incidentId").asText()))
        .containsExactlyInAnyOrder(firstIncident.toString(), secondIncident.toString());
  }

  @Test
  void acknowledgingPanicSendsPanicAckToThePostAndAuditsWhoDidIt() throws Exception {
    String id = post("alatau-4");
    HubHarness h = hub(id);
    FakePost agent = later(new FakePost(broker().url(), id, "boot-1", 30));
    UUID incident = UUID.randomUUID();
    agent.publish(agent.panic(incident), false);
    await().until(() -> alertsOf(h, id, "PANIC", "").size() == 1);
    String alertId = alertsOf(h, id, "PANIC", "").get(0).get("id").asText();

    HubHarness.Response ack = h.post("/api/alerts/" + alertId + "/ack", "{\"note\":\"on it\"}");

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().get("state").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(ack.json().get("acknowledgedBy").asText()).isEqualTo("anonymous");
    await().until(() -> agent.commands.stream().anyMatch(c -> c.name() == CommandName.PANIC_ACK
        && incident.equals(c.incidentId())));
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + h.config().store().sqliteFile());
         var ps = c.prepareStatement("SELECT actor, action FROM audit WHERE target = ? AND actor <> 'system'")) {
      ps.setString(1, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("anonymous");
        assertThat(rs.getString(2)).isEqualTo("ALERT_ACKNOWLEDGED");
      }
    }
  }
}
