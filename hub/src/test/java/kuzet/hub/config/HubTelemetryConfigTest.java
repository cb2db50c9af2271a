package kuzet.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import kuzet.hub.telemetry.TelemetryConfig;
import org.junit.jupiter.api.Test;

/** The keys the benchmark and storage wiring added to the hub config (telemetry.*, broker.embedded.persistence). */
class HubTelemetryConfigTest {

  @Test
  void withoutTelemetryKeysTheHubUsesTheTelemetryDefaults() {
    assertThat(HubConfig.defaults(Map.of()).telemetry()).isEqualTo(TelemetryConfig.defaults());
  }

  @Test
  void everyTelemetryDefaultInTheKeyListMatchesTheTelemetryComponent() {
    for (ConfigKey k : ConfigKey.values()) {
      if (k.key().startsWith("telemetry.")) {
        assertThat(HubConfig.defaults(Map.of(k.key(), k.defaultValue())).telemetry())
            .as("default of %s", k.key()).isEqualTo(TelemetryConfig.defaults());
      }
    }
  }

  @Test
  void fileValuesAndEnvironmentOverridesReachTheTelemetryConfig() {
    HubConfig cfg = HubConfig.from(ConfigSource.of(
        Map.of("telemetry.url", "http://influx.example:8086", "telemetry.batch.size", "100"),
        Map.of("KUZET_TELEMETRY_BATCH_SIZE", "2500", "KUZET_TELEMETRY_FLUSH_INTERVAL", "250ms")));
    TelemetryConfig t = cfg.telemetry();
    assertThat(t.url()).isEqualTo("http://influx.example:8086");
    assertThat(t.batchSize()).isEqualTo(2500);
    assertThat(t.flushInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(t.embedded()).isFalse();
  }

  @Test
  void aBadTelemetryValueFailsAtStartNamingItsKey() {
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("telemetry.batch.size", "lots")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("telemetry.batch.size"))
        .hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("telemetry.url", "ftp://store")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("telemetry.url"));
    assertThatThrownBy(() -> HubConfig.from(ConfigSource.of(Map.of(), Map.of("KUZET_TELEMETRY_RETRY_MAX", "soon"))))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("telemetry.retry.max"));
  }

  @Test
  void anUnknownTelemetryKeyIsRefused() {
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("telemetry.bathc.size", "10")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("telemetry.bathc.size");
  }

  @Test
  void telemetryConnectionsAreOneUnlessSetAndMustBeBetweenOneAndSixteen() {
    assertThat(HubConfig.defaults(Map.of()).telemetryConnections()).isEqualTo(1);
    assertThat(HubConfig.defaults(Map.of("mqtt.telemetryConnections", "3")).telemetryConnections()).isEqualTo(3);
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("mqtt.telemetryConnections", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.telemetryConnections");
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("mqtt.telemetryConnections", "many")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.telemetryConnections");
  }

  @Test
  void theEmbeddedBrokerPersistenceIsFileUnlessInMemoryIsAskedForAndNothingElseIsAccepted() {
    assertThat(HubConfig.defaults(Map.of()).embeddedBrokerInMemory()).isFalse();
    assertThat(HubConfig.defaults(Map.of("broker.embedded.persistence", "in-memory")).embeddedBrokerInMemory()).isTrue();
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("broker.embedded.persistence", "ram")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("broker.embedded.persistence"))
        .hasMessageContaining("not file or in-memory");
  }
}
