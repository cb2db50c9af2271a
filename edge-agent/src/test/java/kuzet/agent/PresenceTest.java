package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kuzet.agent.link.HubPresence;
import kuzet.agent.panic.LedPattern;
import kuzet.protocol.Birth;
import kuzet.protocol.Death;
import kuzet.protocol.HubStatus;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresenceTest {
  @TempDir
  Path dir;

  private static long births(Recorder r, boolean hubReachable) {
    return r.messages.stream().filter(m -> m instanceof Birth b && b.hubReachable() == hubReachable).count();
  }

  @Test
  void theAgentFollowsTheHubsPresenceOnItsStatusLedAndInItsBirthAndLeavesWithAGracefulDeath() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false)) {
      TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of());
      try (post) {
        await().atMost(Duration.ofSeconds(10)).until(() -> births(hub, false) >= 1);
        assertThat(post.agent.presence()).isEqualTo(HubPresence.HUB_DOWN);
        assertThat(post.agent.statusLed().pattern()).isEqualTo(LedPattern.HUB_UNREACHABLE);

        publishHub(hub, HubStatus.State.ONLINE);
        await().atMost(Duration.ofSeconds(5)).until(() -> post.agent.presence() == HubPresence.REACHABLE);
        assertThat(post.agent.statusLed().pattern()).isEqualTo(LedPattern.STEADY);
        await().atMost(Duration.ofSeconds(5)).until(() -> births(hub, true) >= 1);

        publishHub(hub, HubStatus.State.OFFLINE);
        await().atMost(Duration.ofSeconds(5)).until(() -> post.agent.statusLed().pattern() == LedPattern.HUB_UNREACHABLE);
        await().atMost(Duration.ofSeconds(5)).until(() -> births(hub, false) >= 2);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> hub.messages.stream()
          .anyMatch(m -> m instanceof Death d && d.reason() == Death.Reason.SHUTDOWN));
      Birth birth = (Birth) hub.messages.stream().filter(Birth.class::isInstance).findFirst().orElseThrow();
      Death death = (Death) hub.messages.stream().filter(Death.class::isInstance).findFirst().orElseThrow();
      assertThat(death.bootId()).as("the Death names the boot it ends").isEqualTo(birth.bootId());
    }
  }

  private static void publishHub(Recorder hub, HubStatus.State state) throws Exception {
    HubStatus s = new HubStatus(Instant.now(), "hub-boot", 1, "hub-1", state);
    hub.raw(hub.codec.topics().hubPresence(), hub.codec.encode(s));
  }
}
