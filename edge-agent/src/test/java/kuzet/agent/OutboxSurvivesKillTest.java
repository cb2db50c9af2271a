package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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

      Process first = agent(broker.url());
      try {
        BufferedReader out = reader(first);
        expect(out, "ready 1");
        send(first, "door 1 50");
        String reply = expect(out, "ok door 50");
        assertThat(Integer.parseInt(reply.replaceAll(".*depth=", ""))).isGreaterThanOrEqualTo(50);
      } finally {
        first.destroyForcibly().waitFor();
      }

      Process second = agent(broker.url());
      try {
        expect(reader(second), "ready 1");
        broker.startProcess();
        hub.connect(true);
        await().atMost(Duration.ofSeconds(60)).until(() -> doorEvents(hub).size() == 50);
        List<Event> received = doorEvents(hub);
        for (int i = 0; i < 50; i++) {
          assertThat(received.get(i).kind()).isEqualTo(i % 2 == 0 ? EventKind.DOOR_OPENED : EventKind.DOOR_CLOSED);
          if (i > 0) {
            assertThat(received.get(i).seq()).as("in the order they happened").isGreaterThan(received.get(i - 1).seq());
          }
        }
      } finally {
        second.destroyForcibly().waitFor();
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

  private Process agent(String url) throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "kuzet.agent.AgentMain", "simulate",
        "--posts", "1", "--broker", url, "--seed", "7", "--data-dir", dir.resolve("agent").toString(),
        "--id-prefix", "kill", "--no-scenario", "--control-stdin", "--telemetry-interval", "3600")
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()))
        .start();
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private static void send(Process p, String line) throws IOException {
    Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
    w.write(line + "\n");
    w.flush();
  }

  /** Reads lines until one starts with the prefix; the reader blocks, so the process's own exit ends a bad run. */
  private static String expect(BufferedReader out, String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
      if (line.startsWith("error")) {
        throw new AssertionError("agent answered: " + line);
      }
    }
    throw new AssertionError("agent exited before printing '" + prefix + "'");
  }
}
