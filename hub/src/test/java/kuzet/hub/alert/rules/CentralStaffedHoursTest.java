package kuzet.hub.alert.rules;

import static kuzet.hub.testing.PostMessages.event;
import static kuzet.hub.testing.PostMessages.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.OnMessage;
import kuzet.hub.testing.PostMessages;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostConfig;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Readings;
import kuzet.protocol.testing.MutableClock;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staffed hours as a centrally managed post setting, through a real hub on its embedded broker: an admin's value for a
 * post (REST {@code POST /api/config}) decides whether a door opening raises DOOR_OPEN_UNATTENDED, over the hub's own
 * config; null gives the post back to the hub's config; the change is audited and stays out of the post's CONFIG; a
 * bad value is refused naming the key. The windows are set around the hub clock's time of day, so they hold whenever
 * the test runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CentralStaffedHoursTest {
  private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  final MutableClock clock = new MutableClock(Instant.now());
  final LocalTime now = clock.instant().atZone(ALMATY).toLocalTime();
  /** Covers the hub clock's time of day, and does not: two hours of margin either way. */
  final String covering = HH_MM.format(now.minusHours(2)) + "-" + HH_MM.format(now.plusHours(2));
  final String notCovering = HH_MM.format(now.plusHours(3)) + "-" + HH_MM.format(now.plusHours(4));
  TestBroker broker;
  HubHarness hub;
  final List<FakePost> posts = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    broker = TestBroker.embedded(dir.resolve("broker"));
    hub = new HubHarness(dir.resolve("hub"), broker, Map.of("fleet.heartbeatTimeoutS", "86400",
        "alerts.timeZone", ALMATY.getId(), "alerts.staffedHours", "",
        "rules.staff-1.staffedHours", covering)).register("staff-1", "staff-2").clock(clock).start();
  }

  @AfterAll
  void stop() {
    posts.forEach(FakePost::close);
    hub.close();
    broker.close();
  }

  @Test
  void theHoursAnAdminSetsForAPostWinOverTheHubsConfig() throws Exception {
    FakePost p = post("staff-1");
    assertThat(staffedNow("staff-1")).as("the hub's config: rules.staff-1.staffedHours=" + covering).isTrue();
    send(p, EventKind.DOOR_OPENED);
    assertThat(doorAlerts("staff-1")).as("staffed by the hub's config: no alert").isEmpty();
    send(p, PostMessages.door(false));

    HubHarness.Response r = config("{\"post\":\"staff-1\",\"settings\":{\"alerts.staffedHours\":\"" + notCovering + "\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(staffedNow("staff-1")).isFalse();
    send(p, EventKind.DOOR_OPENED);
    await("door alert for staff-1").until(() -> !doorAlerts("staff-1").isEmpty());
    JsonNode a = doorAlerts("staff-1").get(0);
    assertThat(a.get("state").asText()).isEqualTo("OPEN");
    assertThat(a.get("history").get(0).get("detail").asText()).contains("door opened").contains("not staffed");
  }

  @Test
  void aPostStaffedCentrallyRaisesNothingUntilItsHoursGoBackToTheHubsConfig() throws Exception {
    FakePost p = post("staff-2");
    assertThat(staffedNow("staff-2")).as("the hub's config: no staffed hours").isFalse();
    HubHarness.Response r = config("{\"post\":\"staff-2\",\"settings\":{\"alerts.staffedHours\":\"" + covering + "\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    long version = r.json().get("changed").get(0).get("configVersion").asLong();
    send(p, EventKind.DOOR_OPENED);
    assertThat(doorAlerts("staff-2")).as("staffed by the admin's hours: no alert").isEmpty();
    send(p, PostMessages.door(false));

    JsonNode shown = hub.get("/api/posts/staff-2/config").json();
    assertThat(shown.get("settings").get("alerts.staffedHours").asText()).isEqualTo(covering);
    PostConfig sent = retainedConfig("staff-2");
    assertThat(sent.configVersion()).isEqualTo(version);
    assertThat(sent.settings()).as("the agent does not act on staffed hours and is not sent them").isEmpty();
    assertThat(audit("staff-2")).containsExactly("anonymous CONFIG version 1: alerts.staffedHours=" + covering);

    assertThat(config("{\"post\":\"staff-2\",\"settings\":{\"alerts.staffedHours\":null}}").status()).isEqualTo(200);
    assertThat(staffedNow("staff-2")).isFalse();
    send(p, EventKind.DOOR_OPENED);
    await("door alert for staff-2").until(() -> !doorAlerts("staff-2").isEmpty());
    assertThat(audit("staff-2")).last().isEqualTo("anonymous CONFIG version 2: alerts.staffedHours back to the post's file");
  }

  @Test
  void aBadValueIsRefusedNamingTheKeyAndTheBoardIsToldTheHubAppliesIt() {
    HubHarness.Response r = config("{\"post\":\"staff-1\",\"settings\":{\"alerts.staffedHours\":\"8-20\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).startsWith("setting 'alerts.staffedHours': '8-20' is not a daily window");
    r = config("{\"type\":\"modular-post\",\"settings\":{\"alerts.staffedHours\":\"08:00-08:00\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).startsWith("setting 'alerts.staffedHours': ");

    JsonNode catalogue = hub.get("/api/config/settings").json();
    List<String> hubSide = new ArrayList<>();
    catalogue.forEach(s -> {
      if (s.get("appliedBy").asText().equals("hub")) {
        hubSide.add(s.get("key").asText() + " " + s.get("form").asText());
      }
    });
    assertThat(hubSide).containsExactly("alerts.staffedHours window");
  }

  private FakePost post(String id) throws Exception {
    FakePost p = new FakePost(broker.url(), id, "boot-1", 30);
    posts.add(p);
    return p;
  }

  private HubHarness.Response config(String body) {
    return hub.post("/api/config", body);
  }

  /** Whether the hub counts the post staffed now, without an operator's mark. */
  private boolean staffedNow(String id) {
    HubHarness.Response r = hub.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/posts/" + id + "/staffed"))
        .header("content-type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"staffed\":null}")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("staffed").asBoolean();
  }

  private List<JsonNode> doorAlerts(String postId) {
    List<JsonNode> out = new ArrayList<>();
    hub.get("/api/alerts?state=open,acknowledged,resolved").json().forEach(a -> {
      if (a.get("postId").asText().equals(postId) && a.get("type").asText().equals("DOOR_OPEN_UNATTENDED")) {
        out.add(a);
      }
    });
    return out;
  }

  /** An event, then telemetry behind it: once the hub stored the telemetry, its rules have seen the event. */
  private void send(FakePost p, EventKind kind) {
    p.publish(event(p, clock.instant(), kind, Map.of()), false);
    send(p, Readings.empty());
  }

  private void send(FakePost p, Readings r) {
    var t = telemetry(p, clock.instant(), r);
    p.publish(t, false);
    await("telemetry " + t.seq() + " of " + p.id).until(() -> hub.telemetry.points.stream()
        .anyMatch(x -> x.postId().equals(p.id) && x.seq() == t.seq()));
  }

  private PostConfig retainedConfig(String id) throws Exception {
    List<PostConfig> got = new CopyOnWriteArrayList<>();
    MqttClient c = new MqttClient(broker.url(), "config-watcher-" + id, new MemoryPersistence());
    try {
      c.setCallback((OnMessage) (topic, m) -> {
        if (m.getPayload().length > 0 && ProtocolCodec.defaults().decode(topic, m.getPayload()) instanceof PostConfig pc) {
          got.add(pc);
        }
      });
      c.connect();
      c.subscribe("posts/" + id + "/config", 1);
      await("retained CONFIG of " + id).until(() -> !got.isEmpty());
      return got.get(0);
    } finally {
      c.disconnect();
      c.close();
    }
  }

  private List<String> audit(String target) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir.resolve("hub.db"));
         ResultSet rs = c.createStatement().executeQuery(
             "SELECT actor, action, detail FROM audit WHERE target = '" + target + "' AND action = 'CONFIG' ORDER BY seq")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
      return out;
    }
  }
}
