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
import kuzet.hub.config.ConfigKey;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post that loses power or its network closes nothing: the broker only notices when the keep-alive runs out. With
 * the agent's and the hub's default settings (keep-alive, offline grace, flap suppression), a post whose connection
 * freezes through a proxy must be POST_OFFLINE on the board within 20 s, through the hub's embedded broker.
 */
class PostOfflineWithinTwentySecondsTest {
  private static final String POST = "offline-post-1";
  private static final Duration BOUND = Duration.ofSeconds(20);

  @Test
  void aFrozenPostIsOfflineOnTheBoardWithinTwentySecondsWithTheDefaults(@TempDir Path dir) throws Exception {
    // the harness shortens the grace and the stable period for other tests: here they are the product's defaults
    try (HubHarness hub = HubHarness.withEmbeddedBroker(dir.resolve("hub"), Map.of("broker.auth", "none",
        "alerts.offlineGraceS", ConfigKey.ALERTS_OFFLINE_GRACE_S.defaultValue(),
        "alerts.offlineStableS", ConfigKey.ALERTS_OFFLINE_STABLE_S.defaultValue())).register(POST).start();
         TcpProxy network = new TcpProxy("127.0.0.1", hub.config().broker().embeddedPort())) {
      // nothing but what the post must have: the keep-alive is the default one
      AgentConfig cfg = ConfigLoader.fromMap(Map.of("post.id", POST, "mqtt.url", "tcp://127.0.0.1:" + network.port(),
          "data.dir", dir.resolve("agent").toString(), "hardware.platform", "mock", "selftest.hour", "-1"), Map.of());
      try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), AgentConfig.Platform.MOCK);
           Agent agent = new Agent(cfg, hw.board(), Clock.systemUTC(), null, 1).start()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/api/posts/" + POST).json().path("status").asText()
            .equals("online"));
        // a telemetry just before the loss, as a live post would send: the broker's keep-alive starts again from it
        agent.reporter().sample();
        Thread.sleep(200);

        long frozenAt = System.nanoTime();
        network.freeze();
        await().atMost(BOUND.plusSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> offlineAlertOpen(hub));
        Duration took = Duration.ofNanos(System.nanoTime() - frozenAt);
        System.out.printf("connection frozen -> POST_OFFLINE on the board: %.1f s%n", took.toMillis() / 1000.0);
        assertThat(took).isLessThanOrEqualTo(BOUND);
      }
    }
  }

  private static boolean offlineAlertOpen(HubHarness hub) {
    for (var a : hub.get("/api/alerts").json()) {
      if (a.path("postId").asText().equals(POST) && a.path("type").asText().equals("POST_OFFLINE")
          && a.path("state").asText().equals("OPEN")) {
        return true;
      }
    }
    return false;
  }
}
