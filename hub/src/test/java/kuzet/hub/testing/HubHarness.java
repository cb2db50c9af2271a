package kuzet.hub.testing;

import kuzet.store.StoreSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kuzet.hub.HubApplication;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.OpenAccess;
import kuzet.hub.brokerauth.BrokerLockdown;
import kuzet.hub.config.HubConfig;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.registry.JdbcPostRegistry;
import kuzet.store.Json;
import kuzet.protocol.PostId;
import kuzet.protocol.testing.MosquittoBroker;
import org.awaitility.Awaitility;

/** A real hub (real SQLite file, real broker) for integration tests, with small HTTP helpers. */
public final class HubHarness implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static {
    // A whole hub, its broker and a post round trip on a shared 2-core CI machine: 10 s (Awaitility's
    // default) was at times too short for a cold JVM. A real failure still fails, only later.
    Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(30));
  }

  public final Path dataDir;
  /** The external test broker, or null when the hub runs its own embedded broker. */
  public final TestBroker broker;
  private final Map<String, String> overrides;
  public final RecordingTelemetrySink telemetry = new RecordingTelemetrySink();
  private kuzet.hub.auth.Access access = new OpenAccess();
  private HubApplication hub;
  private Clock clock = Clock.systemUTC();

  /** The HTTP answer. */
  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public HubHarness(Path dataDir, TestBroker broker, Map<String, String> extra) {
    this(dataDir, broker, Map.of("broker.embedded", "false", "broker.url", broker.url(),
        "mqtt.shareGroup", broker.shareGroup(Integer.toHexString(dataDir.toAbsolutePath().toString().hashCode()))), extra);
  }

  private HubHarness(Path dataDir, TestBroker broker, Map<String, String> brokerKeys, Map<String, String> extra) {
    this.dataDir = dataDir;
    this.broker = broker;
    this.overrides = new HashMap<>(Map.of(
        "hub.id", "hub-test",
        "hub.dataDir", dataDir.toString(),
        "http.port", "0",
        "alerts.offlineGraceS", "0",
        "alerts.offlineStableS", "0",
        "commands.timeoutS", "2",
        "mqtt.keepAliveS", "5"));
    this.overrides.putAll(brokerKeys);
    this.overrides.putAll(extra);
  }

  /**
   * A hub running its own embedded broker on free loopback ports, locked down as in production
   * ({@code broker.auth=registry}, TLS listener from {@code broker.fleetDir}) unless {@code extra} says otherwise.
   */
  public static HubHarness withEmbeddedBroker(Path dataDir, Map<String, String> extra) throws IOException {
    return new HubHarness(dataDir, null, Map.of(
        "broker.embedded", "true",
        "broker.embedded.host", "127.0.0.1",
        "broker.embedded.port", Integer.toString(MosquittoBroker.freePort()),
        "broker.embedded.tlsHost", "127.0.0.1",
        "broker.embedded.tlsPort", Integer.toString(MosquittoBroker.freePort())), extra);
  }

  /**
   * A hub on its embedded broker locked down as in production ({@code broker.auth=registry}, the hub account in the
   * fleet directory; no TLS listener), with the posts of {@code postPasswords} registered; not yet started.
   */
  public static HubHarness lockedDown(Path data, Map<String, String> postPasswords) throws IOException {
    java.security.SecureRandom random = new java.security.SecureRandom();
    String hubPassword = "hub-pw-" + java.util.UUID.randomUUID();
    kuzet.brokeraccount.FleetFiles fleet = new kuzet.brokeraccount.FleetFiles(
        java.nio.file.Files.createDirectories(data.resolve("fleet")));
    java.nio.file.Files.writeString(fleet.hubAccount(),
        "_hub:" + kuzet.brokeraccount.MosquittoPasswordHash.hash(hubPassword, random) + "\n");
    HubHarness hub = withEmbeddedBroker(data, Map.of("broker.username", "_hub", "broker.password", hubPassword,
        "broker.embedded.tlsPort", "0"));
    java.nio.file.Files.createDirectories(hub.config().store().sqliteFile().getParent());
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(hub.config().store())) {
      postPasswords.forEach((id, pw) -> registry.register(new RegisteredPost(new PostId(id), PostType.MODULAR_POST,
          "Post " + id, "Almaly", 43.25, 76.95, Instant.parse("2026-11-01T00:00:00Z"),
          kuzet.brokeraccount.MosquittoPasswordHash.hash(pw, random), null, null)));
    }
    return hub;
  }

  /** The plain MQTT listener the hub's own client uses. */
  public String brokerUrl() {
    return config().broker().url();
  }

  /** The embedded broker's TLS listener (client certificates from the fleet CA). */
  public String brokerTlsUrl() {
    return "ssl://127.0.0.1:" + config().broker().tlsPort();
  }

  public HubConfig config() {
    return HubConfig.defaults(overrides);
  }

  public HubHarness register(String... ids) {
    try (JdbcPostRegistry r = JdbcPostRegistry.open(config().store())) {
      for (String id : ids) {
        r.register(new RegisteredPost(new PostId(id), PostType.MODULAR_POST, "Post " + id, "Alatau", 43.2, 76.9,
            Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
      }
    }
    return this;
  }

  /** The hub's clock, for tests of timed behaviour (escalation, delays); set before {@link #start()}. */
  public HubHarness clock(Clock c) {
    this.clock = c;
    return this;
  }

  /** Who may call the API (default: everyone); set before {@link #start()}. */
  public HubHarness access(kuzet.hub.auth.Access a) {
    this.access = a;
    return this;
  }

  /** Starts the hub with the given sign-in; the hub does not close it. */
  public HubHarness start(kuzet.hub.auth.Access a) {
    this.access = a;
    return start();
  }

  public HubHarness start() {
    HubConfig config = config();
    // the same lock-down as the hub's main wiring; null for an external broker or broker.auth=none
    hub = new HubApplication(config, clock, telemetry, access,
        registry -> BrokerLockdown.extension(config, registry)).start();
    Awaitility.await("hub connected to " + (broker != null ? broker : "its embedded broker")).until(hub::brokerConnected);
    return this;
  }

  public void stop() {
    if (hub != null) {
      hub.close();
      hub = null;
    }
  }

  public HubApplication hub() {
    return hub;
  }

  public String base() {
    return config().http().scheme() + "://127.0.0.1:" + hub.httpPort();
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
  }

  public Response post(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("HTTP call failed: " + e, e);
    }
  }

  public SseClient stream(String lastEventId) {
    return new SseClient(base() + "/api/stream", lastEventId);
  }

  /** The value of one Prometheus sample, e.g. metric("kuzet_ingest_rejected_total", "reason=\"NOT_JSON\""). */
  public double metric(String name, String labels) {
    String text = get("/metrics").body();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") && (labels == null || line.contains(labels)) || line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  /**
   * What the hub has seen so far, for failure messages: the alerts it lists and its ingest counters, so a
   * test that waited in vain says whether the message never arrived, was dropped, or was handled differently.
   */
  public String seen() {
    StringBuilder b = new StringBuilder("alerts: ").append(get("/api/alerts").body()).append("\nmetrics:");
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith("kuzet_ingest") || line.startsWith("kuzet_broker")) {
        b.append("\n  ").append(line);
      }
    }
    return b.append("\nbroker connected: ").append(hub.brokerConnected()).toString();
  }

  @Override
  public void close() {
    stop();
  }
}
