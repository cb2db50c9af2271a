package kuzet.hub.brokerauth;

import kuzet.brokeraccount.MosquittoPasswordHash;
import kuzet.store.StoreSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import kuzet.hub.HubApplication;
import kuzet.hub.auth.OpenAccess;
import kuzet.hub.broker.EmbeddedBroker;
import kuzet.hub.config.BrokerAuth;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.HubConfig;
import kuzet.registry.JdbcPostRegistry;
import kuzet.hub.testing.RecordingTelemetrySink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The broker lock-down keys and the fleet files they point at: every mistake stops the hub naming the key. */
class BrokerLockdownTest {
  @TempDir
  Path dir;
  private Path fleet;

  @BeforeEach
  void fleetDirectoryAsFleetInitWritesIt() throws Exception {
    fleet = Files.createDirectories(dir.resolve("data/fleet"));
    Files.writeString(fleet.resolve("hub-account"), "_hub:" + MosquittoPasswordHash.hash("hub-pw", new SecureRandom()));
    store(fleet.resolve("hub.p12"), "key-pw");
    Files.writeString(fleet.resolve("hub.p12.password"), "key-pw\n");
    store(fleet.resolve("ca.p12"), "trust-pw");
    Files.writeString(fleet.resolve("ca.p12.password"), "trust-pw\n");
  }

  private HubConfig config(String... keyValues) {
    Map<String, String> m = new HashMap<>(Map.of("hub.dataDir", dir.resolve("data").toString(),
        "broker.username", "_hub", "broker.password", "hub-pw"));
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return HubConfig.defaults(m);
  }

  @Test
  void byDefaultTheEmbeddedBrokerIsLockedDownWithATlsListenerFromTheFleetDirectory() {
    HubConfig c = config();
    assertThat(c.broker().auth()).isEqualTo(BrokerAuth.REGISTRY);
    assertThat(c.broker().fleetDir()).isEqualTo(dir.resolve("data/fleet"));
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(StoreSettings.sqlite(dir.resolve("hub.db")))) {
      assertThat(BrokerLockdown.extension(c, registry)).isNotNull();
    }
    EmbeddedBroker.Tls tls = BrokerLockdown.tlsListener(c.broker());
    assertThat(tls.host()).isEqualTo("0.0.0.0");
    assertThat(tls.port()).isEqualTo(8883);
    assertThat(tls.clientAuth()).isEqualTo("REQUIRED");
    assertThat(tls.keyStore()).isEqualTo(fleet.resolve("hub.p12"));
    assertThat(tls.keyStorePassword()).isEqualTo("key-pw");
    assertThat(tls.trustStorePassword()).isEqualTo("trust-pw");
  }

  @Test
  void authNoneAndTlsPortZeroTurnThemOff() {
    HubConfig open = config("broker.auth", "none", "broker.fleetDir", dir.resolve("nowhere").toString());
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(StoreSettings.sqlite(dir.resolve("hub.db")))) {
      assertThat(BrokerLockdown.extension(open, registry)).isNull();
    }
    assertThat(BrokerLockdown.tlsListener(open.broker())).isNull();
    assertThat(BrokerLockdown.tlsListener(config("broker.embedded.tlsPort", "0").broker())).isNull();
  }

  @Test
  void theHubsOwnCredentialsMustBeTheHubAccount() {
    assertFails(config("broker.username", "", "broker.password", ""), "broker.username", "'_hub'");
    assertFails(config("broker.username", "hub"), "broker.username", "is not the hub account '_hub'");
    assertFails(config("broker.password", ""), "broker.password", "fleet init printed");
    assertFails(config("broker.password", "guess"), "broker.password", "does not match");
  }

  @Test
  void missingOrBrokenFleetFilesNameTheFleetDirectoryKeyAndTheFile() throws Exception {
    assertFails(config("broker.fleetDir", dir.resolve("nowhere").toString()), "broker.fleetDir", "fleet init");
    Files.writeString(fleet.resolve("ca.p12.password"), "wrong\n");
    assertThatThrownBy(() -> BrokerLockdown.tlsListener(config().broker())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'broker.fleetDir'").hasMessageContaining("ca.p12");
    Files.delete(fleet.resolve("hub.p12"));
    assertThatThrownBy(() -> BrokerLockdown.tlsListener(config().broker()))
        .hasMessageContaining("'broker.fleetDir'").hasMessageContaining("hub.p12").hasMessageContaining("tlsPort=0");
    Files.writeString(fleet.resolve("hub-account"), "garbage");
    assertFails(config(), "broker.fleetDir", "hub-account");
  }

  @Test
  void theHubWillNotRunAnOpenBrokerWhenTheConfigSaysRegistry() {
    HubApplication hub = new HubApplication(config(), Clock.systemUTC(), new RecordingTelemetrySink(),
        new OpenAccess(), registry -> null);
    assertThatThrownBy(hub::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broker.auth=registry");
  }

  @ParameterizedTest(name = "broker.auth=none on {0} refuses to start")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"0.0.0.0", "10.0.0.5", "::", "broker.example"})
  void anOpenBrokerOnANonLoopbackAddressRefusesToStart(String host) {
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("broker.auth", "none", "broker.embedded.host", host)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'broker.auth'")
        .hasMessageContaining("only allowed on loopback").hasMessageContaining("'" + host + "'");
  }

  @ParameterizedTest(name = "broker.auth=none on {0} is allowed")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
  void anOpenBrokerOnLoopbackIsAllowed(String host) {
    assertThat(HubConfig.defaults(Map.of("broker.auth", "none", "broker.embedded.host", host)).broker().auth())
        .isEqualTo(kuzet.hub.config.BrokerAuth.NONE);
  }

  @ParameterizedTest(name = "{0}={1} fails: {2}")
  @CsvSource(delimiter = '|', value = {
      "broker.auth             | open   | not registry or none",
      "broker.embedded.tlsPort | 70000  | out of range",
      "broker.embedded.tlsPort | 1883   | is broker.embedded.port too",
      "broker.embedded.tlsPort | tls    | not a whole number",
      "broker.embedded.tlsHost | ' '    | must not be empty"})
  void invalidLockdownKeysFailNamingTheKey(String key, String value, String reason) {
    assertThatThrownBy(() -> HubConfig.defaults(Map.of(key, value))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'" + key + "'").hasMessageContaining(reason);
  }

  private void assertFails(HubConfig c, String key, String reason) {
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(StoreSettings.sqlite(dir.resolve("hub.db")))) {
      assertThatThrownBy(() -> BrokerLockdown.extension(c, registry)).isInstanceOf(ConfigException.class)
          .hasMessageContaining("'" + key + "'").hasMessageContaining(reason);
    }
  }

  private static void store(Path file, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, password.toCharArray());
    }
  }
}
