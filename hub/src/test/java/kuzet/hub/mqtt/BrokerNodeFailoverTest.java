package kuzet.hub.mqtt;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.CommandName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub given two broker nodes (two Mosquitto processes standing for a cluster's nodes) moves to the second when
 * the first dies, and a post on the second node is answered. A real cluster also shares sessions between its
 * nodes; two plain Mosquittos do not, so the post presses only once the hub is there.
 */
class BrokerNodeFailoverTest {
  @TempDir
  Path dir;

  @Test
  void whenItsBrokerNodeDiesTheHubMovesToTheNextAndAnswersAPanicThere() throws Exception {
    TestBroker first = TestBroker.mosquitto(dir.resolve("node-1"));
    try (first; TestBroker second = TestBroker.mosquitto(dir.resolve("node-2"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), first,
             Map.of("broker.url", first.url() + "," + second.url())).register("alatau-f1").start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/health").status() == 200);
      first.close();
      await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/health").status() == 200
          && hub.get("/health").body().contains("\"broker\":\"UP\""));
      try (FakePost post = new FakePost(second.url(), "alatau-f1", "boot-1", 30)) {
        UUID incident = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
          post.publish(post.panic(incident), false);
          return post.commands.stream()
              .anyMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId()));
        });
      }
    }
  }
}
