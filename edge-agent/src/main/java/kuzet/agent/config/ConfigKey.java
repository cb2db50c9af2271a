package kuzet.agent.config;

import kuzet.protocol.PostSetting;

/**
 * Every key the agent's configuration file accepts, with its default (null = required or optional without default).
 * The environment variable that overrides a key is {@code KUZET_AGENT_} + the key upper-cased with dots as underscores,
 * e.g. {@code mqtt.keepAliveS} -> {@code KUZET_AGENT_MQTT_KEEPALIVES}.
 */
public enum ConfigKey {
  POST_ID("post.id", null, "the post's id, as registered on the hub (required)"),
  HARDWARE_PROFILE("hardware.profile", "modular-post", "built-in profile name (modular-post, district-point) or a profile file path"),
  HARDWARE_PLATFORM("hardware.platform", "auto", "auto (the Pi's GPIO through gpiod; missing GPIO is a reported fault, never the mock), mock (simulator and tests only), gpiod or linuxfs"),
  MQTT_URL("mqtt.url", null, "broker URL, tcp://host:1883 or ssl://host:8883 (required); the nodes of a clustered broker comma-separated, tried in order"),
  MQTT_USERNAME("mqtt.username", null, "username for password authentication (optional)"),
  MQTT_PASSWORD("mqtt.password", null, "password; only with mqtt.username"),
  MQTT_CA_FILE("mqtt.caFile", null, "PEM CA certificate(s) that signed the broker's certificate (ssl:// only)"),
  MQTT_CERT_FILE("mqtt.certFile", null, "PEM client certificate (with mqtt.keyFile)"),
  MQTT_KEY_FILE("mqtt.keyFile", null, "PKCS#8 PEM private key of the client certificate"),
  MQTT_KEEP_ALIVE_S("mqtt.keepAliveS", "8", "MQTT keep-alive, seconds (5..3600); the broker gives up on a silent post after 1.5 times this and sends its Will, so with the hub's alerts.offlineGraceS it bounds the time to POST_OFFLINE (8 s: at most 12 + 5 s)"),
  MQTT_SESSION_EXPIRY_S("mqtt.sessionExpiryS", "86400", "broker session expiry, seconds (1..4294967295); never 0"),
  MQTT_TOPIC_ROOT("mqtt.topicRoot", "posts", "topic root shared with the hub"),
  MQTT_RECONNECT_MIN_MS("mqtt.reconnectMinMs", "1000", "first reconnect delay, ms (10..600000)"),
  MQTT_RECONNECT_MAX_MS("mqtt.reconnectMaxMs", "60000", "reconnect delay cap, ms (>= reconnectMinMs)"),
  DATA_DIR("data.dir", "/var/lib/kuzet-agent", "directory of the outbox database"),
  LATITUDE("location.latitude", "43.24", "post latitude, degrees (-90..90)"),
  LONGITUDE("location.longitude", "76.85", "post longitude, degrees (-180..180)"),
  ZONE("location.zone", "Asia/Almaty", "time zone for the self-test hour"),
  TELEMETRY_INTERVAL_S("telemetry.intervalS", "30", "seconds between telemetry samples (1..3600)"),
  MOTION_COOLDOWN_S("motion.cooldownS", "60", "minimum seconds between MOTION events (0..3600)"),
  PANIC_DEBOUNCE_MS("panic.debounceMs", "30", "contact bounce window, ms (0..1000)"),
  PANIC_HOLD_MS("panic.holdMs", "200", "how long the button must be held after debouncing, ms (0..10000)"),
  DOOR_DEBOUNCE_MS("door.debounceMs", "100", "the door contact must keep its state this long before DOOR_OPENED/DOOR_CLOSED, ms (0..60000)"),
  TAMPER_DEBOUNCE_MS("tamper.debounceMs", "50", "the tamper switch must stay tampered this long before TAMPER, ms (0..60000)"),
  MAINS_DEBOUNCE_MS("mains.debounceMs", "500", "the mains-sense input must keep its state this long before MAINS_LOST/MAINS_RESTORED, ms (0..60000)"),
  MOTION_DEBOUNCE_MS("motion.debounceMs", "100", "the PIR output must stay active this long before MOTION, ms (0..60000)"),
  PANIC_RECEIVED_TIMEOUT_S("panic.receivedTimeoutS", "10", "seconds without PANIC_RECEIVED before the LED says still trying (1..600)"),
  OUTBOX_MAX_TELEMETRY("outbox.maxTelemetry", "20000", "telemetry rows kept while offline; the oldest are dropped first (0..10000000)"),
  OUTBOX_MAX_EVENTS("outbox.maxEvents", "200000", "event and ack rows kept; PANIC, PANIC_REPEAT and TAMPER are never dropped (100..10000000)"),
  OUTBOX_RATE_PER_S("outbox.backlogRatePerS", "50", "backlog publish rate after reconnecting, messages per second (1..10000)"),
  SELF_TEST_HOUR("selftest.hour", "4", "local hour of the daily self-test (0..23), or -1 to disable"),
  FLOODLIGHTS_HOURS("lighting.floodlightsHours", null, "a fixed daily window for the floodlights instead of sunset to sunrise, e.g. 19:30-06:30 local time (empty: follow the sun)"),
  INTERIOR_HOURS("lighting.interiorHours", null, "a daily window in which the interior light is on, e.g. 18:00-08:00 local time (empty: off unless an operator turns it on); only on posts with an interior light"),
  LIGHTING_TICK_S("lighting.tickS", "30", "seconds between floodlight re-evaluations (1..3600)"),
  COMMAND_MAX_AGE_S("commands.maxAgeS", "60", "a command (other than a PANIC_* state) issued longer ago than this is not applied but acknowledged as EXPIRED, seconds (5..86400); allows for the Pi's clock being off"),
  UPDATE_PUBLIC_KEY_FILE("update.publicKeyFile", null, "PEM Ed25519 public key of the release key (from the device bundle); without it the post refuses every UPDATE"),
  UPDATE_INSTALL_DIR("update.installDir", "/opt/kuzet", "where releases are installed: versions/<v>/, and the current and stable links (docs/installer-guide.md)"),
  UPDATE_CA_FILE("update.caFile", null, "PEM CA certificate(s) that signed the hub's HTTPS certificate, for release downloads (default: the JVM's trust store)"),
  UPDATE_TRIAL_S("update.trialS", "300", "a new release must come online and pass its self-test within this many seconds, or the post rolls back (10..3600)");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /**
   * The hub may set this key in a CONFIG: its form and range are then those of {@link PostSetting}, which both the
   * file and the CONFIG are parsed with.
   */
  public java.util.Optional<PostSetting> central() {
    return PostSetting.byKey(key).filter(s -> s.applies() == PostSetting.Applies.POST);
  }

  public String envVar() {
    return "KUZET_AGENT_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
  }

  public static ConfigKey byKey(String key) {
    for (ConfigKey k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }
}
