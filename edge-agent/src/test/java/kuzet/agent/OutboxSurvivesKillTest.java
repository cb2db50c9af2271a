package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent runs as its own JVM so that it can really be killed with SIGKILL, as a power cut would. */
class OutboxSurvivesKillTest {
  @TempDir
  Path dir;

  @Test
  @org.junit.jupiter.api.Timeout(180)
  void fiftyEventsMadeOfflineSurviveSigkillAndArriveInOrderOnce() throws Exception {
    MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
    try (broker; Recorder hub = new Recorder(broker.url(), "hub-kill", true)) {
      hub.disconnect();
      broker.stop();

      try (AgentProcess first = new AgentProcess(dir, broker.url(), "kill")) {
        first.expect("ready 1");
        first.send("door 1 50");
        String reply = first.expect("ok door 50");
        assertThat(Integer.parseInt(reply.replaceAll(".*depth=", ""))).isGreaterThanOrEqualTo(50);
      }

      // the hub is back before the post: what is tested is the post's outbox, not the broker's queue for an
      // absent subscriber (Mosquitto restored from its file at times lost a few of those)
      broker.startProcess();
      hub.connect(true);
      try (AgentProcess second = new AgentProcess(dir, broker.url(), "kill")) {
        second.expect("ready 1");
        try {
          await().atMost(Duration.ofSeconds(60)).until(() -> doorEvents(hub).size() == 50);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          // what the agent did is the only way to tell a lost event from a stalled link afterwards
          throw new AssertionError(doorEvents(hub).size() + " of 50 door events arrived; the agent's log:\n"
              + java.nio.file.Files.readString(dir.resolve("agent.log")), e);
        }
        List<Event> received = doorEvents(hub);
        for (int i = 0; i < 50; i++) {
          assertThat(received.get(i).kind()).isEqualTo(i % 2 == 0 ? EventKind.DOOR_OPENED : EventKind.DOOR_CLOSED);
          if (i > 0) {
            assertThat(received.get(i).seq()).as("in the order they happened").isGreaterThan(received.get(i - 1).seq());
          }
        }
      }
    }
  }

  /** Door events in arrival order, duplicates (same eventId) dropped as the hub would. */
  private static List<Event> doorEvents(Recorder hub) {
    Map<UUID, Event> unique = new LinkedHashMap<>();
    hub.messages.stream().filter(m -> m instanceof Event e
            && (e.kind() == EventKind.DOOR_OPENED || e.kind() == EventKind.DOOR_CLOSED))
        .map(Event.class::cast).forEach(e -> unique.putIfAbsent(e.eventId(), e));
    return new ArrayList<>(unique.values());
  }
}
