package kuzet.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import kuzet.protocol.PostId;

/**
 * Reads the agent's one configuration file (Java properties syntax) and applies environment variable overrides.
 * Unknown keys are rejected so that a typo is not silently ignored.
 */
public final class ConfigLoader {
  private final Map<String, String> values;

  private ConfigLoader(Map<String, String> values) {
    this.values = values;
  }

  public static AgentConfig load(Path file, Map<String, String> env) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(file.toString(), "cannot read the configuration file: " + e.getMessage());
    }
    Map<String, String> raw = new HashMap<>();
    p.stringPropertyNames().forEach(k -> raw.put(k, p.getProperty(k).trim()));
    return fromMap(raw, env);
  }

  /** Builds a config from key/value pairs (the file's content) plus environment overrides. */
  public static AgentConfig fromMap(Map<String, String> file, Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    for (var e : file.entrySet()) {
      if (ConfigKey.byKey(e.getKey()) == null) {
        throw new ConfigException(e.getKey(), "unknown key (see docs/hardware.md for the list)");
      }
      merged.put(e.getKey(), e.getValue());
    }
    for (ConfigKey k : ConfigKey.values()) {
      String v = env.get(k.envVar());
      if (v != null) {
        merged.put(k.key(), v.trim());
      }
    }
    return new ConfigLoader(merged).build();
  }

  private AgentConfig build() {
    AgentConfig.Mqtt mqtt = new AgentConfig.Mqtt(
        url(), optional(ConfigKey.MQTT_USERNAME), optional(ConfigKey.MQTT_PASSWORD),
        file(ConfigKey.MQTT_CA_FILE), file(ConfigKey.MQTT_CERT_FILE), file(ConfigKey.MQTT_KEY_FILE),
        (int) integer(ConfigKey.MQTT_KEEP_ALIVE_S, 5, 3600),
        integer(ConfigKey.MQTT_SESSION_EXPIRY_S, 1, 4_294_967_295L),
        required(ConfigKey.MQTT_TOPIC_ROOT),
        Duration.ofMillis(integer(ConfigKey.MQTT_RECONNECT_MIN_MS, 10, 600_000)),
        Duration.ofMillis(integer(ConfigKey.MQTT_RECONNECT_MAX_MS, 10, 3_600_000)));
    try {
      new kuzet.protocol.Topics(mqtt.topicRoot());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.MQTT_TOPIC_ROOT.key(), e.getMessage());
    }
    return new AgentConfig(
        postId(), required(ConfigKey.HARDWARE_PROFILE), platform(), mqtt,
        Path.of(required(ConfigKey.DATA_DIR)),
        decimal(ConfigKey.LATITUDE, -90, 90), decimal(ConfigKey.LONGITUDE, -180, 180), zone(),
        Duration.ofSeconds(integer(ConfigKey.TELEMETRY_INTERVAL_S, 1, 3600)),
        Duration.ofSeconds(integer(ConfigKey.MOTION_COOLDOWN_S, 0, 3600)),
        Duration.ofMillis(integer(ConfigKey.PANIC_DEBOUNCE_MS, 0, 1000)),
        Duration.ofMillis(integer(ConfigKey.PANIC_HOLD_MS, 0, 10_000)),
        new AgentConfig.ContactDebounce(millis(ConfigKey.DOOR_DEBOUNCE_MS), millis(ConfigKey.TAMPER_DEBOUNCE_MS),
            millis(ConfigKey.MAINS_DEBOUNCE_MS), millis(ConfigKey.MOTION_DEBOUNCE_MS)),
        Duration.ofSeconds(integer(ConfigKey.PANIC_RECEIVED_TIMEOUT_S, 1, 600)),
        (int) integer(ConfigKey.OUTBOX_MAX_TELEMETRY, 0, 10_000_000),
        (int) integer(ConfigKey.OUTBOX_MAX_EVENTS, 100, 10_000_000),
        (int) integer(ConfigKey.OUTBOX_RATE_PER_S, 1, 10_000),
        (int) integer(ConfigKey.SELF_TEST_HOUR, -1, 23),
        Duration.ofSeconds(integer(ConfigKey.LIGHTING_TICK_S, 1, 3600)),
        Duration.ofSeconds(integer(ConfigKey.COMMAND_MAX_AGE_S, 5, 86_400)),
        new AgentConfig.Update(file(ConfigKey.UPDATE_PUBLIC_KEY_FILE), Path.of(required(ConfigKey.UPDATE_INSTALL_DIR)),
            file(ConfigKey.UPDATE_CA_FILE), Duration.ofSeconds(integer(ConfigKey.UPDATE_TRIAL_S, 10, 3600))));
  }

  private String optional(ConfigKey k) {
    String v = values.getOrDefault(k.key(), k.defaultValue());
    return v == null || v.isEmpty() ? null : v;
  }

  private String required(ConfigKey k) {
    String v = optional(k);
    if (v == null) {
      throw new ConfigException(k.key(), "is required (" + k.description() + ")");
    }
    return v;
  }

  private PostId postId() {
    String v = required(ConfigKey.POST_ID);
    try {
      return new PostId(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.POST_ID.key(), e.getMessage());
    }
  }

  private String url() {
    String v = required(ConfigKey.MQTT_URL);
    String scheme = null;
    for (String one : v.split(",", -1)) {
      String u = one.strip();
      if (!u.matches("(tcp|ssl)://[^/:\\s]+:\\d{1,5}")) {
        throw new ConfigException(ConfigKey.MQTT_URL.key(), "'" + u + "' is not tcp://host:port or ssl://host:port");
      }
      if (scheme != null && !u.startsWith(scheme)) {
        throw new ConfigException(ConfigKey.MQTT_URL.key(), "mixes tcp:// and ssl://; every broker of one post must"
            + " be reached the same way");
      }
      scheme = u.substring(0, 6);
    }
    return v;
  }

  private Path file(ConfigKey k) {
    String v = optional(k);
    if (v == null) {
      return null;
    }
    Path p = Path.of(v);
    if (!Files.isReadable(p)) {
      throw new ConfigException(k.key(), "file '" + v + "' does not exist or is not readable");
    }
    return p;
  }

  private AgentConfig.Platform platform() {
    String v = required(ConfigKey.HARDWARE_PLATFORM);
    try {
      return AgentConfig.Platform.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.HARDWARE_PLATFORM.key(), "'" + v + "' is not one of auto, mock, gpiod, linuxfs");
    }
  }

  private ZoneId zone() {
    String v = required(ConfigKey.ZONE);
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw new ConfigException(ConfigKey.ZONE.key(), "'" + v + "' is not a time zone id such as Asia/Almaty");
    }
  }

  private long integer(ConfigKey k, long min, long max) {
    String v = required(k);
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(k.key(), "'" + v + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new ConfigException(k.key(), n + " is out of range [" + min + ", " + max + "]");
    }
    return n;
  }

  private Duration millis(ConfigKey k) {
    return Duration.ofMillis(integer(k, 0, 60_000));
  }

  private double decimal(ConfigKey k, double min, double max) {
    String v = required(k);
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(k.key(), "'" + v + "' is not a number");
    }
    if (Double.isNaN(d) || d < min || d > max) {
      throw new ConfigException(k.key(), v + " is out of range [" + min + ", " + max + "]");
    }
    return d;
  }
}
