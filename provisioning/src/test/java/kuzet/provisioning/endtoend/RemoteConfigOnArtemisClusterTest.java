package kuzet.provisioning.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import kuzet.agent.Agent;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.testing.ArtemisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real two-node Artemis cluster, which keeps a retained message on the node it was published to: a change made
 * while a post was away (the hub on node 1, the retained CONFIG with it) reaches the post when it first connects to
 * node 2, through its birth, and the hub sees it applied.
 */
class RemoteConfigOnArtemisClusterTest {
  private static final String POST = "cfg-artemis-1";

  @Test
  void aPostThatComesOnlineOnTheOtherNodeGetsTheChangeMadeWhileItWasAway(@TempDir Path dir) throws Exception {
    try (ArtemisCluster cluster = ArtemisCluster.start(dir.resolve("artemis"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), TestBroker.at(cluster.url(1), 0),
             Map.of("broker.url", cluster.url(1), "mqtt.shareGroup", "city")).register(POST).start()) {
      HubHarness.Response r = hub.post("/api/config", "{\"post\":\"" + POST + "\",\"settings\":{\"telemetry.intervalS\":2,"
          + "\"motion.cooldownS\":5}}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      AgentConfig cfg = ConfigLoader.fromMap(Map.of("post.id", POST, "mqtt.url", cluster.url(2),
          "data.dir", dir.resolve("agent").toString(), "hardware.platform", "mock", "selftest.hour", "-1",
          "mqtt.reconnectMinMs", "100", "mqtt.reconnectMaxMs", "500", "telemetry.intervalS", "3600"), Map.of());
      try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), AgentConfig.Platform.MOCK);
           Agent agent = new Agent(cfg, hw.board(), Clock.systemUTC(), null, 1).start()) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          var post = hub.get("/api/posts/" + POST).json();
          return post.path("configVersion").asLong() == 1 && "applied".equals(post.path("config").path("state").asText());
        });
        await("telemetry every 2 s, as the CONFIG says").atMost(Duration.ofSeconds(20)).until(() ->
            hub.telemetry.points.stream().filter(p -> p.postId().value().equals(POST)).count() >= 2);
      }
    }
  }
}
