package kuzet.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.HubStatus;
import kuzet.protocol.testing.ArtemisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub on a real two-node Apache Artemis cluster, posts on the other node: retained messages do not cross
 * Artemis's nodes, so nothing here may depend on a retained message alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArtemisClusterTest {
  @TempDir
  static Path dir;
  static ArtemisCluster cluster;

  @BeforeAll
  static void cluster() throws Exception {
    cluster = ArtemisCluster.start(dir.resolve("artemis"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  @Order(1)
  void aPostOnTheOtherNodeSeesTheHubAndIsAnswered() throws Exception {
    try (HubHarness hub = new HubHarness(dir.resolve("hub"), TestBroker.at(cluster.url(1), 0),
        Map.of("broker.url", cluster.urls(1), "mqtt.shareGroup", "city")).register("alatau-a1").start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/health").status() == 200);
      try (FakePost post = new FakePost(cluster.url(2), "alatau-a1", "boot-1", 30)) {
        await("the hub's presence reaches a post that connected later on the other node")
            .atMost(Duration.ofSeconds(20))
            .until(() -> post.hubPresence.stream().anyMatch(h -> h.state() == HubStatus.State.ONLINE));
        await("the hub sees the post online, and the post says it sees the hub").atMost(Duration.ofSeconds(20))
            .until(() -> hub.get("/api/posts/alatau-a1").json().path("status").asText().equals("online")
                && hub.get("/api/posts/alatau-a1").json().path("hubReachable").asBoolean());
        UUID incident = UUID.randomUUID();
        post.publish(post.panic(incident), false);
        await().atMost(Duration.ofSeconds(20)).until(() -> post.commands.stream()
            .anyMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId())));
        assertThat(post.commands).filteredOn(c -> c.name() == CommandName.PANIC_RECEIVED).hasSize(1);
      }
    }
  }

  @Test
  @Order(2)
  void whenABrokerNodeDiesItsPostsAndTheHubMoveToTheOtherAndAPanicPressedMeanwhileIsAnsweredOnce() throws Exception {
    try (HubHarness hub = new HubHarness(dir.resolve("hub-2"), TestBroker.at(cluster.url(1), 0),
        Map.of("broker.url", cluster.urls(1), "mqtt.shareGroup", "city2")).register("alatau-a2", "alatau-a3").start();
         FakePost moving = new FakePost(cluster.urls(1), "alatau-a2", "boot-1", 5);
         FakePost staying = new FakePost(cluster.url(2), "alatau-a3", "boot-1", 5)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> moving.hubOnline() && staying.hubOnline()
          && hub.get("/api/posts/alatau-a2").json().path("hubReachable").asBoolean()
          && hub.get("/api/posts/alatau-a3").json().path("hubReachable").asBoolean());

      cluster.kill(1);
      UUID first = UUID.randomUUID();
      UUID second = UUID.randomUUID();
      Event pressedDuringSwitch = moving.panic(first);
      Event pressedOnSurvivor = staying.panic(second);
      await("both PANICs answered after the switch").atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(2)).until(() -> {
            // as the agent's outbox: kept while the broker is away, sent again with the same event id
            resend(moving, pressedDuringSwitch);
            resend(staying, pressedOnSurvivor);
            return received(moving, first) && received(staying, second);
          });
      await("the hub reports its broker up again").atMost(Duration.ofSeconds(30))
          .until(() -> hub.get("/health").json().path("checks").path("broker").asText().equals("UP"));
      JsonNode alerts = hub.get("/api/alerts").json();
      for (UUID incident : List.of(first, second)) {
        assertThat(alerts.findValuesAsText("incidentId")).as("one alert for " + incident)
            .filteredOn(incident.toString()::equals).hasSize(1);
      }
      await("no post left offline").atMost(Duration.ofSeconds(30)).until(() ->
          hub.get("/api/posts/alatau-a2").json().path("status").asText().equals("online")
              && !hub.get("/api/alerts").body().contains("POST_OFFLINE"));
    }
  }

  private static void resend(FakePost post, Event panic) {
    if (post.isConnected() && !received(post, panic.incidentId())) {
      try {
        post.publish(panic, false);
      } catch (AssertionError brokerAway) {
        // the next poll sends it again
      }
    }
  }

  private static boolean received(FakePost post, UUID incident) {
    return post.commands.stream().anyMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId()));
  }
}
