package kuzet.provisioning.lockdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import kuzet.hub.broker.EmbeddedBroker;
import kuzet.brokeraccount.FleetFiles;
import kuzet.brokeraccount.HubAccount;
import kuzet.hub.brokerauth.RegistryAccess;
import kuzet.registry.JdbcPostRegistry;
import kuzet.protocol.Channel;
import kuzet.protocol.PostId;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.protocol.testing.RawMqtt;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/**
 * The lock-down on the hub's {@link EmbeddedBroker} (its own configuration) carrying {@link RegistryAccess}'s
 * extension, with a TLS listener that uses the key stores {@code fleet init} wrote and requires a client
 * certificate from the fleet CA.
 */
class EmbeddedHiveMqLockdownTest extends LockdownScenarios {
  private EmbeddedBroker broker;
  private JdbcPostRegistry registry;
  private int port;
  private int tlsPort;

  @Override
  void startBroker() throws Exception {
    port = MosquittoBroker.freePort();
    tlsPort = MosquittoBroker.freePort();
    FleetFiles files = new FleetFiles(fleet.fleetDir());
    String keyPassword = FleetFiles.readSecret(files.hubKeyStorePassword());
    var tls = new EmbeddedBroker.Tls("127.0.0.1", tlsPort, files.hubKeyStore(), keyPassword, files.trustStore(),
        FleetFiles.readSecret(files.trustStorePassword()), "REQUIRED");
    registry = JdbcPostRegistry.open(kuzet.store.StoreSettings.sqlite(fleet.registry()));
    broker = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port, dir.resolve("hivemq"), tls),
        RegistryAccess.embeddedExtension(registry, HubAccount.read(files.hubAccount())));
    broker.start();
  }

  @Override
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void aPostCannotConnectUnderAnotherPostsClientId() {
    // Mosquitto would let it and drop the real post's session; the extension ties the client id to the post
    assertThatThrownBy(() -> MqttProbe.connect(plainUrl(), "post-06", "post-05",
        fleet.passwords.get("post-05"), null)).isInstanceOf(MqttException.class);
  }

  @Test
  void aPostMayRetainOnlyOnItsStatusTopic() throws Exception {
    String events = topics.topic(new PostId("post-02"), Channel.EVENTS);
    String status = topics.topic(new PostId("post-02"), Channel.STATUS);
    try (RawMqtt post = RawMqtt.connect(plainUrl(), "post-02", "post-02", fleet.passwords.get("post-02"))) {
      assertThat(post.publish(events, "retained-event".getBytes(StandardCharsets.UTF_8), true).accepted())
          .as("a retained publish on events").isFalse();
    }
    try (RawMqtt post = RawMqtt.connect(plainUrl(), "post-02", "post-02", fleet.passwords.get("post-02"))) {
      assertThat(post.publish(status, "retained-birth".getBytes(StandardCharsets.UTF_8), true).accepted())
          .as("a retained publish on status").isTrue();
    }
    try (MqttProbe hub = MqttProbe.connect(plainUrl(), "hub-retain", "_hub", fleet.hubPassword, null, 0L)) {
      hub.subscribe(status);
      hub.subscribe(events);
      await().atMost(WAIT).until(() -> hub.count(status, "retained-birth") == 1);
      assertThat(hub.count(events, "retained-event")).isZero();
    }
  }

  @Override
  void afterRegistryChange() {
    // the extension reads the registry on every connect, publish and subscription
  }

  @Override
  String plainUrl() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  String tlsUrl() {
    return "ssl://127.0.0.1:" + tlsPort;
  }
}
