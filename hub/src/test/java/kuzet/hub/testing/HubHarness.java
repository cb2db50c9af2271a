package kuzet.hub.testing;

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
import kuzet.hub.auth.OpenAccess;
import kuzet.hub.config.HubConfig;
import kuzet.hub.registry.PostType;
import kuzet.hub.registry.RegisteredPost;
import kuzet.hub.registry.SqlitePostRegistry;
import kuzet.hub.store.Json;
import kuzet.protocol.PostId;
import org.awaitility.Awaitility;

/** A real hub (real SQLite file, real broker) for integration tests, with small HTTP helpers. */
public final class HubHarness implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public final Path dataDir;
  public final TestBroker broker;
  private final Map<String, String> overrides;
  public final RecordingTelemetrySink telemetry = new RecordingTelemetrySink();
  private HubApplication hub;

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
    this.dataDir = dataDir;
    this.broker = broker;
    this.overrides = new HashMap<>(Map.of(
        "hub.id", "hub-test",
        "hub.dataDir", dataDir.toString(),
        "http.port", "0",
        "broker.embedded", "false",
        "broker.url", broker.url(),
        "alerts.offlineGraceS", "0",
        "alerts.offlineStableS", "0",
        "commands.timeoutS", "2",
        "mqtt.keepAliveS", "5"));
    this.overrides.putAll(extra);
  }

  public HubConfig config() {
    return HubConfig.defaults(overrides);
  }

  public HubHarness register(String... ids) {
    try (SqlitePostRegistry r = new SqlitePostRegistry(config().databaseFile())) {
      for (String id : ids) {
        r.register(new RegisteredPost(new PostId(id), PostType.MODULAR_POST, "Post " + id, "Alatau", 43.2, 76.9,
            Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
      }
    }
    return this;
  }

  public HubHarness start() {
    hub = new HubApplication(config(), Clock.systemUTC(), telemetry, new OpenAccess(), registry -> null).start();
    Awaitility.await("hub connected to " + broker).until(hub::brokerConnected);
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
    return "http://127.0.0.1:" + hub.httpPort();
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

  @Override
  public void close() {
    stop();
  }
}
