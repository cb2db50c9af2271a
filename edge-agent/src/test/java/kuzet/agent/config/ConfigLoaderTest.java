package kuzet.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("post.id", "alatau-001");
    m.put("mqtt.url", "tcp://127.0.0.1:1883");
    return m;
  }

  @Test
  void aMinimalFileGetsTheDocumentedDefaults() throws Exception {
    Path f = dir.resolve("agent.conf");
    Files.writeString(f, "post.id = alatau-001\nmqtt.url = tcp://hub.local:1883\n");
    AgentConfig c = ConfigLoader.load(f, Map.of());
    assertThat(c.postId().value()).isEqualTo("alatau-001");
    assertThat(c.telemetryInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.mqtt().sessionExpiryS()).isEqualTo(86_400);
    assertThat(c.mqtt().keepAliveS()).isEqualTo(8);
    assertThat(c.hold()).isEqualTo(Duration.ofMillis(200));
    assertThat(c.latitude()).isEqualTo(43.24);
    assertThat(c.hardwareProfile()).isEqualTo("modular-post");
  }

  @Test
  void everyKeyHasADefaultOrIsRequiredOrOptionalOnPurpose() {
    for (ConfigKey k : ConfigKey.values()) {
      assertThat(k.description()).as(k.key()).isNotBlank();
      assertThat(k.envVar()).startsWith("KUZET_AGENT_");
    }
  }

  @Test
  void docsHardwareMdListsEveryKeyWithItsDefault() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "hardware.md"));
    for (ConfigKey k : ConfigKey.values()) {
      String row = "| `" + k.key() + "` | `" + k.envVar() + "` | " + (k.defaultValue() == null ? "—" : "`" + k.defaultValue() + "`");
      assertThat(doc).as(k.key()).contains(row);
    }
  }

  @Test
  void theFileAndTheHubsSettingsAreRefusedWithTheSameWords() {
    Map<String, String> m = minimal();
    m.put("panic.holdMs", "20000");
    assertThatThrownBy(() -> ConfigLoader.fromMap(m, Map.of()))
        .hasMessage("panic.holdMs: 20000 is out of range [0, 10000]");
    AgentConfig file = ConfigLoader.fromMap(minimal(), Map.of());
    assertThatThrownBy(() -> ConfigLoader.withCentral(file, Map.of("panic.holdMs", "20000")))
        .hasMessage("panic.holdMs: 20000 is out of range [0, 10000]");
    assertThatThrownBy(() -> ConfigLoader.withCentral(file, Map.of("lighting.floodlightsHours", "19:00-25:00")))
        .hasMessageStartingWith("lighting.floodlightsHours: '19:00-25:00' is not a daily window");
    assertThatThrownBy(() -> ConfigLoader.withCentral(file, Map.of("telemetry.interval", "5")))
        .hasMessageStartingWith("telemetry.interval: unknown key");
    AgentConfig central = ConfigLoader.withCentral(file, Map.of("panic.holdMs", "400", "location.latitude", "42.9"));
    assertThat(central.hold()).isEqualTo(java.time.Duration.ofMillis(400));
    assertThat(central.latitude()).isEqualTo(42.9);
    assertThat(central.telemetryInterval()).isEqualTo(file.telemetryInterval());
  }

  @Test
  void theMqttPasswordNeverAppearsWhenTheConfigIsPrinted() {
    Map<String, String> m = minimal();
    m.put("mqtt.username", "alatau-001");
    m.put("mqtt.password", "s3cret-Device-Pass");
    AgentConfig c = ConfigLoader.fromMap(m, Map.of());
    assertThat(c.mqtt().password()).isEqualTo("s3cret-Device-Pass");
    assertThat(c.toString()).doesNotContain("s3cret-Device-Pass").contains("password=***");
  }

  @Test
  void environmentVariablesOverrideTheFile() {
    AgentConfig c = ConfigLoader.fromMap(minimal(), Map.of("KUZET_AGENT_TELEMETRY_INTERVALS", "5", "KUZET_AGENT_POST_ID", "alatau-002"));
    assertThat(c.telemetryInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.postId().value()).isEqualTo("alatau-002");
  }

  @ParameterizedTest(name = "{0} = ''{1}''")
  @CsvSource(delimiter = '|', value = {
      "post.id | Bad_Id! | not valid",
      "mqtt.url | http://x | is not tcp://host:port",
      "mqtt.keepAliveS | 2 | out of range",
      "mqtt.keepAliveS | soon | is not a whole number",
      "mqtt.sessionExpiryS | 0 | out of range",
      "mqtt.topicRoot | a/+/b | not valid",
      "mqtt.reconnectMinMs | -5 | out of range",
      "hardware.platform | arduino | is not one of auto, mock, gpiod, linuxfs",
      "location.latitude | 91 | out of range",
      "location.longitude | east | is not a number",
      "location.zone | Mars/Olympus | is not a time zone id",
      "telemetry.intervalS | 0 | out of range",
      "motion.cooldownS | 99999 | out of range",
      "panic.debounceMs | 1.5 | is not a whole number",
      "panic.holdMs | 20000 | out of range",
      "panic.receivedTimeoutS | 0 | out of range",
      "outbox.maxTelemetry | many | is not a whole number",
      "outbox.maxEvents | 5 | out of range",
      "outbox.backlogRatePerS | 0 | out of range",
      "selftest.hour | 24 | out of range",
      "lighting.tickS | 0 | out of range",
      "mqtt.caFile | /nonexistent/ca.pem | does not exist",
      "mqtt.certFile | /nonexistent/post.pem | does not exist",
      "mqtt.keyFile | /nonexistent/post.key | does not exist",
      "data.dir | '' | is required",
  })
  void anInvalidValueFailsNamingTheKeyAndTheReason(String key, String value, String reason) {
    Map<String, String> m = minimal();
    m.put(key, value);
    assertThatThrownBy(() -> ConfigLoader.fromMap(m, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + ":")
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
  }

  @Test
  void anUnknownKeyIsRejectedSoThatTyposAreNotIgnored() {
    Map<String, String> m = minimal();
    m.put("telemetry.interval", "10");
    assertThatThrownBy(() -> ConfigLoader.fromMap(m, Map.of())).hasMessageStartingWith("telemetry.interval: unknown key");
  }

  @Test
  void missingRequiredKeysAreNamed() {
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("mqtt.url", "tcp://h:1"), Map.of())).hasMessageStartingWith("post.id: is required");
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("post.id", "abc"), Map.of())).hasMessageStartingWith("mqtt.url: is required");
  }

  @Test
  void aPasswordWithoutAUsernameAndACertWithoutAKeyAreRejected() throws Exception {
    Map<String, String> m = minimal();
    m.put("mqtt.password", "secret");
    assertThatThrownBy(() -> ConfigLoader.fromMap(m, Map.of())).hasMessageStartingWith("mqtt.username:");
    Path cert = Files.writeString(dir.resolve("post.pem"), "x");
    Map<String, String> t = minimal();
    t.put("mqtt.url", "ssl://hub:8883");
    t.put("mqtt.certFile", cert.toString());
    assertThatThrownBy(() -> ConfigLoader.fromMap(t, Map.of())).hasMessageStartingWith("mqtt.keyFile:");
    Map<String, String> plain = minimal();
    plain.put("mqtt.caFile", cert.toString());
    assertThatThrownBy(() -> ConfigLoader.fromMap(plain, Map.of())).hasMessageStartingWith("mqtt.url: must start with ssl://");
  }

  @Test
  void aReconnectCapBelowTheFirstDelayIsRejected() {
    Map<String, String> m = minimal();
    m.put("mqtt.reconnectMinMs", "5000");
    m.put("mqtt.reconnectMaxMs", "1000");
    assertThatThrownBy(() -> ConfigLoader.fromMap(m, Map.of())).hasMessageStartingWith("mqtt.reconnectMaxMs:");
  }

  @Test
  void anUnreadableFileIsNamed() {
    Path missing = dir.resolve("nope.conf");
    assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of())).hasMessageStartingWith(missing + ": cannot read");
  }
}
