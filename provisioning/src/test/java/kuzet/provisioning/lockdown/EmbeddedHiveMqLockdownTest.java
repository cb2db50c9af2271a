package kuzet.provisioning.lockdown;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import kuzet.hub.brokerauth.HubAccount;
import kuzet.hub.brokerauth.RegistryAccess;
import kuzet.hub.registry.JdbcPostRegistry;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.hub.brokerauth.FleetFiles;

/**
 * The lock-down on an embedded HiveMQ carrying {@link RegistryAccess}'s extension, with a TLS listener that uses
 * the key stores {@code fleet init} wrote and requires a client certificate from the fleet CA.
 */
class EmbeddedHiveMqLockdownTest extends LockdownScenarios {
  private EmbeddedHiveMQ broker;
  private JdbcPostRegistry registry;
  private int port;
  private int tlsPort;

  @Override
  void startBroker() throws Exception {
    port = MosquittoBroker.freePort();
    tlsPort = MosquittoBroker.freePort();
    FleetFiles files = new FleetFiles(fleet.fleetDir());
    Path conf = Files.createDirectories(dir.resolve("hivemq-conf"));
    Files.writeString(conf.resolve("config.xml"), """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
            <tls-tcp-listener>
              <port>%d</port><bind-address>127.0.0.1</bind-address>
              <tls>
                <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                <truststore><path>%s</path><password>%s</password></truststore>
                <client-authentication-mode>REQUIRED</client-authentication-mode>
              </tls>
            </tls-tcp-listener>
          </listeners>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """.formatted(port, tlsPort, files.hubKeyStore().toAbsolutePath(), FleetFiles.readSecret(files.hubKeyStorePassword()),
        FleetFiles.readSecret(files.hubKeyStorePassword()), files.trustStore().toAbsolutePath(), FleetFiles.readSecret(files.trustStorePassword())));
    registry = JdbcPostRegistry.open(kuzet.hub.store.StoreSettings.sqlite(fleet.registry()));
    broker = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(Files.createDirectories(dir.resolve("hivemq-data")))
        .withExtensionsFolder(Files.createDirectories(dir.resolve("hivemq-extensions")))
        .withEmbeddedExtension(RegistryAccess.embeddedExtension(registry,
            HubAccount.read(files.hubAccount())))
        .build();
    broker.start().get(60, TimeUnit.SECONDS);
  }

  @Override
  void stopBroker() throws Exception {
    if (broker != null) {
      broker.stop().get(30, TimeUnit.SECONDS);
      broker.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @org.junit.jupiter.api.Test
  void aPostCannotConnectUnderAnotherPostsClientId() {
    // Mosquitto would let it and drop the real post's session; the extension ties the client id to the post
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MqttProbe.connect(plainUrl(), "post-06", "post-05",
        fleet.passwords.get("post-05"), null)).isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
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
