package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.protocol.testing.RecordingCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code mosquitto_pub} line of docs/protocol.md's worked example, as written, against a real
 * Mosquitto, and decodes what a subscriber receives: the documentation cannot drift from the codec.
 */
class DocumentedExampleTest {
  private static final Path DOC = Path.of("..", "docs", "protocol.md");

  @TempDir Path dir;

  @Test
  void everyDocumentedPublishDecodesWhenReceivedThroughMosquitto() throws Exception {
    List<List<String>> commands = documentedPublishCommands();
    assertThat(commands).as("mosquitto_pub lines in " + DOC).hasSizeGreaterThanOrEqualTo(5);

    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
      RecordingCallback recorder = new RecordingCallback();
      List<RecordingCallback.Received> received = recorder.received();
      MqttClient sub = new MqttClient(broker.url(), "doc-test-sub", new MemoryPersistence());
      sub.setCallback(recorder);
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      sub.connect(options);
      sub.subscribe("posts/#", 1);

      for (List<String> command : commands) {
        Process p = new ProcessBuilder(withPort(command, broker.port())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("exit status of " + command + ": " + out).isZero();
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= commands.size());
      sub.disconnect();
      sub.close();

      ProtocolCodec codec = ProtocolCodec.defaults();
      List<String> types = new ArrayList<>();
      for (RecordingCallback.Received r : received) {
        Message m = codec.decode(r.topic(), r.payload());
        types.add(m.getClass().getSimpleName());
      }
      assertThat(types).containsExactly("Birth", "Telemetry", "Event", "CommandAck", "CommandAck", "Birth", "Death");
    }
  }

  @Test
  void everyJsonExampleInTheDocumentDecodes() throws Exception {
    ProtocolCodec codec = ProtocolCodec.defaults();
    int decoded = 0;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("{\"type\":")) {
        String type = line.substring(9, line.indexOf('"', 9));
        String topic = switch (type) {
          case "BIRTH", "DEATH" -> "posts/alatau-001/status";
          case "TELEMETRY" -> "posts/alatau-001/telemetry";
          case "EVENT" -> "posts/alatau-001/events";
          case "COMMAND_ACK" -> "posts/alatau-001/commands/ack";
          case "CONFIG" -> "posts/alatau-001/config";
          default -> throw new AssertionError("add a topic for " + type);
        };
        assertThat(codec.decode(topic, line.getBytes(StandardCharsets.UTF_8))).isNotNull();
        decoded++;
      }
    }
    assertThat(decoded).isGreaterThanOrEqualTo(4);
  }

  static List<List<String>> documentedPublishCommands() throws Exception {
    List<List<String>> out = new ArrayList<>();
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("mosquitto_pub ")) {
        out.add(shellWords(line));
      }
    }
    return out;
  }

  private static List<String> withPort(List<String> command, int port) {
    List<String> out = new ArrayList<>(command);
    for (int i = 0; i < out.size() - 1; i++) {
      if (out.get(i).equals("-p")) {
        out.set(i + 1, Integer.toString(port));
      }
      if (out.get(i).equals("-h")) {
        out.set(i + 1, "127.0.0.1");
      }
    }
    return out;
  }

  /** Splits a shell line the way sh would for the simple quoting the document uses ('...'). */
  static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        inWord = true;
      } else if (c == ' ' && !quoted) {
        if (inWord) {
          words.add(current.toString());
          current.setLength(0);
          inWord = false;
        }
      } else {
        current.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(current.toString());
    }
    return words;
  }
}
