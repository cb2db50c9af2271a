package kuzet.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import kuzet.protocol.PostId;
import kuzet.protocol.PostSetting.Window;

/** The agent's validated settings. Build it with {@link ConfigLoader}; see {@link ConfigKey} for the meaning of each. */
public record AgentConfig(
    PostId postId,
    String hardwareProfile,
    Platform platform,
    Mqtt mqtt,
    Path dataDir,
    double latitude,
    double longitude,
    ZoneId zone,
    Duration telemetryInterval,
    Duration motionCooldown,
    Duration debounce,
    Duration hold,
    ContactDebounce contactDebounce,
    Duration panicReceivedTimeout,
    int outboxMaxTelemetry,
    int outboxMaxEvents,
    int backlogRatePerS,
    int selfTestHour,
    Duration lightingTick,
    Duration commandMaxAge,
    Window floodlightsHours,
    Window interiorHours,
    Update update) {

  /**
   * Signed updates: the trusted release key (null: updates refused), the install directory, the CA of the hub's HTTPS
   * certificate (null: the JVM's), and how long a new release has to prove itself.
   */
  public record Update(Path publicKeyFile, Path installDir, Path caFile, Duration trial) {}

  /** How long each contact input must keep a new state before it is reported (the panic button has its own keys). */
  public record ContactDebounce(Duration door, Duration tamper, Duration mains, Duration motion) {}

  /** Which Pi4J providers drive the pins. */
  public enum Platform { AUTO, MOCK, GPIOD, LINUXFS }

  /** Broker connection settings. Credentials may be absent (anonymous broker in tests). */
  public record Mqtt(String url, String username, String password, Path caFile, Path certFile, Path keyFile,
                     int keepAliveS, long sessionExpiryS, String topicRoot, Duration reconnectMin, Duration reconnectMax) {
    public Mqtt {
      if (sessionExpiryS <= 0) {
        throw new ConfigException(ConfigKey.MQTT_SESSION_EXPIRY_S.key(), "must be above 0, or the broker drops queued messages");
      }
      if ((certFile == null) != (keyFile == null)) {
        throw new ConfigException(certFile == null ? ConfigKey.MQTT_CERT_FILE.key() : ConfigKey.MQTT_KEY_FILE.key(),
            "mqtt.certFile and mqtt.keyFile must be given together");
      }
      if (password != null && username == null) {
        throw new ConfigException(ConfigKey.MQTT_USERNAME.key(), "is required when mqtt.password is set");
      }
      if (reconnectMax.compareTo(reconnectMin) < 0) {
        throw new ConfigException(ConfigKey.MQTT_RECONNECT_MAX_MS.key(), "must not be below mqtt.reconnectMinMs");
      }
      if (!url.startsWith("ssl://") && (caFile != null || certFile != null)) {
        throw new ConfigException(ConfigKey.MQTT_URL.key(), "must start with ssl:// when TLS files are configured");
      }
    }

    /**
     * The brokers to try, in order: {@code mqtt.url} may list the nodes of a clustered broker, comma-separated;
     * the link moves to the next when one cannot be reached.
     */
    public java.util.List<String> urls() {
      return java.util.Arrays.stream(url.split(",")).map(String::strip).toList();
    }

    /** Never prints the password: configs end up in logs and bug reports. */
    @Override
    public String toString() {
      return "Mqtt[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***")
          + ", caFile=" + caFile + ", certFile=" + certFile + ", keyFile=" + keyFile + ", keepAliveS=" + keepAliveS
          + ", sessionExpiryS=" + sessionExpiryS + ", topicRoot=" + topicRoot + "]";
    }
  }

  public AgentConfig {
    if (postId == null) {
      throw new ConfigException(ConfigKey.POST_ID.key(), "is required");
    }
  }

  /**
   * A copy with another post id, data directory and coordinates; used by the fleet simulator. Its contacts are not
   * debounced: the simulator flips them as settled changes already, and its control channel expects every flip on disk.
   */
  public AgentConfig forSimulatedPost(PostId id, Path dir, double lat, double lon) {
    return new AgentConfig(id, hardwareProfile, Platform.MOCK, mqtt, dir, lat, lon, zone, telemetryInterval, motionCooldown,
        debounce, hold, new ContactDebounce(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO), panicReceivedTimeout, outboxMaxTelemetry, outboxMaxEvents, backlogRatePerS, selfTestHour, lightingTick,
        commandMaxAge, floodlightsHours, interiorHours, update);
  }
}
