package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.panic.LedPattern;
import kuzet.agent.panic.PanicController;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanicPathTest {
  @TempDir
  Path dir;

  @Test
  void pressIsPublishedAsPanicWithinTwoSeconds() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
      await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
      long pressed = System.nanoTime();
      post.hold(InputRole.PANIC_BUTTON);
      await().atMost(Duration.ofSeconds(2)).until(() -> hub.events(EventKind.PANIC).count() == 1);
      assertThat(Duration.ofNanos(System.nanoTime() - pressed)).isLessThan(Duration.ofSeconds(2));
      assertThat(hub.events(EventKind.PANIC).findFirst().orElseThrow().incidentId()).isNotNull();
    }
  }

  @Test
  void pressReactsLocallyWithTheBrokerStoppedAndThePanicArrivesWhenItReturns() throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
    try (broker; Recorder hub = new Recorder(broker.url(), "hub", true)) {
      hub.disconnect();
      broker.stop();
      try (TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
        var beaconChanges = post.countChanges("beacon");
        var ledChanges = post.countChanges("buttonLed");
        post.hold(InputRole.PANIC_BUTTON);
        await().atMost(Duration.ofSeconds(2)).until(() -> beaconChanges.get() >= 4 && ledChanges.get() >= 4);
        assertThat(post.output("floodlights").isHigh()).isTrue();
        assertThat(post.agent.beacon().pattern()).isEqualTo(LedPattern.STROBE);
        assertThat(post.agent.buttonLed().pattern()).isEqualTo(LedPattern.SENDING);
        assertThat(post.agent.outbox().depth()).isGreaterThanOrEqualTo(1);
        assertThat(post.agent.connected()).isFalse();

        broker.startProcess();
        hub.connect(true);
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.events(EventKind.PANIC).count() >= 1);
      }
    }
  }

  @Test
  void hubStatesEachShowTheirOwnButtonPatternAndClearReturnsToNormal() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
      await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
      post.hold(InputRole.PANIC_BUTTON);
      await().atMost(Duration.ofSeconds(5)).until(() -> hub.events(EventKind.PANIC).count() == 1);
      Event panic = hub.events(EventKind.PANIC).findFirst().orElseThrow();
      UUID incident = panic.incidentId();
      var id = post.cfg.postId();
      Set<LedPattern> seen = EnumSet.of(post.agent.buttonLed().pattern());

      hub.command(id, CommandName.PANIC_RECEIVED, incident, Map.of());
      await().atMost(Duration.ofSeconds(5)).until(() -> post.agent.buttonLed().pattern() == LedPattern.RECEIVED);
      seen.add(post.agent.buttonLed().pattern());

      hub.command(id, CommandName.PANIC_ACK, incident, Map.of());
      await().atMost(Duration.ofSeconds(5)).until(() -> post.agent.buttonLed().pattern() == LedPattern.STEADY);
      assertThat(post.output("buttonLed").isHigh()).as("acknowledged: the LED stays lit").isTrue();
      seen.add(post.agent.buttonLed().pattern());

      hub.command(id, CommandName.PANIC_DISPATCHED, incident, Map.of());
      await().atMost(Duration.ofSeconds(5)).until(() -> post.agent.buttonLed().pattern() == LedPattern.DISPATCHED);
      seen.add(post.agent.buttonLed().pattern());
      assertThat(seen).as("sending, received, acked, dispatched are four different patterns").hasSize(4);

      post.release(InputRole.PANIC_BUTTON);
      // a release shorter than debounce + hold is a bounce by definition; the resident lets go for real here
      Thread.sleep(post.cfg.debounce().plus(post.cfg.hold()).toMillis() + 100);
      post.hold(InputRole.PANIC_BUTTON);
      await().atMost(Duration.ofSeconds(5)).until(() -> hub.events(EventKind.PANIC_REPEAT).count() == 1);
      assertThat(hub.events(EventKind.PANIC_REPEAT).findFirst().orElseThrow().incidentId()).isEqualTo(incident);
      assertThat(hub.events(EventKind.PANIC).count()).as("a press during an incident is not a new incident").isEqualTo(1);

      hub.command(id, CommandName.PANIC_CLEAR, incident, Map.of());
      await().atMost(Duration.ofSeconds(5)).until(() -> post.agent.panic().state() == PanicController.State.IDLE);
      assertThat(post.agent.buttonLed().pattern()).isEqualTo(LedPattern.OFF);
      assertThat(post.agent.beacon().pattern()).isEqualTo(LedPattern.OFF);
      assertThat(post.output("beacon").isLow()).isTrue();
    }
  }

  @Test
  void withoutPanicReceivedTheLedSaysStillTryingAndThePanicIsSentAgain() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("panic.receivedTimeoutS", "1"))) {
      await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
      post.hold(InputRole.PANIC_BUTTON);
      await().atMost(Duration.ofSeconds(5)).until(() -> post.agent.buttonLed().pattern() == LedPattern.STILL_TRYING);
      await().atMost(Duration.ofSeconds(5)).until(() -> hub.events(EventKind.PANIC).count() >= 2);
      assertThat(hub.events(EventKind.PANIC).map(Event::eventId).distinct().count())
          .as("retries repeat the same eventId, so the hub keeps one").isEqualTo(1);
    }
  }

  @Test
  void anAgentRestartedMidIncidentResumesTheBeaconAndTheLedAndAcceptsTheHubsClear() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false)) {
      UUID incident;
      try (TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
        await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
        post.hold(InputRole.PANIC_BUTTON);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.events(EventKind.PANIC).count() == 1);
        incident = hub.events(EventKind.PANIC).findFirst().orElseThrow().incidentId();
        UUID ack = hub.command(post.cfg.postId(), CommandName.PANIC_ACK, incident, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.acks(ack).anyMatch(a -> a.ok()));
      }
      try (TestPost again = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
        assertThat(again.agent.beacon().pattern()).isEqualTo(LedPattern.STROBE);
        assertThat(again.agent.buttonLed().pattern()).as("still acknowledged after the restart").isEqualTo(LedPattern.STEADY);
        assertThat(again.output("floodlights").isHigh()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(again.agent::connected);
        UUID clear = hub.command(again.cfg.postId(), CommandName.PANIC_CLEAR, incident, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.acks(clear).anyMatch(a -> a.ok()));
        assertThat(again.agent.panic().state()).isEqualTo(PanicController.State.IDLE);
      }
      try (TestPost third = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
        assertThat(third.agent.panic().active()).as("a cleared incident does not come back").isFalse();
      }
    }
  }
}
