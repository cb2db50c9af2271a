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
import kuzet.protocol.PostSetting;
import kuzet.protocol.PostSetting.Window;

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
        (double) central(ConfigKey.LATITUDE), (double) central(ConfigKey.LONGITUDE), zone(),
        Duration.ofSeconds((long) central(ConfigKey.TELEMETRY_INTERVAL_S)),
        Duration.ofSeconds((long) central(ConfigKey.MOTION_COOLDOWN_S)),
        millis(ConfigKey.PANIC_DEBOUNCE_MS),
        millis(ConfigKey.PANIC_HOLD_MS),
        new AgentConfig.ContactDebounce(millis(ConfigKey.DOOR_DEBOUNCE_MS), millis(ConfigKey.TAMPER_DEBOUNCE_MS),
            millis(ConfigKey.MAINS_DEBOUNCE_MS), millis(ConfigKey.MOTION_DEBOUNCE_MS)),
        Duration.ofSeconds(integer(ConfigKey.PANIC_RECEIVED_TIMEOUT_S, 1, 600)),
        (int) integer(ConfigKey.OUTBOX_MAX_TELEMETRY, 0, 10_000_000),
        (int) integer(ConfigKey.OUTBOX_MAX_EVENTS, 100, 10_000_000),
        (int) integer(ConfigKey.OUTBOX_RATE_PER_S, 1, 10_000),
        (int) (long) central(ConfigKey.SELF_TEST_HOUR),
        Duration.ofSeconds(integer(ConfigKey.LIGHTING_TICK_S, 1, 3600)),
        Duration.ofSeconds(integer(ConfigKey.COMMAND_MAX_AGE_S, 5, 86_400)),
        (Window) central(ConfigKey.FLOODLIGHTS_HOURS), (Window) central(ConfigKey.INTERIOR_HOURS),
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
    return Duration.ofMillis((long) central(k));
  }

  /** A key the hub may also set: parsed by its {@link PostSetting}, the same check a CONFIG from the hub gets. */
  private Object central(ConfigKey k) {
    PostSetting setting = k.central().orElseThrow(() -> new IllegalStateException(k.key() + " is not a central setting"));
    String v = setting.form() == PostSetting.Form.WINDOW ? values.getOrDefault(k.key(), k.defaultValue()) : required(k);
    return parse(k, setting, v);
  }

  private static Object parse(ConfigKey k, PostSetting setting, String value) {
    try {
      return setting.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(k.key(), e.getMessage());
    }
  }

  /**
   * The configuration with the hub's CONFIG settings in place of the file's: {@code settings} is the whole set the hub
   * manages for this post, so a key it leaves out keeps the file's value ({@code file}). Every key is checked as the
   * file's own value would be; the first that is unknown, not the hub's to set, or invalid is refused with a
   * ConfigException naming it.
   */
  public static AgentConfig withCentral(AgentConfig file, Map<String, String> settings) {
    Map<ConfigKey, Object> v = new java.util.EnumMap<>(ConfigKey.class);
    for (var e : new java.util.TreeMap<>(settings).entrySet()) {
      ConfigKey k = ConfigKey.byKey(e.getKey());
      if (k == null) {
        throw new ConfigException(e.getKey(), "unknown key; the hub may set " + PostSetting.postKeys());
      }
      PostSetting setting = k.central().orElseThrow(() -> new ConfigException(e.getKey(),
          "is set only in the post's own configuration file; the hub may set " + PostSetting.postKeys()));
      v.put(k, parse(k, setting, e.getValue()));
    }
    return new AgentConfig(file.postId(), file.hardwareProfile(), file.platform(), file.mqtt(), file.dataDir(),
        (double) v.getOrDefault(ConfigKey.LATITUDE, file.latitude()),
        (double) v.getOrDefault(ConfigKey.LONGITUDE, file.longitude()), file.zone(),
        seconds(v, ConfigKey.TELEMETRY_INTERVAL_S, file.telemetryInterval()),
        seconds(v, ConfigKey.MOTION_COOLDOWN_S, file.motionCooldown()),
        millis(v, ConfigKey.PANIC_DEBOUNCE_MS, file.debounce()), millis(v, ConfigKey.PANIC_HOLD_MS, file.hold()),
        new AgentConfig.ContactDebounce(millis(v, ConfigKey.DOOR_DEBOUNCE_MS, file.contactDebounce().door()),
            millis(v, ConfigKey.TAMPER_DEBOUNCE_MS, file.contactDebounce().tamper()),
            millis(v, ConfigKey.MAINS_DEBOUNCE_MS, file.contactDebounce().mains()),
            millis(v, ConfigKey.MOTION_DEBOUNCE_MS, file.contactDebounce().motion())),
        file.panicReceivedTimeout(), file.outboxMaxTelemetry(), file.outboxMaxEvents(), file.backlogRatePerS(),
        v.containsKey(ConfigKey.SELF_TEST_HOUR) ? (int) (long) v.get(ConfigKey.SELF_TEST_HOUR) : file.selfTestHour(),
        file.lightingTick(), file.commandMaxAge(),
        (Window) v.getOrDefault(ConfigKey.FLOODLIGHTS_HOURS, file.floodlightsHours()),
        (Window) v.getOrDefault(ConfigKey.INTERIOR_HOURS, file.interiorHours()), file.update());
  }

  private static Duration seconds(Map<ConfigKey, Object> v, ConfigKey k, Duration otherwise) {
    return v.containsKey(k) ? Duration.ofSeconds((long) v.get(k)) : otherwise;
  }

  private static Duration millis(Map<ConfigKey, Object> v, ConfigKey k, Duration otherwise) {
    return v.containsKey(k) ? Duration.ofMillis((long) v.get(k)) : otherwise;
  }
}
