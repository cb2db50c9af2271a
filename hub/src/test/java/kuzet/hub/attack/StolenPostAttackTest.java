package kuzet.hub.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.registry.JdbcPostRegistry;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.OnMessage;
import kuzet.protocol.Channel;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.testing.RawMqtt;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running hub, locked down as in production, attacked over MQTT by someone holding one post's stolen password.
 * Black box: the attacker only has the broker's address and that post's credentials; what got through is judged
 * by the hub's REST API and by what a real post receives, always against a positive control sent afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StolenPostAttackTest {
  private static final String STOLEN = "almaly-stolen";
  private static final String VICTIM = "almaly-victim";
  private static final String REVOKED = "almaly-revoked";

  private final Map<String, String> passwords = Map.of(STOLEN, "stolen-pw-1", VICTIM, "victim-pw-1", REVOKED,
      "revoked-pw-1");
  private final ProtocolCodec codec = FakePost.CODEC;
  private HubHarness hub;
  private FakePost victim;

  @BeforeAll
  void aLockedDownHubWithProvisionedPosts(@TempDir Path dir) throws Exception {
    hub = HubHarness.lockedDown(dir.resolve("hub"), passwords);
    hub.start();
    victim = FakePost.withPassword(hub.brokerUrl(), VICTIM, passwords.get(VICTIM));
  }

  @AfterAll
  void stop() {
    if (victim != null) {
      victim.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aFloodOfOversizedRetainedPublishesIsRefusedAndTheHubKeepsTakingPanics() throws Exception {
    byte[] big = new byte[ProtocolCodec.MAX_PACKET_BYTES * 4];
    for (int i = 0; i < 20; i++) {
      try (RawMqtt attacker = stolen()) {
        RawMqtt.Answer answer = attacker.publish(topic(STOLEN, Channel.STATUS), big, true);
        assertThat(answer.accepted()).as("answer to a %d-byte retained publish: %s", big.length, answer).isFalse();
      }
    }
    victimPanicReachesTheBoard();
    assertThat(hub.get("/health").status()).isEqualTo(200);
  }

  @Test
  void aRetainedPanicOnTheEventsTopicIsRefused() throws Exception {
    UUID incident = UUID.randomUUID();
    try (RawMqtt attacker = stolen()) {
      assertThat(attacker.publish(topic(STOLEN, Channel.EVENTS), panic(STOLEN, incident), true).accepted())
          .as("a retained publish outside status").isFalse();
    }
    victimPanicReachesTheBoard();
    assertThat(alertsFor(incident)).as("alerts from the retained panic").isEmpty();
  }

  @Test
  void aPanicPublishedOnAnotherPostsTopicIsRefused() throws Exception {
    UUID incident = UUID.randomUUID();
    try (RawMqtt attacker = stolen()) {
      assertThat(attacker.publish(topic(VICTIM, Channel.EVENTS), panic(VICTIM, incident), false).accepted())
          .as("a publish on the victim's events").isFalse();
    }
    victimPanicReachesTheBoard();
    assertThat(alertsFor(incident)).as("alerts from the forged panic").isEmpty();
  }

  @Test
  void anotherPostsOrTheHubsClientIdIsRefusedAndNeitherIsKnockedOff() throws Exception {
    String hubClientId = hub.config().mqtt().clientId();
    for (String taken : List.of(VICTIM, hubClientId)) {
      assertThatThrownBy(() -> RawMqtt.connect(hub.brokerUrl(), taken, STOLEN, passwords.get(STOLEN)).close())
          .as("connecting as client id %s", taken).isInstanceOf(IOException.class);
    }
    assertThat(victim.isConnected()).isTrue();
    victimPanicReachesTheBoard();
  }

  @Test
  void aRevokedPostThatOnlyListensIsCutOffAndCannotComeBack() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    MqttClient listener = new MqttClient(hub.brokerUrl(), REVOKED, new MemoryPersistence());
    listener.setCallback((OnMessage) (t, m) -> received.add(t));
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(REVOKED);
    o.setPassword(passwords.get(REVOKED).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    o.setCleanStart(false);
    o.setSessionExpiryInterval(3600L);
    listener.connect(o);
    try {
      listener.subscribe(topic(REVOKED, Channel.COMMANDS), 1);
      try (JdbcPostRegistry registry = JdbcPostRegistry.open(hub.config().store())) {
        registry.revoke(new PostId(REVOKED), Instant.now());
      }
      await().until(() -> !listener.isConnected());
      assertThatThrownBy(() -> RawMqtt.connect(hub.brokerUrl(), REVOKED, REVOKED, passwords.get(REVOKED)).close())
          .isInstanceOf(IOException.class);
      assertThat(received).isEmpty();
    } finally {
      if (listener.isConnected()) {
        listener.disconnectForcibly(0, 1000, false);
      }
      listener.close(true);
    }
  }

  private RawMqtt stolen() throws IOException {
    return RawMqtt.connect(hub.brokerUrl(), STOLEN, STOLEN, passwords.get(STOLEN));
  }

  /** The positive control: the real post's PANIC still opens an alert after the attack. */
  private void victimPanicReachesTheBoard() {
    UUID incident = UUID.randomUUID();
    victim.publish(victim.panic(incident), false);
    await().until(() -> alertsFor(incident).size() == 1);
  }

  private List<String> alertsFor(UUID incident) {
    HubHarness.Response r = hub.get("/api/alerts");
    assertThat(r.status()).isEqualTo(200);
    List<String> ids = new java.util.ArrayList<>();
    r.json().forEach(a -> {
      if (a.path("incidentId").asText().equals(incident.toString())) {
        ids.add(a.get("id").asText());
      }
    });
    return ids;
  }

  private byte[] panic(String postId, UUID incident) {
    return codec.encode(new Event(new PostId(postId), Instant.now(), "boot-x", 1, UUID.randomUUID(), EventKind.PANIC,
        incident, Map.of()));
  }

  private String topic(String postId, Channel channel) {
    return codec.topics().topic(new PostId(postId), channel);
  }
}
