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
        "alerts.chatterWindowS", "600", "alerts.shelveMaxS", "3600"), clock, clock);
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
}
