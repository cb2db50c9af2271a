package kuzet.hub.alert;

import static kuzet.hub.testing.PostMessages.door;
import static kuzet.hub.testing.PostMessages.event;
import static kuzet.hub.testing.PostMessages.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.SecuredHub;
import kuzet.protocol.EventKind;
import kuzet.protocol.Readings;
import kuzet.protocol.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarm quality as an operator meets it: chattering held back, shelving. A hub as production runs it (sign-in,
 * real Mosquitto, its SQLite file), with the hub's clock in the test's hands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlarmQualityOverBrokerTest {
  final MutableClock clock = new MutableClock(Instant.now());
  SecuredHub hub;
  SecuredHub.Browser operator;
  FakePost post;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    hub = SecuredHub.start(dir, Map.of("fleet.heartbeatTimeoutS", "86400", "alerts.clearHoldS", "10",
        "alerts.chatterWindowS", "600", "alerts.shelveMaxS", "3600"), java.time.Clock.systemUTC(), clock);
    operator = hub.signedIn(SecuredHub.OPERATOR, SecuredHub.OPERATOR_PW);
    post = new FakePost(hub.broker.url(), SecuredHub.POST, "boot-1", 30);
  }

  @AfterAll
  void stop() {
    post.close();
    hub.close();
  }

  JsonNode get(String path) {
    var r = hub.get(path, "Cookie", operator.cookie());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return new HubHarness.Response(r.statusCode(), r.body()).json();
  }

  List<JsonNode> alerts(String type) {
    List<JsonNode> out = new ArrayList<>();
    get("/api/alerts?state=open,acknowledged,resolved").forEach(a -> {
      if (a.get("type").asText().equals(type)) {
        out.add(a);
      }
    });
    return out;
  }

  /** Publishes, then waits until the hub's rules have seen it (the telemetry sink is fed after the rules). */
  void send(kuzet.protocol.PostMessage m) {
    post.publish(m, false);
    kuzet.protocol.Telemetry marker = telemetry(post, clock.instant(), Readings.empty());
    post.publish(marker, false);
    await().until(() -> hub.hub.telemetry.points.stream().anyMatch(x -> x.seq() == marker.seq()));
  }

  boolean state(String type, String state) {
    return alerts(type).stream().anyMatch(a -> a.get("state").asText().equals(state));
  }

  @Test
  void aDoorAlarmThatOpensAndClearsAgainAndAgainIsOneAlertWithACount() {
    for (int i = 0; i < 4; i++) {
      send(event(post, clock.instant(), EventKind.DOOR_OPENED, Map.of()));
      await("door alarm open, round " + i).until(() -> state("DOOR_OPEN_UNATTENDED", "OPEN"));
      send(telemetry(post, clock.instant(), door(false)));
      clock.advance(Duration.ofSeconds(11));
      await("door alarm cleared, round " + i).until(() -> state("DOOR_OPEN_UNATTENDED", "RESOLVED"));
      clock.advance(Duration.ofSeconds(60));
    }
    List<JsonNode> all = alerts("DOOR_OPEN_UNATTENDED");
    assertThat(all).as("one card, not four").hasSize(1);
    assertThat(all.get(0).get("repeats").asInt()).isEqualTo(3);
    assertThat(all.get(0).get("history").findValuesAsText("detail")).anyMatch(d -> d.contains("(4 times)"));

    clock.advance(Duration.ofSeconds(601));
    send(event(post, clock.instant(), EventKind.DOOR_OPENED, Map.of()));
    await("a new alarm once the window has passed").until(() -> alerts("DOOR_OPEN_UNATTENDED").size() == 2);
    send(telemetry(post, clock.instant(), door(false)));
    clock.advance(Duration.ofSeconds(11));
    await().until(() -> alerts("DOOR_OPEN_UNATTENDED").stream().allMatch(a -> a.get("state").asText().equals("RESOLVED")));
  }

  String shelf(SecuredHub.Browser who, String type, Object minutes, String reason, int status) {
    String body = new io.vertx.core.json.JsonObject().put("postId", SecuredHub.POST).put("type", type)
        .put("minutes", minutes).put("reason", reason).encode();
    var r = hub.as(who, "POST", "/api/shelves", body);
    assertThat(r.statusCode()).as(type + " " + minutes + ": " + r.body()).isEqualTo(status);
    return r.body();
  }

  List<String> audit(String action) throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = java.sql.DriverManager.getConnection(hub.hub.config().store().url());
         var rs = c.createStatement().executeQuery("SELECT actor, target, detail FROM audit WHERE action = '" + action + "'")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
    }
    return out;
  }

  @Test
  void panicAndTamperCanNeverBeShelvedAndABadShelfIsRefusedWithTheReason() {
    assertThat(shelf(operator, "PANIC", 10, "test", 422)).contains("PANIC can never be shelved");
    assertThat(shelf(operator, "TAMPER", 10, "test", 422)).contains("TAMPER can never be shelved");
    assertThat(shelf(operator, "NO_SUCH_TYPE", 10, "test", 400)).contains("GET /api/alert-types");
    assertThat(shelf(operator, "LAMP_FAULT", 0, "test", 400)).contains("from 1 to 60");
    assertThat(shelf(operator, "LAMP_FAULT", 61, "test", 400)).contains("from 1 to 60");
    assertThat(shelf(operator, "LAMP_FAULT", "ten", "test", 400)).contains("'minutes'");
    assertThat(shelf(operator, "LAMP_FAULT", 10, " ", 400)).contains("'reason'");
    assertThat(hub.as(operator, "DELETE", "/api/shelves/" + java.util.UUID.randomUUID(), null).statusCode()).isEqualTo(404);

    var admin = hub.signedIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW);
    assertThat(hub.as(admin, "POST", "/api/operators",
        "{\"username\":\"watcher\",\"role\":\"viewer\",\"password\":\"watcher-password-1\"}").statusCode()).isEqualTo(201);
    var viewer = hub.signedIn("watcher", "watcher-password-1");
    assertThat(shelf(viewer, "LAMP_FAULT", 10, "a viewer may not", 403)).contains("operator");
    assertThat(get("/api/shelves").get("shelves")).isEmpty();
  }

  @Test
  void aShelvedTypeIsHeldBackAtThatPostAuditedShownAndEndsByItself() throws Exception {
    send(event(post, clock.instant(), EventKind.LAMP_FAULT, Map.of("lamp", "floodlights")));
    await().until(() -> state("LAMP_FAULT", "OPEN"));

    JsonNode s = new HubHarness.Response(201, shelf(operator, "LAMP_FAULT", 30, "lamp ordered, technician on Thursday", 201)).json();
    assertThat(s.get("shelvedBy").asText()).isEqualTo(SecuredHub.OPERATOR);
    assertThat(shelf(operator, "LAMP_FAULT", 30, "again", 409)).contains("already shelved by " + SecuredHub.OPERATOR);
    await("the open lamp fault resolved with the shelf's reason").until(() -> alerts("LAMP_FAULT").stream()
        .allMatch(a -> a.get("state").asText().equals("RESOLVED") && a.get("note").asText().contains("technician on Thursday")));

    send(event(post, clock.instant(), EventKind.LAMP_FAULT, Map.of("lamp", "beacon")));
    assertThat(alerts("LAMP_FAULT")).as("held back while shelved").hasSize(1);
    JsonNode shown = get("/api/shelves").get("shelves").get(0);
    assertThat(shown.get("type").asText()).isEqualTo("LAMP_FAULT");
    assertThat(shown.get("suppressed").asInt()).isEqualTo(1);
    assertThat(audit("ALERT_SHELVED")).singleElement().asString()
        .startsWith(SecuredHub.OPERATOR + " " + SecuredHub.POST + "/LAMP_FAULT").contains("technician on Thursday");

    clock.advance(Duration.ofMinutes(30));
    await("the shelf ends by itself").until(() -> get("/api/shelves").get("shelves").isEmpty());
    assertThat(audit("ALERT_SHELF_EXPIRED")).singleElement().asString().startsWith("system ").contains("1 alerts held back");
    send(event(post, clock.instant(), EventKind.LAMP_FAULT, Map.of("lamp", "interior")));
    await("raised again once the shelf ended").until(() -> state("LAMP_FAULT", "OPEN"));
  }

  @Test
  void moreThanTenAlarmsInTenMinutesAreReportedAsAFloodWithASummaryByTypeAndDistrict() throws Exception {
    List<String> ids = new ArrayList<>();
    try (var registry = kuzet.registry.JdbcPostRegistry.open(hub.hub.config().store())) {
      for (int i = 1; i <= 11; i++) {
        String id = String.format("flood-%03d", i);
        ids.add(id);
        registry.register(new kuzet.registry.RegisteredPost(new kuzet.protocol.PostId(id),
            kuzet.registry.PostType.MODULAR_POST, "Flood " + i, i <= 8 ? "Алатауский" : "Бостандыкский", 43.2, 76.9,
            Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
      }
    }
    assertThat(get("/api/alarm-load").get("flood").isNull()).as("no flood yet").isTrue();
    for (String id : ids) {
      try (FakePost p = new FakePost(hub.broker.url(), id, "boot-1", 30)) {
        p.publish(event(p, clock.instant(), EventKind.TAMPER, Map.of()), false);
      }
    }
    await("eleven tamper alarms").until(() -> alerts("TAMPER").size() == 11);
    JsonNode load = get("/api/alarm-load");
    assertThat(load.get("band").asText()).isEqualTo("flood");
    assertThat(load.get("lastTenMinutes").asInt()).isGreaterThanOrEqualTo(11);
    assertThat(load.get("flood").get("byType").get("TAMPER").asInt()).isEqualTo(11);
    assertThat(load.get("flood").get("byDistrict").get("Алатауский").asInt()).isEqualTo(8);
    assertThat(load.get("flood").get("byDistrict").get("Бостандыкский").asInt()).isEqualTo(3);
    var admin = hub.signedIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW);
    assertThat(hub.get("/metrics", "Cookie", admin.cookie()).body()).containsPattern("kuzet_alarms_last10m \\d+")
        .contains("kuzet_alarms_raised_total{priority=\"CRITICAL\"}");
  }
}
