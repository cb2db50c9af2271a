package kuzet.hub.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import kuzet.store.StoreSettings;
import kuzet.hub.telemetry.TelemetryConfig;
import kuzet.hub.telemetry.TelemetryConfigKeys;
import kuzet.protocol.PostId;
import kuzet.protocol.Topics;

/** The hub's validated configuration. Build it with {@link #from(ConfigSource)}; every section is checked there. */
public record HubConfig(
    String hubId,
    Path dataDir,
    boolean demo,
    Http http,
    Broker broker,
    Mqtt mqtt,
    Fleet fleet,
    Alerts alerts,
    Duration commandTimeout,
    int sseReplaySize,
    ConfigSource source) {

  /** Where the board and API listen; HTTPS when tlsCert and tlsKey are set (both or neither). */
  public record Http(String host, int port, Path tlsCert, Path tlsKey) {
    public boolean tls() {
      return tlsCert != null;
    }

    public String scheme() {
      return tls() ? "https" : "http";
    }
  }

  /**
   * Either an embedded broker (embeddedPort, embeddedDataDir) or an external one at url. The embedded broker's
   * lock-down: {@code auth}, the fleet directory from {@code kuzet-provision fleet init}, and its TLS listener
   * (tlsPort 0: none); the files in fleetDir are read when the hub starts (see {@code BrokerLockdown}).
   */
  public record Broker(boolean embedded, String embeddedHost, int embeddedPort, Path embeddedDataDir, String url,
                       String username, String password, Path caFile, Path certFile, Path keyFile,
                       BrokerAuth auth, Path fleetDir, String tlsHost, int tlsPort) {
    public boolean tls() {
      return url.startsWith("ssl://");
    }

    /** The broker's nodes in the order they are tried: {@code broker.url} may list a cluster's, comma-separated. */
    public java.util.List<String> urls() {
      return java.util.Arrays.stream(url.split(",")).map(String::strip).toList();
    }
  }

  /** {@code shareGroup} null: ordinary subscriptions, this hub alone reads the fleet's traffic. */
  public record Mqtt(String clientId, Topics topics, String shareGroup, int keepAliveS, long sessionExpiryS,
                     Duration probeInterval) {
    /** The filter as this hub subscribes to it: in its share group, or as is without one. */
    public String subscription(String filter) {
      return shareGroup == null ? filter : Topics.shared(shareGroup, filter);
    }
  }

  public record Fleet(Duration heartbeatTimeout, int historySize) {}

  public record Alerts(Duration offlineGrace, Duration offlineStable, Duration chatterWindow, Duration shelveMax) {}

  /** The relational database ({@code store.*}); the SQLite file {@code hub.db} in the data directory by default. */
  public StoreSettings store() {
    return store(source, dataDir);
  }

  /** How several hubs on one database share the work ({@code store.hubs}). */
  public HubsMode hubsMode() {
    return hubsMode(source, store(), broker);
  }

  private static HubsMode hubsMode(ConfigSource s, StoreSettings store, Broker broker) {
    HubsMode mode = HubsMode.parse(s.string(ConfigKey.STORE_HUBS));
    if (mode == HubsMode.ACTIVE && store.dialect() != kuzet.store.Dialect.POSTGRESQL) {
      throw new ConfigException(ConfigKey.STORE_HUBS.key(), "active hubs share a PostgreSQL database;"
          + " store.url is " + store.describe());
    }
    if (mode == HubsMode.ACTIVE && broker.embedded()) {
      throw new ConfigException(ConfigKey.STORE_HUBS.key(), "active hubs share an external broker (broker.url);"
          + " each hub's embedded broker would hear only its own posts");
    }
    return mode;
  }

  /** How often the active hub checks its database session ({@code store.leaseCheckS}). */
  public Duration leaseCheck() {
    return Duration.ofSeconds(source.integer(ConfigKey.STORE_LEASE_CHECK_S, 1, 60));
  }

  private static StoreSettings store(ConfigSource s, Path dataDir) {
    String url = s.string(ConfigKey.STORE_URL).trim();
    int pool = s.integer(ConfigKey.STORE_POOL_SIZE, 1, StoreSettings.MAX_POOL);
    Duration timeout = Duration.ofMillis(s.integer(ConfigKey.STORE_CONNECTION_TIMEOUT_MS, 250, 60_000));
    try {
      return new StoreSettings(url.isEmpty() ? "jdbc:sqlite:" + dataDir.resolve("hub.db").toAbsolutePath() : url,
          s.string(ConfigKey.STORE_USER), s.string(ConfigKey.STORE_PASSWORD), pool, timeout);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.STORE_URL.key(), e.getMessage());
    }
  }

  /**
   * Bounds and guards of the HTTP side: connections and their idle timeout, live streams in total and per
   * session, and the token that opens /metrics (empty: none, only an admin's session).
   */
  public record HttpGuards(int maxConnections, int idleTimeoutS, int maxStreams, int maxStreamsPerSession,
                           String metricsToken) {}

  public HttpGuards httpGuards() {
    return httpGuards(source);
  }

  private static HttpGuards httpGuards(ConfigSource s) {
    String token = s.string(ConfigKey.METRICS_TOKEN);
    if (!token.isEmpty() && (token.length() < 16 || !token.equals(token.strip()))) {
      throw new ConfigException(ConfigKey.METRICS_TOKEN.key(), "must be at least 16 characters without surrounding"
          + " spaces (or empty: then only a signed-in admin sees /metrics)");
    }
    return new HttpGuards(s.integer(ConfigKey.HTTP_MAX_CONNECTIONS, 1, 100_000),
        s.integer(ConfigKey.HTTP_IDLE_TIMEOUT_S, 20, 3600), s.integer(ConfigKey.SSE_MAX_STREAMS, 1, 100_000),
        s.integer(ConfigKey.SSE_MAX_STREAMS_PER_SESSION, 1, 1000), token);
  }

  /** The {@code auth.*} keys and whether a TLS proxy is in front, for the sign-in scheme's settings. */
  public record SignIn(int idleTimeoutS, int maxBackoffS, int addressFreeFailures, int hashingSlots,
                       boolean behindTlsProxy, boolean secureCookie) {}

  public SignIn signIn() {
    return signIn(source);
  }

  private static SignIn signIn(ConfigSource s) {
    return new SignIn(s.integer(ConfigKey.AUTH_SESSION_IDLE_TIMEOUT_S, 60, 86_400),
        s.integer(ConfigKey.AUTH_MAX_BACKOFF_S, 1, 86_400), s.integer(ConfigKey.AUTH_ADDRESS_FREE_FAILURES, 1, 10_000),
        s.integer(ConfigKey.AUTH_HASHING_SLOTS, 1, 64), s.bool(ConfigKey.HTTP_BEHIND_TLS_PROXY),
        s.bool(ConfigKey.HTTP_SECURE_COOKIE));
  }

  /** The audit chain's key ({@code hub.auditKeyFile}; by default {@code audit.key} in the data directory). */
  public Path auditKeyFile() {
    String file = source.string(ConfigKey.AUDIT_KEY_FILE);
    return file.isBlank() ? dataDir.toAbsolutePath().resolve("audit.key") : Path.of(file);
  }

  /** How many connections read telemetry ({@code mqtt.telemetryConnections}), the main one included. */
  public int telemetryConnections() {
    return source.integer(ConfigKey.MQTT_TELEMETRY_CONNECTIONS, 1, 16);
  }

  /** Whether the embedded broker hands telemetry straight to the hub ({@code broker.embedded.directTelemetry}). */
  public boolean directTelemetry() {
    return broker.embedded() && source.bool(ConfigKey.BROKER_EMBEDDED_DIRECT_TELEMETRY);
  }

  /** Whether the embedded broker keeps its state in memory ({@code broker.embedded.persistence=in-memory}). */
  public boolean embeddedBrokerInMemory() {
    return embeddedBrokerInMemory(source);
  }

  private static boolean embeddedBrokerInMemory(ConfigSource s) {
    String mode = s.string(ConfigKey.BROKER_EMBEDDED_PERSISTENCE);
    if (!mode.equals("file") && !mode.equals("in-memory")) {
      throw new ConfigException(ConfigKey.BROKER_EMBEDDED_PERSISTENCE.key(), "'" + mode + "' is not file or in-memory");
    }
    return mode.equals("in-memory");
  }

  /** Telemetry storage settings (the {@code telemetry.*} keys), already checked by {@link #from}. */
  public TelemetryConfig telemetry() {
    return telemetry(source);
  }

  private static TelemetryConfig telemetry(ConfigSource s) {
    Map<String, String> values = new HashMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      if (k.key().startsWith(TelemetryConfig.PREFIX)) {
        values.put(k.key(), s.string(k));
      }
    }
    try {
      return TelemetryConfigKeys.fromMap(values);
    } catch (IllegalArgumentException e) {
      // the telemetry component's messages start with the key they are about
      String message = e.getMessage();
      int space = message.indexOf(' ');
      String key = space > 0 && message.startsWith(TelemetryConfig.PREFIX) ? message.substring(0, space) : "telemetry";
      throw new ConfigException(key, space > 0 ? message.substring(space + 1) : message);
    }
  }

  public static HubConfig defaults(Map<String, String> overrides) {
    return from(ConfigSource.of(overrides, Map.of()));
  }

  public static HubConfig from(ConfigSource s) {
    String hubId = s.string(ConfigKey.HUB_ID);
    if (!PostId.isValid(hubId)) {
      throw new ConfigException(ConfigKey.HUB_ID.key(), "'" + hubId + "' must be 3 to 64 lower-case letters, digits and hyphens");
    }
    String dir = s.string(ConfigKey.DATA_DIR);
    if (dir.isBlank()) {
      throw new ConfigException(ConfigKey.DATA_DIR.key(), "must not be empty");
    }
    Path dataDir = Path.of(dir);
    Http http = http(s);
    Broker broker = broker(s, dataDir);
    Mqtt mqtt = mqtt(s, hubId, broker.embedded());
    Fleet fleet = new Fleet(Duration.ofSeconds(s.integer(ConfigKey.FLEET_HEARTBEAT_TIMEOUT_S, 1, 86_400)),
        s.integer(ConfigKey.FLEET_HISTORY_SIZE, 1, 100_000));
    Alerts alerts = new Alerts(Duration.ofSeconds(s.integer(ConfigKey.ALERTS_OFFLINE_GRACE_S, 0, 86_400)),
        Duration.ofSeconds(s.integer(ConfigKey.ALERTS_OFFLINE_STABLE_S, 0, 86_400)),
        Duration.ofSeconds(s.integer(ConfigKey.ALERTS_CHATTER_WINDOW_S, 0, 86_400)),
        Duration.ofSeconds(s.integer(ConfigKey.ALERTS_SHELVE_MAX_S, 60, 7 * 86_400)));
    telemetry(s);
    store(s, dataDir);
    s.integer(ConfigKey.STORE_LEASE_CHECK_S, 1, 60);
    hubsMode(s, store(s, dataDir), broker);
    embeddedBrokerInMemory(s);
    s.bool(ConfigKey.BROKER_EMBEDDED_DIRECT_TELEMETRY);
    signIn(s);
    httpGuards(s);
    BoardSettings.from(s).validate();
    s.integer(ConfigKey.MQTT_TELEMETRY_CONNECTIONS, 1, 16);
    s.integer(ConfigKey.COMMANDS_PANIC_STATE_EXPIRY_S, 1, 7 * 86_400);
    return new HubConfig(hubId, dataDir, s.bool(ConfigKey.DEMO), http, broker, mqtt, fleet, alerts,
        Duration.ofSeconds(s.integer(ConfigKey.COMMANDS_TIMEOUT_S, 1, 3600)),
        s.integer(ConfigKey.SSE_REPLAY_SIZE, 0, 1_000_000), s);
  }

  private static Http http(ConfigSource s) {
    Path cert = s.file(ConfigKey.HTTP_TLS_CERT);
    Path key = s.file(ConfigKey.HTTP_TLS_KEY);
    if ((cert == null) != (key == null)) {
      throw new ConfigException(cert == null ? ConfigKey.HTTP_TLS_CERT.key() : ConfigKey.HTTP_TLS_KEY.key(),
          "http.tls.cert and http.tls.key must be given together");
    }
    String host = nonBlank(s, ConfigKey.HTTP_HOST);
    if (cert == null && !loopback(host) && !s.bool(ConfigKey.HTTP_BEHIND_TLS_PROXY)) {
      throw new ConfigException(ConfigKey.HTTP_HOST.key(), "'" + host + "' is reachable from other machines, and without"
          + " TLS every password and session cookie would cross the network in the clear: set http.tls.cert and"
          + " http.tls.key (HTTPS), or set " + ConfigKey.HTTP_BEHIND_TLS_PROXY.key() + "=true when a TLS-terminating"
          + " proxy is in front of the hub, or listen on 127.0.0.1");
    }
    return new Http(host, s.integer(ConfigKey.HTTP_PORT, 0, 65535), cert, key);
  }

  /** Literal loopback names only: a name that resolves to loopback today may not tomorrow. */
  private static boolean loopback(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  private static Broker broker(ConfigSource s, Path dataDir) {
    boolean embedded = s.bool(ConfigKey.BROKER_EMBEDDED);
    String host = nonBlank(s, ConfigKey.BROKER_EMBEDDED_HOST);
    int port = s.integer(ConfigKey.BROKER_EMBEDDED_PORT, 1, 65535);
    String bdir = s.string(ConfigKey.BROKER_EMBEDDED_DATA_DIR);
    Path brokerDir = bdir.isEmpty() ? dataDir.resolve("broker") : Path.of(bdir);
    String url = s.string(ConfigKey.BROKER_URL);
    if (embedded) {
      if (!url.isEmpty()) {
        throw new ConfigException(ConfigKey.BROKER_URL.key(), "must be empty while broker.embedded=true (set broker.embedded=false to use an external broker)");
      }
      url = "tcp://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port;
    } else {
      if (url.isEmpty()) {
        throw new ConfigException(ConfigKey.BROKER_URL.key(), "is required when broker.embedded=false");
      }
      checkUrls(url);
    }
    Path cert = s.file(ConfigKey.BROKER_TLS_CERT_FILE);
    Path key = s.file(ConfigKey.BROKER_TLS_KEY_FILE);
    if ((cert == null) != (key == null)) {
      throw new ConfigException(cert == null ? ConfigKey.BROKER_TLS_CERT_FILE.key() : ConfigKey.BROKER_TLS_KEY_FILE.key(),
          "broker.tls.certFile and broker.tls.keyFile must be given together");
    }
    String user = s.string(ConfigKey.BROKER_USERNAME);
    String password = s.string(ConfigKey.BROKER_PASSWORD);
    if (user.isEmpty() && !password.isEmpty()) {
      throw new ConfigException(ConfigKey.BROKER_PASSWORD.key(), "is set but broker.username is empty");
    }
    BrokerAuth auth = BrokerAuth.parse(s.string(ConfigKey.BROKER_AUTH));
    if (embedded && auth == BrokerAuth.NONE && !isLoopback(host)) {
      throw new ConfigException(ConfigKey.BROKER_AUTH.key(), "none lets any client publish as any post and read every "
          + "command; it is only allowed on loopback, but broker.embedded.host is '" + host + "' (use 127.0.0.1 or ::1, "
          + "or broker.auth=registry)");
    }
    String fleet = s.string(ConfigKey.BROKER_FLEET_DIR);
    int tlsPort = s.integer(ConfigKey.BROKER_EMBEDDED_TLS_PORT, 0, 65535);
    if (embedded && tlsPort == port) {
      throw new ConfigException(ConfigKey.BROKER_EMBEDDED_TLS_PORT.key(), tlsPort + " is broker.embedded.port too");
    }
    return new Broker(embedded, host, port, brokerDir, url, user, password, s.file(ConfigKey.BROKER_TLS_CA_FILE), cert, key,
        auth, fleet.isBlank() ? dataDir.resolve("fleet") : Path.of(fleet),
        nonBlank(s, ConfigKey.BROKER_EMBEDDED_TLS_HOST), tlsPort);
  }

  /** Without a name lookup: localhost, or an IP literal on the loopback interface. */
  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** One URL, or a cluster's nodes comma-separated, all reached the same way. */
  private static void checkUrls(String urls) {
    String scheme = null;
    for (String one : urls.split(",", -1)) {
      String url = one.strip();
      checkUrl(url);
      if (scheme != null && !url.startsWith(scheme)) {
        throw new ConfigException(ConfigKey.BROKER_URL.key(), "mixes tcp:// and ssl://; every node must be reached the same way");
      }
      scheme = url.substring(0, 6);
    }
  }

  private static void checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      throw new ConfigException(ConfigKey.BROKER_URL.key(), "'" + url + "' is not a URL: " + e.getMessage());
    }
    if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
      throw new ConfigException(ConfigKey.BROKER_URL.key(), "'" + url + "' must start with tcp:// or ssl://");
    }
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new ConfigException(ConfigKey.BROKER_URL.key(), "'" + url + "' must name a host and a port, e.g. tcp://broker:1883");
    }
  }

  private static Mqtt mqtt(ConfigSource s, String hubId, boolean embeddedBroker) {
    String clientId = s.string(ConfigKey.MQTT_CLIENT_ID);
    if (clientId.isEmpty()) {
      // the underscore keeps it outside the post id grammar: the embedded broker lets a post connect only
      // under its own id, so no post can ever be registered under the hub's id and take over its session
      clientId = "_kuzet-" + hubId;
    } else if (clientId.length() > 128 || clientId.contains("#") || clientId.contains("+")) {
      throw new ConfigException(ConfigKey.MQTT_CLIENT_ID.key(), "must be at most 128 characters without '#' or '+'");
    } else if (kuzet.protocol.PostId.isValid(clientId)) {
      throw new ConfigException(ConfigKey.MQTT_CLIENT_ID.key(), "'" + clientId + "' could also be a post id, and a post"
          + " registered under it could take over the hub's MQTT session; use a name with an underscore, such as _"
          + clientId);
    }
    Topics topics;
    try {
      topics = new Topics(s.string(ConfigKey.MQTT_TOPIC_ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.MQTT_TOPIC_ROOT.key(), e.getMessage());
    }
    return new Mqtt(clientId, topics, shareGroup(s, embeddedBroker), s.integer(ConfigKey.MQTT_KEEP_ALIVE_S, 1, 3600),
        s.integer(ConfigKey.MQTT_SESSION_EXPIRY_S, 1, Integer.MAX_VALUE),
        Duration.ofSeconds(s.integer(ConfigKey.MQTT_PROBE_INTERVAL_S, 0, 3600)));
  }

  /**
   * The share group, or null for ordinary subscriptions. {@code auto} leaves sharing out where only this hub
   * reads the broker (its embedded one): HiveMQ CE at times stops delivering a shared subscription to a
   * connected, acknowledging client (docs/hub-config.md), and a PANIC must not wait on that.
   */
  private static String shareGroup(ConfigSource s, boolean embeddedBroker) {
    String group = s.string(ConfigKey.MQTT_SHARE_GROUP);
    // telemetry the embedded broker hands over directly needs no telemetry connections
    int telemetryConnections = embeddedBroker && s.bool(ConfigKey.BROKER_EMBEDDED_DIRECT_TELEMETRY) ? 1
        : s.integer(ConfigKey.MQTT_TELEMETRY_CONNECTIONS, 1, 16);
    if (group.equals("auto")) {
      return embeddedBroker && telemetryConnections == 1 ? null : "hub";
    }
    if (group.equals("none")) {
      if (telemetryConnections > 1) {
        throw new ConfigException(ConfigKey.MQTT_SHARE_GROUP.key(), "none cannot be combined with "
            + ConfigKey.MQTT_TELEMETRY_CONNECTIONS.key() + "=" + telemetryConnections
            + ": the telemetry connections split the load through a share group");
      }
      return null;
    }
    try {
      Topics.shared(group, "x");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.MQTT_SHARE_GROUP.key(), e.getMessage() + ", or auto, or none");
    }
    return group;
  }

  private static String nonBlank(ConfigSource s, ConfigKey k) {
    String v = s.string(k);
    if (v.isBlank()) {
      throw new ConfigException(k.key(), "must not be empty");
    }
    return v;
  }
}
