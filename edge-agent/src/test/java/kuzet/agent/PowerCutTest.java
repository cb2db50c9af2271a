package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import kuzet.protocol.Birth;
import kuzet.protocol.Death;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the fleet sees when a post loses power: only the broker can speak for it, through the agent's Will. */
class PowerCutTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(120)
  void aKilledAgentIsReportedDeadByItsWillAndStaysDeadForLateSubscribers() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub-watch", false)) {
      try (AgentProcess agent = new AgentProcess(dir, broker.url(), "cut")) {
        agent.expect("ready 1");
        await().atMost(Duration.ofSeconds(20)).until(() -> birth(hub).isPresent());
        agent.kill();
      }
      Birth birth = birth(hub).orElseThrow();

      await().atMost(Duration.ofSeconds(20)).until(() -> death(hub).isPresent());
      Death death = death(hub).orElseThrow();
      assertThat(death.reason()).isEqualTo(Death.Reason.WILL);
      assertThat(death.postId()).isEqualTo(birth.postId());
      assertThat(death.bootId()).as("the Will names the boot that died").isEqualTo(birth.bootId());

      try (Recorder late = new Recorder(broker.url(), "board-restarted", false)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> death(late).isPresent());
        assertThat(birth(late)).as("the retained status is the Death, not the old Birth").isEmpty();
      }
    }
  }

  private static Optional<Birth> birth(Recorder r) {
    return r.messages.stream().filter(Birth.class::isInstance).map(Birth.class::cast).findFirst();
  }

  private static Optional<Death> death(Recorder r) {
    return r.messages.stream().filter(Death.class::isInstance).map(Death.class::cast).findFirst();
  }
}
