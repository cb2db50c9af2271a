package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kuzet.agent.hardware.InputRole;
import kuzet.protocol.Command;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Telemetry;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's limits, through a real broker: one row per incident, counted purges, applied commands kept. */
class OutboxLimitsTest {
  @TempDir
  Path dir;

  private static Event decodeHead(TestPost post) throws Exception {
    var e = post.agent.outbox().head().orElseThrow();
    return (Event) ProtocolCodec.defaults().decode(e.topic(), e.payload());
  }

  private static void press(TestPost post) {
    post.hold(InputRole.PANIC_BUTTON);
    await().atMost(Duration.ofSeconds(2)).until(() -> post.agent.panic().active());
  }

  @Test
  void aPanicUnreceivedForManyRetryPeriodsStaysOneRowAndArrivesWithItsResendAndRepeatCounts() throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
    try (broker; Recorder hub = new Recorder(broker.url(), "hub", true)) {
      hub.disconnect();
      broker.stop();
      // a slow reconnect, so the recorder playing the hub is subscribed again before the post comes back
      try (TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("panic.receivedTimeoutS", "1",
          "mqtt.reconnectMinMs", "1000", "mqtt.reconnectMaxMs", "1000"))) {
        int before = post.agent.outbox().depth();
        press(post);
        for (int i = 0; i < 3; i++) {
          // debounced presses (DebounceTest covers the pin); here it is what the outbox makes of them
          post.agent.panic().press();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> "3".equals(decodeHead(post).attributes().get("resends")));
        assertThat(post.agent.outbox().depth()).as("one PANIC and one PANIC_REPEAT row, not one per retry or press")
            .isEqualTo(before + 2);

        broker.startProcess();
        hub.connect(true);
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.events(EventKind.PANIC_REPEAT).count() >= 1
            && hub.events(EventKind.PANIC).count() >= 1);
        assertThat(hub.events(EventKind.PANIC).map(Event::eventId).distinct()).hasSize(1);
        assertThat(hub.events(EventKind.PANIC_REPEAT).map(e -> e.attributes().get("repeat")).toList()).containsExactly("3");
      }
    }
  }

  @Test
  void purgesAreCountedByKindAndReportedInTelemetry() throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
    try (broker; Recorder hub = new Recorder(broker.url(), "hub", true)) {
      hub.disconnect();
      broker.stop();
      try (TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("outbox.maxTelemetry", "2",
          "telemetry.intervalS", "3600"))) {
        for (int i = 0; i < 6; i++) {
          post.agent.reporter().sample();
        }
        assertThat(post.agent.outbox().purged()).containsExactly(Map.entry("TELEMETRY", 4L));
        broker.startProcess();
        hub.connect(true);
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.messages.stream().anyMatch(Telemetry.class::isInstance));
        post.agent.reporter().sample();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.messages.stream().filter(Telemetry.class::isInstance)
            .map(m -> ((Telemetry) m).readings().outboxPurged()).anyMatch(p -> p != null && p.get("TELEMETRY") == 4L));
      }
    }
  }

  @Test
  void aCommandRedeliveredAfterARestartIsAcknowledgedAgainButNotAppliedTwice() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false)) {
      UUID id = UUID.randomUUID();
      try (TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
        await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
        hub.send(new Command(post.cfg.postId(), Instant.now(), "hub-test", 1, id, CommandName.SELF_TEST, null, Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.acks(id).count() == 1);
        // the self-test runs in the background after its ack
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.events(EventKind.SELF_TEST_RESULT).count() == 1);
      }
      try (TestPost again = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
        await().atMost(Duration.ofSeconds(10)).until(again.agent::connected);
        hub.send(new Command(again.cfg.postId(), Instant.now(), "hub-test", 1, id, CommandName.SELF_TEST, null, Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.acks(id).count() == 2);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
            .until(() -> hub.events(EventKind.SELF_TEST_RESULT).count() == 1);
      }
    }
  }
}
