package kuzet.hub.config;

/**
 * Every key the hub's config file accepts, with its default and meaning. docs/hub-config.md documents
 * the same list, and a test keeps the two in step. Environment variable: {@code KUZET_} + the key in
 * upper case with dots as underscores ({@code http.port} -> {@code KUZET_HTTP_PORT}).
 */
public enum ConfigKey {
  HUB_ID("hub.id", "hub-1", "This hub's name in its presence message and MQTT client id"),
  DATA_DIR("hub.dataDir", "./data", "Directory for the SQLite database and the embedded broker's data"),
  AUDIT_KEY_FILE("hub.auditKeyFile", "", "Secret that seals the audit chain (HMAC-SHA256), created with mode 0600 at first start; keep it out of database backups (empty: {hub.dataDir}/audit.key)"),
  DEMO("hub.demo", "false", "Demo mode: posts that are not registered are registered on their first message"),
  STORE_URL("store.url", "", "The hub's relational database: jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE (empty: the SQLite file {hub.dataDir}/hub.db). Several hubs share one PostgreSQL database"),
  STORE_USER("store.user", "", "Database user (PostgreSQL)"),
  STORE_PASSWORD("store.password", "", "Database password (PostgreSQL)"),
  STORE_POOL_SIZE("store.poolSize", "8", "Most connections the hub keeps open to the database (1..64)"),
  STORE_CONNECTION_TIMEOUT_MS("store.connectionTimeoutMs", "5000", "How long a database call waits for a connection before it fails, milliseconds (250..60000)"),
  STORE_HUBS("store.hubs", "standby", "Several hubs on one PostgreSQL database: standby (one hub is active, the others wait to take over) or active (every hub ingests its share through the broker's shared subscriptions and serves the board; the one holding the duty lease runs the timers: offline checks, escalation reminders, grouping). active needs PostgreSQL and an external broker"),
  STORE_LEASE_CHECK_S("store.leaseCheckS", "5", "Several hubs on one PostgreSQL database: one is active, the others wait as standbys. The active hub checks its database session this often, seconds (1..60); a standby takes over at most three checks after the active hub went silent"),
  HTTP_HOST("http.host", "127.0.0.1", "Address the HTTP API and board listen on"),
  HTTP_PORT("http.port", "8080", "HTTP port (0 picks a free port)"),
  HTTP_TLS_CERT("http.tls.cert", "", "PEM server certificate (chain) for HTTPS on http.port (empty: plain HTTP; needs http.tls.key)"),
  HTTP_TLS_KEY("http.tls.key", "", "PEM private key (PKCS#8 or PKCS#1, unencrypted) of http.tls.cert"),
  HTTP_SECURE_COOKIE("http.secureCookie", "false", "Mark the session cookie Secure on plain HTTP too: set it when a TLS-terminating proxy is in front of the hub (over HTTPS the cookie is always Secure)"),
  HTTP_BEHIND_TLS_PROXY("http.behindTlsProxy", "false", "A TLS-terminating proxy is in front of the hub: plain HTTP is then allowed on a non-loopback http.host, the session cookie is Secure, and the client address for sign-in throttling is the last X-Forwarded-For entry (the proxy must append it)"),
  HTTP_MAX_CONNECTIONS("http.maxConnections", "256", "Open HTTP connections at most (1..100000); further ones are closed at once"),
  HTTP_IDLE_TIMEOUT_S("http.idleTimeoutS", "60", "An HTTP connection with no traffic for this long is closed, seconds (20..3600; live streams send a ping every 15 s)"),
  METRICS_TOKEN("metrics.token", "", "Bearer token that opens /metrics (Authorization: Bearer ..., at least 16 characters); empty: only a signed-in admin sees /metrics"),
  AUTH_SESSION_IDLE_TIMEOUT_S("auth.sessionIdleTimeoutS", "1800", "A session with no request and no open live stream for this long ends, seconds (60..86400); sessions also end 14 hours after sign-in"),
  AUTH_MAX_BACKOFF_S("auth.maxBackoffS", "900", "Longest wait after wrong passwords from one address for one username, seconds (1..86400); the wait starts at 1 s and doubles per wrong password"),
  AUTH_ADDRESS_FREE_FAILURES("auth.addressFreeFailures", "20", "Wrong passwords one address may send (any usernames) before the address itself must wait, doubling per further one (1..10000)"),
  AUTH_HASHING_SLOTS("auth.hashingSlots", "2", "Password checks (Argon2, about 19 MiB each) run at once (1..64); sign-ins beyond get 503 at once"),
  BROKER_EMBEDDED("broker.embedded", "true", "Start the embedded HiveMQ CE broker; false uses broker.url"),
  BROKER_EMBEDDED_HOST("broker.embedded.host", "127.0.0.1", "Address the embedded broker listens on"),
  BROKER_EMBEDDED_PORT("broker.embedded.port", "1883", "Port of the embedded broker"),
  BROKER_EMBEDDED_DATA_DIR("broker.embedded.dataDir", "", "Embedded broker data folder (empty: {hub.dataDir}/broker)"),
  BROKER_EMBEDDED_TLS_HOST("broker.embedded.tlsHost", "0.0.0.0", "Address the embedded broker's TLS listener (client certificates) listens on"),
  BROKER_EMBEDDED_TLS_PORT("broker.embedded.tlsPort", "8883", "Port of the embedded broker's TLS listener, started with broker.auth=registry (0: no TLS listener)"),
  BROKER_AUTH("broker.auth", "registry", "Who the embedded broker lets in: registry (registered posts and the hub account) or none (anyone: demo only, and only with a loopback broker.embedded.host)"),
  BROKER_FLEET_DIR("broker.fleetDir", "", "Directory kuzet-provision fleet init wrote (empty: {hub.dataDir}/fleet)"),
  BROKER_EMBEDDED_PERSISTENCE("broker.embedded.persistence", "file", "Embedded broker's sessions, queued and retained messages: file (kept across restarts) or in-memory (lost when the hub stops; several times the ingest rate, see docs/benchmarks.md)"),
  BROKER_EMBEDDED_DIRECT_TELEMETRY("broker.embedded.directTelemetry", "true", "Telemetry published to the embedded broker is taken inside the broker and handed straight to the hub's queue (a HiveMQ publish inbound interceptor) instead of through the hub's own MQTT subscription, and is not delivered to MQTT subscribers (on the locked-down broker only the hub may read it). While the hub cannot keep up the broker holds the posts' telemetry (QoS 1 publishers wait for their PUBACK); past a quarter of a limit of held publishes (the limit is one per KiB of a 32nd of the heap, 10,240 with the production heap) it stops reading the senders' sockets until the hub has caught up (kuzet_broker_read_paused_total), so they wait and nothing is dropped; past the limit itself it drops QoS 0 telemetry and counts it in kuzet_broker_dropped_total. false: telemetry reaches the hub through MQTT, as with an external broker"),
  BROKER_URL("broker.url", "", "External broker, tcp://host:port or ssl://host:port (required when broker.embedded=false); the nodes of a clustered broker comma-separated, tried in order"),
  BROKER_USERNAME("broker.username", "", "MQTT username for the hub's own client (empty: none)"),
  BROKER_PASSWORD("broker.password", "", "MQTT password for the hub's own client"),
  BROKER_TLS_CA_FILE("broker.tls.caFile", "", "PEM file of the CA that signed the broker's certificate (empty: JVM trust store)"),
  BROKER_TLS_CERT_FILE("broker.tls.certFile", "", "PEM client certificate for mutual TLS (needs broker.tls.keyFile)"),
  BROKER_TLS_KEY_FILE("broker.tls.keyFile", "", "PEM private key (PKCS#8 or PKCS#1, unencrypted) for the client certificate"),
  MQTT_CLIENT_ID("mqtt.clientId", "", "The hub's MQTT client id (empty: _kuzet-{hub.id}); never a valid post id, so that no post can take over the hub's session"),
  MQTT_TOPIC_ROOT("mqtt.topicRoot", "posts", "Topic root shared with the posts"),
  MQTT_SHARE_GROUP("mqtt.shareGroup", "auto", "Shared-subscription group several hubs split the load in; `none` for ordinary subscriptions; `auto`: `none` with the embedded broker and direct telemetry or one telemetry connection, else `hub`"),
  MQTT_PROBE_INTERVAL_S("mqtt.probeIntervalS", "10", "Seconds between the hub's probes through its own events subscription (0: none); three intervals without any delivery while connected mark the broker DOWN on /health and make the hub subscribe again"),
  MQTT_TELEMETRY_CONNECTIONS("mqtt.telemetryConnections", "1", "Connections the hub reads telemetry on (1..16). Above 1, telemetry comes only on that many extra connections, which stop reading while the hub cannot keep up so that the broker holds the backlog, and the main one keeps events to itself; at 1, telemetry shares the main connection, which must never hold back a PANIC, so what the hub cannot take is dropped and counted (kuzet_ingest_dropped_total). One reads about 10,000 msgs/s (docs/benchmarks.md). Not used for telemetry the embedded broker hands over directly (broker.embedded.directTelemetry)"),
  MQTT_KEEP_ALIVE_S("mqtt.keepAliveS", "30", "MQTT keep-alive of the hub's client, seconds (1..3600)"),
  MQTT_SESSION_EXPIRY_S("mqtt.sessionExpiryS", "86400", "How long the broker keeps the hub's session while it is away, seconds (1..)"),
  FLEET_HEARTBEAT_TIMEOUT_S("fleet.heartbeatTimeoutS", "90", "A post that sent nothing for this long is offline, seconds"),
  FLEET_HISTORY_SIZE("fleet.historySize", "360", "Recent samples kept in memory per reading per post"),
  ALERTS_OFFLINE_GRACE_S("alerts.offlineGraceS", "5", "A post must stay offline this long before POST_OFFLINE opens, seconds; with the posts' mqtt.keepAliveS (8 s, the broker notices after 12 s) it bounds power or network loss to POST_OFFLINE at 17 s, and a post back within it raises nothing"),
  ALERTS_OFFLINE_STABLE_S("alerts.offlineStableS", "30", "A returned post must stay online this long before POST_OFFLINE resolves, seconds"),
  // Alerting rules: defaults for every post; override per post type or per post with
  // rules.<post-type>.<name> and rules.<post-id>.<name> (name = the part after "alerts.", e.g. rules.district-point.temperatureMaxC)
  BOARD_TILE_URL("board.tileUrl", "", "Map tiles for the board, e.g. https://tiles.police.example/{z}/{x}/{y}.png (empty: the posts on a plain background, no tile server needed)"),
  BOARD_TILE_ATTRIBUTION("board.tileAttribution", "", "Attribution shown under the map for board.tileUrl (e.g. the map data's licence)"),
  BOARD_MBTILES_FILE("board.mbtilesFile", "", "MBTiles file of raster map tiles (png, jpg or webp) the hub serves itself at /tiles/{z}/{x}/{y} to signed-in boards, so the map needs no tile server and no internet (empty: none; not together with board.tileUrl)"),
  BOARD_DISTRICTS_FILE("board.districtsFile", "", "GeoJSON FeatureCollection of district boundaries the board draws (properties.name labels each; at most 5 MiB; empty: none)"),
  ALERTS_CHATTER_WINDOW_S("alerts.chatterWindowS", "600", "An alert the system resolved that comes back within this long reopens as the same alert with its count raised instead of a new one (0: off), seconds"),
  ALERTS_SHELVE_MAX_S("alerts.shelveMaxS", "28800", "The longest an operator may shelve an alert type at one post, seconds (PANIC and TAMPER never)"),
  ALERTS_CLEAR_HOLD_S("alerts.clearHoldS", "60", "A self-clearing alert resolves only after its condition has stayed normal this long, seconds (flap suppression)"),
  ALERTS_MAINS_LOST_DELAY_S("alerts.mainsLostDelayS", "60", "MAINS_LOST opens only if mains is still out after this long, seconds"),
  ALERTS_BATTERY_LOW_V("alerts.batteryLowV", "11.8", "BATTERY_LOW opens below this battery voltage, volts"),
  ALERTS_BATTERY_CLEAR_V("alerts.batteryClearV", "12.2", "BATTERY_LOW clears at or above this voltage (hysteresis), volts"),
  ALERTS_BATTERY_EMPTY_V("alerts.batteryEmptyV", "10.5", "Voltage counted as empty for the time-to-empty estimate, volts"),
  ALERTS_TEMPERATURE_MIN_C("alerts.temperatureMinC", "-35", "TEMPERATURE_OUT_OF_RANGE opens below this, degrees C"),
  ALERTS_TEMPERATURE_MAX_C("alerts.temperatureMaxC", "45", "TEMPERATURE_OUT_OF_RANGE opens above this, degrees C"),
  ALERTS_TEMPERATURE_HYSTERESIS_C("alerts.temperatureHysteresisC", "2", "The temperature must come this far back inside the range to clear, degrees C"),
  ALERTS_SEQUENCE_GAP_MAX("alerts.sequenceGapMax", "20", "SEQUENCE_GAP opens when more messages than this are missing from one boot of a post (judged when a telemetry arrives: the numbers below it that never came)"),
  ALERTS_SELF_TEST_MISSING_AFTER_S("alerts.selfTestMissingAfterS", "93600", "SELF_TEST_MISSING opens when a post has sent no self-test result for this long: its daily schedule plus a grace period, seconds (at least 3600)"),
  ALERTS_CLOCK_SKEW_MAX_S("alerts.clockSkewMaxS", "120", "CLOCK_SKEW opens when a post's clock is further than this from the hub's, seconds (clears at half)"),
  ALERTS_STAFFED_HOURS("alerts.staffedHours", "", "When a post is staffed by schedule, e.g. 08:00-20:00 (empty: only when an operator marks it staffed); the value an admin sets for a post with POST /api/config wins"),
  ALERTS_TIME_ZONE("alerts.timeZone", "Asia/Almaty", "Time zone of alerts.staffedHours and of the incident report"),
  // Escalation: steps are "target:seconds-after-opening", comma-separated; each target's channels are
  // notify.<target>.webhook (URL) and notify.<target>.email (addresses, comma-separated); the board is always notified
  ESCALATION_CRITICAL_STEPS("escalation.critical.steps", "district-inspector:0,duty-desk:30,shift-supervisor:120", "Escalation chain of CRITICAL alerts while nobody acknowledges"),
  ESCALATION_CRITICAL_REMINDER_S("escalation.critical.reminderS", "60", "Reminder interval for unacknowledged CRITICAL alerts, seconds (0: none)"),
  ESCALATION_MAJOR_STEPS("escalation.major.steps", "duty-desk:0,shift-supervisor:600", "Escalation chain of MAJOR alerts"),
  ESCALATION_MAJOR_REMINDER_S("escalation.major.reminderS", "600", "Reminder interval for unacknowledged MAJOR alerts, seconds (0: none)"),
  ESCALATION_MINOR_STEPS("escalation.minor.steps", "duty-desk:0", "Escalation chain of MINOR alerts (empty: board only)"),
  ESCALATION_MINOR_REMINDER_S("escalation.minor.reminderS", "0", "Reminder interval for unacknowledged MINOR alerts, seconds (0: none)"),
  WEBHOOK_MAX_ATTEMPTS("webhook.maxAttempts", "10", "Attempts to deliver one webhook notification before giving up"),
  WEBHOOK_RETRY_INITIAL_MS("webhook.retryInitialMs", "1000", "Wait before the first webhook retry, doubling per attempt, milliseconds"),
  WEBHOOK_RETRY_MAX_MS("webhook.retryMaxMs", "60000", "Longest wait between webhook attempts, milliseconds (not below webhook.retryInitialMs)"),
  WEBHOOK_TIMEOUT_MS("webhook.timeoutMs", "5000", "Timeout of one webhook request, milliseconds"),
  SMTP_HOST("smtp.host", "", "SMTP server for e-mail notifications (empty: no e-mail)"),
  SMTP_PORT("smtp.port", "25", "SMTP port"),
  SMTP_FROM("smtp.from", "kuzet-hub@localhost", "Sender address of notification e-mails"),
  SMTP_USERNAME("smtp.username", "", "SMTP user name (empty: no login)"),
  SMTP_PASSWORD("smtp.password", "", "SMTP password"),
  SMTP_STARTTLS("smtp.starttls", "OPTIONAL", "STARTTLS use: DISABLED, OPTIONAL or REQUIRED"),
  GROUPING_TYPES("grouping.types", "MAINS_LOST,POST_OFFLINE", "Alert types folded into one incident when many posts of a district report them (never PANIC)"),
  GROUPING_WINDOW_S("grouping.windowS", "120", "Alerts of one type and district opened within this many seconds may form a group"),
  GROUPING_MIN_POSTS("grouping.minPosts", "5", "How many posts it takes to form a group"),
  COMMANDS_TIMEOUT_S("commands.timeoutS", "10", "How long a REST command waits for the post's ack, seconds; also its MQTT message expiry, so the broker drops a command reported as timed out instead of delivering it later"),
  COMMANDS_PANIC_STATE_EXPIRY_S("commands.panicStateExpiryS", "3600", "MQTT message expiry of the PANIC_RECEIVED/ACK/DISPATCHED/CLEAR states sent to a post, seconds: a post back within this time still shows its incident's state"),
  UPDATES_BASE_URL("updates.baseUrl", "", "How posts reach this hub's HTTPS server for release downloads, e.g. https://hub.example.kz:8443 (empty: no rollouts)"),
  UPDATES_DIR("updates.dir", "", "Where uploaded release bundles are kept (empty: {hub.dataDir}/releases)"),
  UPDATES_RESEND_S("updates.resendS", "60", "A post that neither answered an UPDATE nor reported progress is sent it again after this many seconds (5..86400)"),
  UPDATES_TOKEN_TTL_S("updates.tokenTtlS", "86400", "How long the download token of an UPDATE opens the release's download, in seconds (60..2592000); kept in the database, so any hub of it honours it, also after a restart"),
  SSE_REPLAY_SIZE("sse.replaySize", "1000", "Events kept for clients that reconnect with Last-Event-ID"),
  SSE_MAX_STREAMS("sse.maxStreams", "200", "Live streams (/api/stream) open at once in total (1..100000); beyond, 503"),
  SSE_MAX_STREAMS_PER_SESSION("sse.maxStreamsPerSession", "4", "Live streams one signed-in session may hold open (1..1000); beyond, 429"),
  // Telemetry storage, read by kuzet.hub.telemetry.TelemetryConfigKeys (defaults: TelemetryConfig.defaults()).
  TELEMETRY_URL("telemetry.url", "", "InfluxDB 2.x/3.x/1.8+ base URL, http(s)://host:port (empty: start the embedded QuestDB)"),
  TELEMETRY_TOKEN("telemetry.token", "", "InfluxDB API token (1.8: user:password); empty for QuestDB or no auth"),
  TELEMETRY_ORG("telemetry.org", "kuzet", "InfluxDB organisation"),
  TELEMETRY_BUCKET("telemetry.bucket", "telemetry", "InfluxDB bucket (1.8: database/retention)"),
  TELEMETRY_EMBEDDED_PORT("telemetry.embedded.port", "0", "HTTP port of the embedded QuestDB on 127.0.0.1 (0 picks a free port)"),
  TELEMETRY_BATCH_SIZE("telemetry.batch.size", "1000", "Points per write (1..100000, at most telemetry.buffer.memory.points); 1000 keeps each write request under G1's humongous-object size with the production heap (about 230 KB; 5000 made every batch a humongous allocation and a garbage collection)"),
  TELEMETRY_FLUSH_INTERVAL("telemetry.flush.interval", "1s", "Longest wait for a full batch before writing what there is (e.g. 500ms, 1s, PT2S)"),
  TELEMETRY_BUFFER_MEMORY_POINTS("telemetry.buffer.memory.points", "100000", "Points buffered in memory; past half of it batches spill to disk"),
  TELEMETRY_SPILL_DIR("telemetry.spill.dir", "", "Where batches spill during a store outage (empty: {hub.dataDir}/telemetry-spill)"),
  TELEMETRY_SPILL_MAX_BYTES("telemetry.spill.max.bytes", "1GiB", "Bound of the spill directory (e.g. 512MiB); past it the oldest points are dropped and counted; 0 turns spilling off"),
  TELEMETRY_RETRY_INITIAL("telemetry.retry.initial", "200ms", "First backoff after a failed write"),
  TELEMETRY_RETRY_MAX("telemetry.retry.max", "30s", "Longest backoff between retries"),
  TELEMETRY_WRITE_TIMEOUT("telemetry.write.timeout", "10s", "HTTP timeout of one write; also how long a stopping hub tries to flush");

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

  public String envName() {
    return "KUZET_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
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
