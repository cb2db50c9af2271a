package kuzet.hub;

import kuzet.protocol.testing.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.OnMessage;
import kuzet.protocol.HubStatus;
import kuzet.protocol.testing.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as its own JVM, killed with SIGKILL as a crash or power cut would: only the broker can tell the
 * posts, through the hub's Will, that nobody is watching, so that they fall back to local alarm handling.
 */
class HubPowerCutTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(180)
  void aKilledHubIsReportedOfflineByItsWillWithTheBootThatDied() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
      List<HubStatus> seen = new CopyOnWriteArrayList<>();
      MqttClient post = watchHubPresence(broker.url(), seen);

      Process hub = startHub(broker.url());
      try {
        await("hub online").atMost(Duration.ofSeconds(90)).until(() -> last(seen, HubStatus.State.ONLINE).isPresent());
        hub.destroyForcibly().waitFor();
      } finally {
        hub.destroyForcibly().waitFor();
      }
      HubStatus online = last(seen, HubStatus.State.ONLINE).orElseThrow();

      await("Will published").atMost(Duration.ofSeconds(20)).until(() -> last(seen, HubStatus.State.OFFLINE).isPresent());
      HubStatus offline = last(seen, HubStatus.State.OFFLINE).orElseThrow();
      assertThat(offline.hubId()).isEqualTo("hub-cut");
      assertThat(offline.bootId()).as("the Will names the run that died").isEqualTo(online.bootId());
      post.disconnect();
      post.close();
    }
  }

  @Test
  @Timeout(180)
  void aHubStoppedBySystemdSaysOfflineItselfAndExitsAsSystemdExpects() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"))) {
      List<HubStatus> seen = new CopyOnWriteArrayList<>();
      MqttClient post = watchHubPresence(broker.url(), seen);

      Process hub = startHub(broker.url());
      int exit;
      try {
        await("hub online").atMost(Duration.ofSeconds(90)).until(() -> last(seen, HubStatus.State.ONLINE).isPresent());
        hub.destroy(); // SIGTERM, as systemctl stop sends it
        assertThat(hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("stopped within TimeoutStopSec").isTrue();
        exit = hub.exitValue();
      } finally {
        hub.destroyForcibly().waitFor();
      }
      assertThat(exit).as("SuccessExitStatus=143 in kuzet-hub.service").isEqualTo(143);
      await("OFFLINE").atMost(Duration.ofSeconds(20)).until(() -> last(seen, HubStatus.State.OFFLINE).isPresent());
      assertThat(last(seen, HubStatus.State.OFFLINE).orElseThrow().bootId())
          .isEqualTo(last(seen, HubStatus.State.ONLINE).orElseThrow().bootId());
      post.disconnect();
      post.close();
    }
  }

  /** A post's view of the hub: every presence message it publishes, or the broker publishes for it. */
  private static MqttClient watchHubPresence(String url, List<HubStatus> seen) throws Exception {
    MqttClient post = new MqttClient(url, "post-watching-hub", new MemoryPersistence());
    post.setCallback((OnMessage) (topic, m) -> seen.add((HubStatus) FakePost.CODEC.decode(topic, m.getPayload())));
    post.connect();
    post.subscribe("posts/_hub/status", 1);
    return post;
  }

  private static Optional<HubStatus> last(List<HubStatus> seen, HubStatus.State state) {
    return seen.stream().filter(s -> s.hubId().equals("hub-cut") && s.state() == state).reduce((a, b) -> b);
  }

  private Process startHub(String brokerUrl) throws Exception {
    Path config = Files.write(dir.resolve("hub.properties"), List.of(
        "hub.id=hub-cut",
        "hub.dataDir=" + dir.resolve("hub-data").toAbsolutePath(),
        "http.host=127.0.0.1",
        "http.port=" + MosquittoBroker.freePort(),
        "broker.embedded=false",
        "broker.url=" + brokerUrl));
    return new ProcessBuilder(ChildJvm.command(
        "-cp", System.getProperty("java.class.path"), "kuzet.hub.HubMain", "run", "--config", config.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile()).start();
  }
}
