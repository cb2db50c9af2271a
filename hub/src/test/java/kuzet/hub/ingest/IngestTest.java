package kuzet.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.OnMessage;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.HubStatus;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Ingest through a real Mosquitto: hub presence, unknown posts, demo registration, telemetry and sequence gaps. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestTest {
  @TempDir
  Path dir;
  private TestBroker broker;

  @BeforeAll
  void start(@TempDir Path brokerDir) throws Exception {
    broker = TestBroker.mosquitto(brokerDir);
  }

  @AfterAll
  void stop() {
    broker.close();
  }

  @Test
  void hubAnnouncesItselfOnlineRetainedAndOfflineOnACleanStop() throws Exception {
    List<HubStatus> seen = new CopyOnWriteArrayList<>();
    MqttClient watcher = new MqttClient(broker.url(), "watcher", new MemoryPersistence());
    watcher.setCallback((OnMessage) (topic, m) -> {
      HubStatus s = (HubStatus) FakePost.CODEC.decode(topic, m.getPayload());
      if (s.hubId().equals("hub-presence")) {
        seen.add(s);
      }
    });
    watcher.connect();
    watcher.subscribe("posts/_hub/status", 1);
    HubHarness h = new HubHarness(dir.resolve("presence"), broker, Map.of("hub.id", "hub-presence")).start();
    await().until(() -> seen.stream().anyMatch(s -> s.state() == HubStatus.State.ONLINE));
    h.close();
    await().until(() -> seen.get(seen.size() - 1).state() == HubStatus.State.OFFLINE);
    assertThat(seen.get(0).bootId()).isEqualTo(seen.get(seen.size() - 1).bootId());
    watcher.disconnect();
    watcher.close();
  }

  @Test
  void unknownPostIsCountedAndDropped() throws Exception {
    try (HubHarness h = new HubHarness(dir.resolve("strict"), broker,
            Map.of("hub.id", "hub-strict", "mqtt.shareGroup", "strict")).start();
         FakePost stranger = new FakePost(broker.url(), "alatau-stranger", "boot-1", 30)) {
      stranger.publish(stranger.panic(UUID.randomUUID()), false);
      await().until(() -> h.metric("kuzet_ingest_dropped_total", "reason=\"unknown_post\"") >= 2);
      assertThat(h.get("/api/alerts").json()).isEmpty();
      assertThat(h.get("/api/posts/alatau-stranger").status()).isEqualTo(404);
    }
  }

  @Test
  void demoModeRegistersANewPostOnItsFirstMessageWithoutLosingIt() throws Exception {
    try (HubHarness h = new HubHarness(dir.resolve("demo"), broker,
            Map.of("hub.id", "hub-demo", "hub.demo", "true", "mqtt.shareGroup", "demo")).start();
         FakePost newcomer = new FakePost(broker.url(), "alatau-newcomer", "boot-1", 30)) {
      newcomer.publish(newcomer.panic(UUID.randomUUID()), false);
      await().until(() -> h.get("/api/alerts").json().size() == 1);
      assertThat(h.get("/api/posts/alatau-newcomer").json().get("district").asText()).isEqualTo("Алатауский");
    }
  }

  @Test
  void telemetryReachesTheStoreAndSequenceGapsAreCountedPerPost() throws Exception {
    try (HubHarness h = new HubHarness(dir.resolve("telemetry"), broker,
            Map.of("hub.id", "hub-telemetry", "mqtt.shareGroup", "telemetry")).register("alatau-t1").start();
         FakePost post = new FakePost(broker.url(), "alatau-t1", "boot-1", 30)) {
      Readings r = new Readings(-3.5, 60.0, 12.7, true, false, false, false, true, false, false, 0);
      post.publish(new Telemetry(post.id, java.time.Instant.now(), post.bootId, post.nextSeq(), r), false);
      for (int i = 0; i < 4; i++) {
        post.nextSeq();
      }
      post.publish(new Telemetry(post.id, java.time.Instant.now(), post.bootId, post.nextSeq(), r), false);
      await().until(() -> h.telemetry.points.size() == 2);
      assertThat(h.metric("kuzet_ingest_sequence_gaps_total", "post=\"alatau-t1\"")).isEqualTo(4.0);
      assertThat(h.get("/api/posts/alatau-t1").json().get("readings").get("temperatureC").asDouble()).isEqualTo(-3.5);
    }
  }

  @Test
  void aPostRevokedWhileTheHubRunsHasItsMessagesRefused() throws Exception {
    try (HubHarness h = new HubHarness(dir.resolve("revoke"), broker,
            Map.of("hub.id", "hub-revoke", "mqtt.shareGroup", "revoke")).register("alatau-r1").start();
         FakePost post = new FakePost(broker.url(), "alatau-r1", "boot-1", 30)) {
      Readings before = new Readings(-3.5, 60.0, 12.7, true, false, false, false, true, false, false, 0);
      post.publish(new Telemetry(post.id, java.time.Instant.now(), post.bootId, post.nextSeq(), before), false);
      await().until(() -> h.telemetry.points.size() == 1);

      try (kuzet.registry.JdbcPostRegistry registry = kuzet.registry.JdbcPostRegistry.open(h.config().store())) {
        registry.revoke(post.id, java.time.Instant.now());
      }
      // the broker here is an open Mosquitto that still lets the post in: the hub itself must refuse it
      Readings after = new Readings(9.0, 60.0, 12.7, true, false, false, false, true, false, false, 0);
      await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
        post.publish(new Telemetry(post.id, java.time.Instant.now(), post.bootId, post.nextSeq(), after), false);
        return h.metric("kuzet_ingest_dropped_total", "reason=\"revoked_post\"") >= 1;
      });
      int stored = h.telemetry.points.size();
      double dropped = h.metric("kuzet_ingest_dropped_total", "reason=\"revoked_post\"");
      post.publish(post.panic(UUID.randomUUID()), false);
      post.publish(new Telemetry(post.id, java.time.Instant.now(), post.bootId, post.nextSeq(), after), false);
      await().until(() -> h.metric("kuzet_ingest_dropped_total", "reason=\"revoked_post\"") >= dropped + 2);
      assertThat(h.get("/api/alerts").json()).isEmpty();
      assertThat(h.telemetry.points).hasSize(stored);
    }
  }
}
