package kuzet.hub.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.protocol.testing.MutableClock;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.PostMessage;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A district-wide power cut: 100 posts lose mains through the broker and the board shows one incident. */
class GroupingOverBrokerTest {

  // the build machine is shared and often saturated: give the broker round trips room, not the defaults' 10 s
  @org.junit.jupiter.api.BeforeAll
  static void patientAwaits() {
    org.awaitility.Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(30));
  }

  @org.junit.jupiter.api.AfterAll
  static void defaultAwaits() {
    org.awaitility.Awaitility.reset();
  }

  static List<JsonNode> list(HubHarness hub, String query) {
    List<JsonNode> out = new ArrayList<>();
    hub.get("/api/alerts" + query).json().forEach(out::add);
    return out;
  }

  @Test
  void hundredPostsLosingMainsGiveOneGroupedIncidentAndAPanicStaysItsOwnCriticalAlert(@TempDir Path dir)
      throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    String[] ids = new String[100];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = String.format("alatau-%03d", i + 1);
    }
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of(
             "fleet.heartbeatTimeoutS", "86400",
             "alerts.mainsLostDelayS", "30",
             "grouping.windowS", "120",
             "grouping.minPosts", "5")).register(ids).clock(clock).start()) {
      MqttClient feeder = new MqttClient(broker.url(), "feeder-" + UUID.randomUUID(), new MemoryPersistence());
      feeder.connect();
      // the hub may report connected a moment before its subscription is in place: knock until it answers
      await("hub subscribed").pollInterval(Duration.ofMillis(300)).until(() -> {
        publish(feeder, new kuzet.protocol.Telemetry(new PostId("alatau-100"), clock.instant(), "boot-0", 0,
            kuzet.protocol.Readings.empty()));
        return !hub.telemetry.points.isEmpty();
      });
      for (String id : ids) {
        publish(feeder, Event.of(new PostId(id), clock.instant(), "boot-1", 1, EventKind.MAINS_LOST, Map.of()));
      }
      UUID incident = UUID.randomUUID();
      publish(feeder, new Event(new PostId("alatau-042"), clock.instant(), "boot-1", 2, UUID.randomUUID(),
          EventKind.PANIC, incident, Map.of()));
      await().until(() -> list(hub, "").stream().anyMatch(a -> a.get("type").asText().equals("PANIC")));
      Thread.sleep(1_500); // every MAINS_LOST is through ingest before the delay runs out (none is an alert yet)
      assertThat(list(hub, "").stream().filter(a -> a.get("type").asText().equals("MAINS_LOST"))).isEmpty();

      clock.advance(Duration.ofSeconds(31));
      await("one grouped MAINS_LOST on the board").until(() -> list(hub, "").stream()
          .filter(a -> a.get("type").asText().equals("MAINS_LOST")).toList().size() == 1
          && list(hub, "").stream().anyMatch(a -> a.get("groupSize").asInt() == 100));
      List<JsonNode> board = list(hub, "");
      assertThat(board).hasSize(2);
      JsonNode group = board.stream().filter(a -> a.get("type").asText().equals("MAINS_LOST")).findFirst().orElseThrow();
      assertThat(group.get("groupId").asText()).isEqualTo(group.get("id").asText());
      assertThat(group.get("severity").asText()).isEqualTo("MAJOR");
      JsonNode members = hub.get("/api/alerts/" + group.get("id").asText() + "/group").json();
      List<String> posts = new ArrayList<>();
      members.get("posts").forEach(p -> posts.add(p.asText()));
      assertThat(posts).containsExactlyInAnyOrder(ids);
      assertThat(members.get("size").asInt()).isEqualTo(100);

      JsonNode panic = board.stream().filter(a -> a.get("type").asText().equals("PANIC")).findFirst().orElseThrow();
      assertThat(panic.get("postId").asText()).isEqualTo("alatau-042");
      assertThat(panic.get("severity").asText()).isEqualTo("CRITICAL");
      assertThat(panic.get("groupId").isNull()).isTrue();
      assertThat(board.get(0).get("type").asText()).as("critical first").isEqualTo("PANIC");
      assertThat(group.get("escalationLevel").asInt()).as("the incident escalates once").isEqualTo(1);
      assertThat(members.get("alerts").get(1).get("escalationLevel").asInt()).as("folded: not on its own").isZero();

      // the leading post gets power back: the other 99 regroup under a new leader instead of scattering
      String leaderPost = group.get("postId").asText();
      publish(feeder, Event.of(new PostId(leaderPost), clock.instant(), "boot-1", 3, EventKind.MAINS_RESTORED, Map.of()));
      publish(feeder, new kuzet.protocol.Telemetry(new PostId(leaderPost), clock.instant(), "boot-1", 4,
          kuzet.protocol.Readings.empty()));
      await("the restore is through ingest").until(() -> hub.telemetry.points.stream()
          .anyMatch(t -> t.postId().value().equals(leaderPost)));
      clock.advance(Duration.ofSeconds(61));
      await("99 posts regrouped").until(() -> list(hub, "").stream()
          .anyMatch(a -> a.get("type").asText().equals("MAINS_LOST") && a.get("groupSize").asInt() == 99));
      List<JsonNode> after = list(hub, "");
      assertThat(after).hasSize(2);
      assertThat(hub.get("/api/alerts/" + group.get("id").asText()).json().get("state").asText()).isEqualTo("RESOLVED");
      JsonNode regrouped = after.stream().filter(a -> a.get("type").asText().equals("MAINS_LOST")).findFirst().orElseThrow();
      assertThat(regrouped.get("postId").asText()).isNotEqualTo(leaderPost);
      feeder.disconnect();
      feeder.close();
    }
  }

  static void publish(MqttClient c, PostMessage m) throws Exception {
    FakePost.publishQos1(c, m, false);
  }

}
