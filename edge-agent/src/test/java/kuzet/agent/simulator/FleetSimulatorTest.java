package kuzet.agent.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import kuzet.agent.Recorder;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import kuzet.protocol.Birth;
import kuzet.protocol.Death;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSimulatorTest {
  @TempDir
  Path dir;

  @Test
  void fiftyAgentsInOneJvmAreAllOnlineOnTheBroker() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
      AgentConfig base = ConfigLoader.fromMap(Map.of("post.id", "alatau-000", "mqtt.url", broker.url(),
          "hardware.platform", "mock", "data.dir", dir.toString(), "selftest.hour", "-1"), Map.of());
      try (FleetSimulator fleet = new FleetSimulator(base, 50, 42, dir.resolve("fleet"), "alatau", Clock.systemUTC()).start(true)) {
        try (Recorder watcher = new Recorder(broker.url(), "watcher", false)) {
          await().atMost(Duration.ofSeconds(60)).until(() -> online(watcher).size() == 50);
          assertThat(online(watcher)).contains("alatau-001", "alatau-050");
          assertThat(fleet.posts()).allSatisfy(p -> assertThat(p.agent().connected()).isTrue());
        }
      }
    }
  }

  @Test
  void aPostThatGoesOfflineSaysSoAndComesBackAsANewBootInItsPlaceInTheFleet() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
      AgentConfig base = ConfigLoader.fromMap(Map.of("post.id", "alatau-000", "mqtt.url", broker.url(),
          "hardware.platform", "mock", "data.dir", dir.toString(), "selftest.hour", "-1"), Map.of());
      var later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      try (FleetSimulator fleet = new FleetSimulator(base, 2, 42, dir.resolve("fleet"), "alatau", Clock.systemUTC()).start(false);
           Recorder watcher = new Recorder(broker.url(), "watcher", false)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> online(watcher).size() == 2);
        SimulatedPost before = fleet.posts().get(0);
        String firstBoot = births(watcher, "alatau-001").get(0);

        new StreetLife(fleet.posts(), new java.util.Random(1), Clock.systemUTC(), later).outage(before, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.messages.stream()
            .anyMatch(m -> m instanceof Death d && d.postId().value().equals("alatau-001")));
        await().atMost(Duration.ofSeconds(30)).until(() -> births(watcher, "alatau-001").size() == 2);
        assertThat(births(watcher, "alatau-001").get(1)).isNotEqualTo(firstBoot);
        assertThat(fleet.posts().get(0)).isNotSameAs(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.posts().get(0).agent().connected());
      } finally {
        later.shutdownNow();
      }
    }
  }

  private static java.util.List<String> births(Recorder r, String postId) {
    return r.messages.stream().filter(m -> m instanceof Birth b && b.postId().value().equals(postId))
        .map(m -> ((Birth) m).bootId()).toList();
  }

  private static Set<String> online(Recorder r) {
    return r.messages.stream().filter(Birth.class::isInstance).map(m -> ((Birth) m).postId().value())
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void theSameSeedPlacesThePostsInTheSamePlacesAroundAlatau() throws Exception {
    AgentConfig base = ConfigLoader.fromMap(Map.of("post.id", "alatau-000", "mqtt.url", "tcp://127.0.0.1:1",
        "hardware.platform", "mock", "data.dir", dir.toString(), "selftest.hour", "-1"), Map.of());
    try (FleetSimulator a = new FleetSimulator(base, 3, 42, dir.resolve("a"), "alatau", Clock.systemUTC());
         FleetSimulator b = new FleetSimulator(base, 3, 42, dir.resolve("b"), "alatau", Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        AgentConfig x = a.posts().get(i).config();
        AgentConfig y = b.posts().get(i).config();
        assertThat(x.latitude()).isEqualTo(y.latitude()).isBetween(43.21, 43.27);
        assertThat(x.longitude()).isEqualTo(y.longitude()).isBetween(76.81, 76.89);
      }
    }
  }
}
