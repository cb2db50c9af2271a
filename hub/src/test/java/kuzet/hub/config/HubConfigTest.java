package kuzet.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubConfigTest {
  @TempDir
  Path dir;

  @Test
  void defaultsStartAnEmbeddedBrokerOnLoopback() {
    HubConfig c = HubConfig.defaults(Map.of());
    assertThat(c.broker().embedded()).isTrue();
    assertThat(c.broker().url()).isEqualTo("tcp://127.0.0.1:1883");
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.mqtt().clientId()).isEqualTo("_kuzet-hub-1");
    assertThat(kuzet.protocol.PostId.isValid(c.mqtt().clientId())).as("no post can be registered under it").isFalse();
    assertThat(c.mqtt().sessionExpiryS()).isPositive();
    assertThat(c.alerts().offlineGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.store().sqliteFile()).isEqualTo(Path.of("./data/hub.db").toAbsolutePath());
    assertThat(c.store().dialect()).isEqualTo(kuzet.store.Dialect.SQLITE);
  }

  @Test
  void environmentVariablesOverrideTheFile() throws Exception {
    Path file = dir.resolve("hub.properties");
    Files.writeString(file, "http.port=9000\nhub.id=file-hub\nplugin.oidc.issuer=http://x:8086\n");
    HubConfig c = HubConfig.from(ConfigSource.load(file, Map.of("KUZET_HTTP_PORT", "9100", "KUZET_HUB_DEMO", "true")));
    assertThat(c.http().port()).isEqualTo(9100);
    assertThat(c.hubId()).isEqualTo("file-hub");
    assertThat(c.demo()).isTrue();
    assertThat(c.source().raw("plugin.oidc.issuer")).isEqualTo("http://x:8086");
  }

  @Test
  void externalBrokerNeedsAUrlAndUsesItsTlsFiles() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
    HubConfig c = HubConfig.defaults(Map.of("broker.embedded", "false", "broker.url", "ssl://mqtt.example.kz:8883",
        "broker.tls.caFile", ca.toString(), "broker.username", "hub", "broker.password", "pw"));
    assertThat(c.broker().tls()).isTrue();
    assertThat(c.broker().caFile()).isEqualTo(ca);
  }

  @ParameterizedTest(name = "shareGroup={0}, embedded={1}, telemetryConnections={2}, directTelemetry={3} subscribes to {4}")
  @CsvSource(delimiter = '|', value = {
      "auto  | true  | 1 | true  | posts/+/events",
      "auto  | true  | 2 | true  | posts/+/events",
      "auto  | true  | 2 | false | $share/hub/posts/+/events",
      "auto  | false | 1 | true  | $share/hub/posts/+/events",
      "none  | false | 1 | true  | posts/+/events",
      "north | true  | 1 | true  | $share/north/posts/+/events"})
  void theShareGroupIsLeftOutOnlyWhereThisHubAloneReadsTheBroker(String group, boolean embedded, int connections,
                                                                 boolean direct, String subscription) {
    Map<String, String> values = new java.util.HashMap<>(Map.of("mqtt.shareGroup", group,
        "broker.embedded", Boolean.toString(embedded), "mqtt.telemetryConnections", Integer.toString(connections),
        "broker.embedded.directTelemetry", Boolean.toString(direct)));
    if (!embedded) {
      values.put("broker.url", "tcp://mqtt.example.kz:1883");
    }
    HubConfig c = HubConfig.defaults(values);
    assertThat(c.mqtt().subscription("posts/+/events")).isEqualTo(subscription);
    assertThat(c.directTelemetry()).isEqualTo(embedded && direct);
  }

  @Test
  void noShareGroupCannotSplitTelemetryOverSeveralConnections() {
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("mqtt.shareGroup", "none", "mqtt.telemetryConnections", "4",
        "broker.embedded.directTelemetry", "false")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.shareGroup").hasMessageContaining("mqtt.telemetryConnections=4");
  }

  @Test
  void missingConfigFileIsNamed() {
    assertThatThrownBy(() -> ConfigSource.load(dir.resolve("nope.properties"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties");
  }

  @ParameterizedTest(name = "{0}={1} fails: {2}")
  @CsvSource(delimiter = '|', value = {
      "http.port               | 70000          | out of range",
      "http.port               | eighty         | not a whole number",
      "http.host               | ' '            | must not be empty",
      "hub.id                  | Hub One        | lower-case",
      "hub.demo                | yes            | not true or false",
      "broker.embedded         | maybe          | not true or false",
      "broker.embedded.directTelemetry | on   | not true or false",
      "http.secureCookie       | on             | not true or false",
      "broker.embedded.port    | 0              | out of range",
      "broker.url              | tcp://x:1883   | must be empty while broker.embedded=true",
      "broker.tls.caFile       | /no/such.pem   | does not exist",
      "http.tls.cert           | /no/such.pem   | does not exist",
      "http.tls.key            | /no/such.key   | does not exist",
      "broker.password         | secret         | broker.username is empty",
      "mqtt.topicRoot          | posts/#        | not valid",
      "mqtt.shareGroup         | a/b            | not valid",
      "mqtt.keepAliveS         | 0              | out of range",
      "mqtt.sessionExpiryS     | -1             | out of range",
      "mqtt.clientId           | a#b            | without '#'",
      "mqtt.clientId           | kuzet-hub-1    | could also be a post id",
      "mqtt.probeIntervalS     | -1             | out of range",
      "mqtt.probeIntervalS     | ten            | not a whole number",
      "mqtt.shareGroup         | two words      | not valid",
      "fleet.heartbeatTimeoutS | 0              | out of range",
      "fleet.historySize       | 0              | out of range",
      "alerts.offlineGraceS    | -5             | out of range",
      "alerts.offlineStableS   | x              | not a whole number",
      "commands.timeoutS       | 0              | out of range",
      "sse.replaySize          | -1             | out of range",
      "sse.maxStreams          | 0              | out of range",
      "sse.maxStreamsPerSession| 0              | out of range",
      "http.maxConnections     | 0              | out of range",
      "http.idleTimeoutS       | 5              | out of range",
      "http.behindTlsProxy     | yes            | not true or false",
      "metrics.token           | short          | at least 16 characters",
      "auth.hashingSlots       | 0              | out of range",
      "auth.sessionIdleTimeoutS| 10             | out of range",
      "hub.dataDir             | ' '            | must not be empty",
      "store.poolSize          | 0              | out of range",
      "store.poolSize          | many           | not a whole number",
      "store.connectionTimeoutMs| 10            | out of range",
      "store.leaseCheckS       | 0              | out of range",
      "store.hubs              | both           | not standby or active",
      "store.hubs              | active         | share a PostgreSQL database",
      "store.url               | mysql://x/y    | jdbc:sqlite",
      "http.prot               | 8080           | not a known key"})
  void invalidValueFailsAtStartNamingTheKeyAndTheReason(String key, String value, String reason) {
    assertThatThrownBy(() -> HubConfig.defaults(Map.of(key, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'" + key + "'")
        .hasMessageContaining(reason);
  }

  @Test
  void plainHttpOnANonLoopbackAddressIsRefusedUnlessATlsProxyIsDeclared() throws Exception {
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("http.host", "0.0.0.0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'http.host'").hasMessageContaining("'0.0.0.0'")
        .hasMessageContaining("http.tls.cert").hasMessageContaining("http.behindTlsProxy=true");
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("http.host", "10.20.0.5"))).isInstanceOf(ConfigException.class);
    assertThat(HubConfig.defaults(Map.of("http.host", "0.0.0.0", "http.behindTlsProxy", "true")).http().host())
        .isEqualTo("0.0.0.0");
    for (String loopback : new String[] {"127.0.0.1", "localhost", "::1", "127.0.1.1"}) {
      assertThat(HubConfig.defaults(Map.of("http.host", loopback)).http().tls()).isFalse();
    }
    Path pem = Files.writeString(dir.resolve("web.pem"), "x");
    assertThat(HubConfig.defaults(Map.of("http.host", "0.0.0.0", "http.tls.cert", pem.toString(),
        "http.tls.key", pem.toString())).http().tls()).isTrue();
  }

  @Test
  void httpsNeedsBothTheCertificateAndTheKey() throws Exception {
    Path pem = Files.writeString(dir.resolve("hub.pem"), "x");
    assertThat(HubConfig.defaults(Map.of()).http().tls()).isFalse();
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("http.tls.cert", pem.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'http.tls.key'").hasMessageContaining("together");
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("http.tls.key", pem.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'http.tls.cert'").hasMessageContaining("together");
    HubConfig.Http https = HubConfig.defaults(Map.of("http.tls.cert", pem.toString(), "http.tls.key", pem.toString())).http();
    assertThat(https.tls()).isTrue();
    assertThat(https.scheme()).isEqualTo("https");
  }

  @Test
  void externalBrokerWithoutUrlFails() {
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("broker.embedded", "false")))
        .hasMessageContaining("'broker.url'").hasMessageContaining("required");
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("broker.embedded", "false", "broker.url", "http://x:1")))
        .hasMessageContaining("tcp:// or ssl://");
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("broker.embedded", "false", "broker.url", "tcp://hostonly")))
        .hasMessageContaining("host and a port");
  }

  @Test
  void anExternalBrokerMayBeTheNodesOfAClusterTriedInOrder() {
    HubConfig c = HubConfig.defaults(Map.of("broker.embedded", "false",
        "broker.url", "tcp://node-1.example.kz:1883, tcp://node-2.example.kz:1883"));
    assertThat(c.broker().urls()).containsExactly("tcp://node-1.example.kz:1883", "tcp://node-2.example.kz:1883");
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("broker.embedded", "false",
        "broker.url", "tcp://node-1:1883,ssl://node-2:8883"))).hasMessageContaining("mixes tcp:// and ssl://");
    assertThatThrownBy(() -> HubConfig.defaults(Map.of("broker.embedded", "false",
        "broker.url", "tcp://node-1:1883,"))).hasMessageContaining("'' must start with tcp:// or ssl://");
  }

  @Test
  void aDistrictsFileThatIsNotAGeoJsonFeatureCollectionOrATileUrlWithoutPlaceholdersStopsTheHubNamingIt(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path notGeo = Files.writeString(dir.resolve("districts.geojson"), "{\"type\":\"Point\",\"coordinates\":[76.8,43.2]}");
    Path broken = Files.writeString(dir.resolve("broken.geojson"), "{\"type\":");
    Path good = Files.writeString(dir.resolve("good.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
    java.util.function.Function<Map<String, String>, HubConfig> load = extra -> {
      Map<String, String> m = new java.util.HashMap<>(Map.of("hub.dataDir", dir.toString()));
      m.putAll(extra);
      return HubConfig.from(ConfigSource.of(m, Map.of()));
    };
    assertThatThrownBy(() -> load.apply(Map.of("board.districtsFile", notGeo.toString())))
        .hasMessageContaining("board.districtsFile").hasMessageContaining("not a GeoJSON FeatureCollection");
    assertThatThrownBy(() -> load.apply(Map.of("board.districtsFile", broken.toString())))
        .hasMessageContaining("board.districtsFile").hasMessageContaining("cannot be read as JSON");
    assertThatThrownBy(() -> load.apply(Map.of("board.tileUrl", "https://tiles.example/tile.png")))
        .hasMessageContaining("board.tileUrl").hasMessageContaining("{z}");
    assertThat(BoardSettings.from(load.apply(Map.of("board.districtsFile", good.toString(),
        "board.tileUrl", "https://tiles.example/{z}/{x}/{y}.png")).source()).districtsFile()).isEqualTo(good);
  }

  @Test
  void everyKeyIsDocumentedWithItsDefault() throws Exception {
    Path doc = Path.of("..", "docs", "hub-config.md");
    String text = Files.readString(doc);
    for (ConfigKey k : ConfigKey.values()) {
      String cell = k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
      assertThat(text).as("docs/hub-config.md documents %s", k.key()).contains("| `" + k.key() + "` | " + cell + " |");
    }
  }
}
