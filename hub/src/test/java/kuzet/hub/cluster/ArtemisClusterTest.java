package kuzet.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.CommandName;
import kuzet.protocol.HubStatus;
import kuzet.protocol.testing.ArtemisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub on a real two-node Apache Artemis cluster, posts on the other node: retained messages do not cross
 * Artemis's nodes, so nothing here may depend on a retained message alone.
 */
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
}
