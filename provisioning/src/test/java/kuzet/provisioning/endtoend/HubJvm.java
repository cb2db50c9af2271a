package kuzet.provisioning.endtoend;

import kuzet.protocol.testing.ChildJvm;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.auth.Argon2Passwords;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.OperatorService;
import kuzet.hub.auth.OperatorStore;
import kuzet.hub.auth.Role;
import kuzet.hub.config.HubConfig;
import kuzet.protocol.PostId;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.store.Json;

/**
 * The hub as its own JVM ({@code kuzet.hub.HubMain run}) with its embedded broker, as a district runs it: the posts
 * registered and one operator created before it starts, and a signed-in HTTP client for its REST API.
 */
final class HubJvm implements AutoCloseable {
  static final String OPERATOR = "duty1";
  private final Path dir;
  private final int httpPort = MosquittoBroker.freePort();
  private final int brokerPort = MosquittoBroker.freePort();
  private final String password = UUID.randomUUID().toString();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process process;
  private String cookie;

  /** Starts the hub; {@link #awaitUp()} waits for it. */
  HubJvm(Path dir, List<String> posts, Map<String, String> extra) throws Exception {
    this.dir = Files.createDirectories(dir);
    Map<String, String> props = new java.util.LinkedHashMap<>(Map.of(
        "hub.dataDir", dir.resolve("data").toAbsolutePath().toString(),
        "http.port", Integer.toString(httpPort),
        "broker.embedded.host", "127.0.0.1",
        "broker.embedded.port", Integer.toString(brokerPort),
        // the posts here are not provisioned with credentials (the hub allows that only on loopback): what is
        // measured is presence and the panic path, not the lock-down
        "broker.auth", "none",
        "telemetry.embedded.port", Integer.toString(MosquittoBroker.freePort())));
    props.putAll(extra);
    HubConfig cfg = HubConfig.defaults(props);
    try (JdbcPostRegistry r = JdbcPostRegistry.open(cfg.store())) {
      for (String id : posts) {
        r.register(new RegisteredPost(new PostId(id), PostType.MODULAR_POST, "Пост " + id, "Алатауский", 43.2, 76.9,
            Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
      }
    }
    try (OperatorStore store = OperatorStore.open(cfg.store())) {
      new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, Clock.systemUTC())
          .create("test", OPERATOR, Role.OPERATOR, password);
    }
    List<String> lines = new ArrayList<>();
    props.forEach((k, v) -> lines.add(k + "=" + v));
    Path config = Files.write(dir.resolve("hub.properties"), lines);
    process = new ProcessBuilder(ChildJvm.command("-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "kuzet.hub.HubMain", "run", "--config", config.toString()))
        .redirectErrorStream(true).redirectOutput(log().toFile()).start();
  }

  /** Returns once the hub's /health says its broker is up; the caller may start other things meanwhile. */
  HubJvm awaitUp() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log());
      }
      try {
        if (get("/health").path("checks").path("broker").asText().equals("UP")) {
          return this;
        }
      } catch (IOException | RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the hub did not come up within 90 s; see " + log());
  }

  Path log() {
    return dir.resolve("hub.log");
  }

  String base() {
    return "http://127.0.0.1:" + httpPort;
  }

  int brokerPort() {
    return brokerPort;
  }

  String password() {
    return password;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 401 && cookie == null && !path.equals("/health")) {
      signIn();
      return get(path);
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return Json.MAPPER.readTree(r.body());
  }

  private void signIn() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(
            Map.of("username", OPERATOR, "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
    String c = r.headers().firstValue("Set-Cookie")
        .orElseThrow(() -> new IllegalStateException("sign-in answered " + r.statusCode() + ": " + r.body()));
    cookie = c.substring(0, c.indexOf(';'));
  }

  /** The state of the post's active (not resolved) alert of that type, or null when there is none. */
  String activeAlert(String postId, String type) throws IOException, InterruptedException {
    JsonNode listed = get("/api/alerts");
    for (JsonNode a : listed) {
      if (a.path("postId").asText().equals(postId) && a.path("type").asText().equals(type)) {
        return a.path("state").asText();
      }
    }
    // five or more POST_OFFLINEs of one district within grouping.windowS are folded behind the earliest one, which
    // the list shows alone; the board shows the others in that group
    for (JsonNode leader : listed) {
      if (leader.path("type").asText().equals(type) && leader.path("groupSize").asInt() > 1) {
        for (JsonNode a : get("/api/alerts/" + leader.path("id").asText() + "/group").path("alerts")) {
          if (a.path("postId").asText().equals(postId)) {
            return a.path("state").asText();
          }
        }
      }
    }
    return null;
  }

  /** The post's presence as the board shows it (online, offline, unknown). */
  String status(String postId) throws IOException, InterruptedException {
    return get("/api/posts/" + postId).path("status").asText();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
