package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kuzet.agent.hardware.InputRole;
import kuzet.protocol.EventKind;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pi4J's mock inputs skip Pi4J's debounce, so these bounces reach the agent's own debounce and hold logic. */
class DebounceTest {
  @TempDir
  Path dir;

  @Test
  void twentyBouncesThenAHoldGiveExactlyOnePanic() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("panic.debounceMs", "50", "panic.holdMs", "100"))) {
      await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
      for (int i = 0; i < 20; i++) {
        post.hold(InputRole.PANIC_BUTTON);
        post.release(InputRole.PANIC_BUTTON);
      }
      post.hold(InputRole.PANIC_BUTTON);
      await().atMost(Duration.ofSeconds(5)).until(() -> hub.events(EventKind.PANIC).count() >= 1);
      await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
          .until(() -> hub.events(EventKind.PANIC).count() == 1 && hub.events(EventKind.PANIC_REPEAT).count() == 0);
    }
  }

  @Test
  void bouncesThatEndOpenGiveNoPanic() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("panic.debounceMs", "50", "panic.holdMs", "100"))) {
      await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
      for (int i = 0; i < 20; i++) {
        post.hold(InputRole.PANIC_BUTTON);
        post.release(InputRole.PANIC_BUTTON);
      }
      // a door slam shaking the button: nothing may be reported
      await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
          .until(() -> hub.events(EventKind.PANIC).count() == 0);
      assertThat(post.agent.panic().active()).isFalse();
    }
  }
}
