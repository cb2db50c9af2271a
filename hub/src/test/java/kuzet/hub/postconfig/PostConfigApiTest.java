package kuzet.hub.postconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.hub.auth.Argon2Passwords;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.OperatorService;
import kuzet.hub.auth.OperatorStore;
import kuzet.hub.auth.Role;
import kuzet.hub.auth.SessionAccess;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.OnMessage;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.Birth;
import kuzet.protocol.CommandAck;
import kuzet.protocol.PostConfig;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Posts' settings through the REST API of a hub on a real Mosquitto: what an admin may change and the clear refusals
 * of everything else, the retained CONFIG each post gets, the audit entry, the post's answer, and a CONFIG sent again
 * to a post whose birth reports another version after the retained copy was cleared.
 */
class PostConfigApiTest {
  private static final String PASSWORD = "config-test-password-1";
  private static final ProtocolCodec CODEC = ProtocolCodec.defaults();
  @TempDir
  static Path dir;
  static TestBroker broker;
  static HubHarness hub;
  static SessionAccess access;
  static MqttClient post;
  static final List<PostConfig> CONFIGS = new CopyOnWriteArrayList<>();
  static String[] admin;
  static String[] operator;

  @BeforeAll
  static void start() throws Exception {
    broker = TestBroker.mosquitto(dir.resolve("broker"));
    hub = new HubHarness(dir.resolve("hub"), broker, Map.of());
    try (JdbcPostRegistry r = JdbcPostRegistry.open(hub.config().store())) {
      r.register(post("alatau-001", "Alatau", PostType.MODULAR_POST));
      r.register(post("alatau-002", "Alatau", PostType.DISTRICT_POINT));
      r.register(post("medeu-001", "Medeu", PostType.DISTRICT_POINT));
    }
    try (OperatorStore store = OperatorStore.open(hub.config().store())) {
      OperatorService ops = new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, Clock.systemUTC());
      ops.create("test", "chief", Role.ADMIN, PASSWORD);
      ops.create("test", "duty", Role.OPERATOR, PASSWORD);
    }
    access = SessionAccess.open(hub.config().store(), AuthSettings.DEFAULT, Clock.systemUTC());
    hub.start(access);
    admin = signIn("chief");
    operator = signIn("duty");
    post = new MqttClient(broker.url(), "config-watcher", new MemoryPersistence());
    post.setCallback((OnMessage) (topic, m) -> {
      if (m.getPayload().length > 0 && CODEC.decode(topic, m.getPayload()) instanceof PostConfig pc) {
        CONFIGS.add(pc);
      }
    });
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    post.connect(o);
    post.subscribe("posts/+/config", 1);
  }

  @AfterAll
  static void stop() throws Exception {
    post.disconnect();
    post.close();
    hub.close();
    access.close();
    broker.close();
  }

  private static RegisteredPost post(String id, String district, PostType type) {
    return new RegisteredPost(new PostId(id), type, "Post " + id, district, 43.2, 76.9,
        Instant.parse("2026-11-01T00:00:00Z"), null, null, null);
  }

  /** The session cookie and the CSRF token to echo. */
  private static String[] signIn(String user) throws Exception {
    var raw = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/session"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", PASSWORD).encode()))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
    String cookie = raw.headers().firstValue("Set-Cookie").orElseThrow();
    return new String[] {cookie.substring(0, cookie.indexOf(';')), new JsonObject(raw.body()).getString("csrfToken")};
  }

  private static HubHarness.Response change(String[] who, String body) {
    return hub.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/config"))
        .header("content-type", "application/json").header("Cookie", who[0]).header(SessionAccess.CSRF_HEADER, who[1])
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private static HubHarness.Response get(String[] who, String path) {
    return hub.send(HttpRequest.newBuilder(URI.create(hub.base() + path)).header("Cookie", who[0]).GET());
  }

  @Test
  void nonsenseIsRefusedWithAClearErrorAndNothingIsPublished() throws Exception {
    long before = CONFIGS.size();
    assertThat(change(operator, "{\"post\":\"alatau-001\",\"settings\":{\"telemetry.intervalS\":60}}").status())
        .as("an operator is not an admin").isEqualTo(403);
    assertRefused(change(admin, "{\"post\":\"alatau-001\",\"settings\":{\"telemetry.interval\":60}}"), 400,
        "unknown setting 'telemetry.interval': the hub manages telemetry.intervalS, ");
    assertRefused(change(admin, "{\"post\":\"alatau-001\",\"settings\":{\"telemetry.intervalS\":0}}"), 400,
        "setting 'telemetry.intervalS': 0 is out of range [1, 3600]");
    assertRefused(change(admin, "{\"post\":\"alatau-001\",\"settings\":{\"panic.holdMs\":\"long\"}}"), 400,
        "setting 'panic.holdMs': 'long' is not a whole number");
    assertRefused(change(admin, "{\"post\":\"alatau-001\",\"settings\":{\"lighting.floodlightsHours\":\"19-7\"}}"), 400,
        "setting 'lighting.floodlightsHours': '19-7' is not a daily window");
    assertRefused(change(admin, "{\"settings\":{\"telemetry.intervalS\":60}}"), 400, "say which posts to change");
    assertRefused(change(admin, "{\"post\":\"alatau-001\",\"district\":\"Alatau\",\"settings\":{\"selftest.hour\":3}}"),
        400, "say which posts to change with exactly one of");
    assertRefused(change(admin, "{\"type\":\"kiosk\",\"settings\":{\"selftest.hour\":3}}"), 400,
        "type 'kiosk' is not one of [modular-post, district-point]");
    assertRefused(change(admin, "{\"post\":\"nowhere-9\",\"settings\":{\"selftest.hour\":3}}"), 404,
        "no post 'nowhere-9' is registered");
    assertRefused(change(admin, "{\"post\":\"alatau-001\",\"settings\":{}}"), 400, "field 'settings' must be an object");
    assertRefused(change(admin, "{\"post\":\"alatau-001\",\"settings\":{\"selftest.hour\":[3]}}"), 400,
        "setting 'selftest.hour' must be a string or a number");
    Thread.sleep(300); // a CONFIG the hub published would have reached the watcher by now
    assertThat(CONFIGS).hasSize((int) before);
  }

  private static void assertRefused(HubHarness.Response r, int status, String error) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(new JsonObject(r.body()).getString("error")).startsWith(error);
  }

  @Test
  void aDistrictChangeGivesEachOfItsPostsAnAuditedVersionedRetainedConfigAndAnAnswerIsShown() throws Exception {
    HubHarness.Response r = change(admin, "{\"district\":\"Medeu\",\"settings\":{\"telemetry.intervalS\":\"60\","
        + "\"location.latitude\":43.25}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("changed")).hasSize(1);
    PostConfig sent = await().atMost(Duration.ofSeconds(10)).until(() -> latest("medeu-001"), c -> c != null);
    assertThat(sent.configVersion()).isEqualTo(1);
    assertThat(sent.settings()).containsExactlyInAnyOrderEntriesOf(
        Map.of("telemetry.intervalS", "60", "location.latitude", "43.25"));
    assertThat(audit("medeu-001")).containsExactly("chief CONFIG version 1: location.latitude=43.25, telemetry.intervalS=60");

    assertThat(change(admin, "{\"post\":\"medeu-001\",\"settings\":{\"location.latitude\":null}}").status()).isEqualTo(200);
    PostConfig second = await().atMost(Duration.ofSeconds(10)).until(() -> latest("medeu-001"),
        c -> c != null && c.configVersion() == 2);
    assertThat(second.settings()).containsExactly(Map.entry("telemetry.intervalS", "60"));
    assertThat(status("medeu-001").getString("state")).isEqualTo("pending");

    // the post refuses it; the board reads the refusal from the post's status
    publish(new CommandAck(PostId.of("medeu-001"), Instant.now(), "boot-m", 1, second.commandId(), false,
        "refused: telemetry.intervalS: no", Map.of("reason", "INVALID_CONFIG", "key", "telemetry.intervalS",
        "configVersion", "2")), false);
    await().atMost(Duration.ofSeconds(10)).until(() -> "refused".equals(status("medeu-001").getString("state")));
    assertThat(status("medeu-001").getString("error")).isEqualTo("refused: telemetry.intervalS: no");
    assertThat(get(operator, "/api/posts/medeu-001/config").json().get("desiredVersion").asLong()).isEqualTo(2);
  }

  private static Birth.Builder birth(String bootId) {
    return Birth.builder().postId(PostId.of("alatau-001")).ts(Instant.now()).bootId(bootId).seq(0).agentVersion("0.1.0")
        .hardwareProfile("modular-post").hubReachable(true).faults(List.of());
  }

  @Test
  void aPostWhoseBirthReportsAnotherVersionGetsItsConfigAgainWithoutTheRetainedCopy() throws Exception {
    assertThat(change(admin, "{\"type\":\"modular-post\",\"settings\":{\"motion.cooldownS\":5}}").status()).isEqualTo(200);
    PostConfig first = await().atMost(Duration.ofSeconds(10)).until(() -> latest("alatau-001"), c -> c != null);
    post.publish("posts/alatau-001/config", new byte[0], 1, true); // as on a broker node that never had it
    CONFIGS.clear();
    publish(birth("boot-a").configVersion(0L).build(), true);
    PostConfig again = await().atMost(Duration.ofSeconds(10)).until(() -> latest("alatau-001"), c -> c != null);
    assertThat(again.configVersion()).isEqualTo(first.configVersion());
    assertThat(again.settings()).isEqualTo(first.settings());

    CONFIGS.clear();
    publish(birth("boot-b").configVersion(first.configVersion()).build(), true);
    await().atMost(Duration.ofSeconds(10)).until(() -> "applied".equals(status("alatau-001").getString("state")));
    assertThat(latest("alatau-001")).as("a post that runs the desired version is not sent it again").isNull();
  }

  private static PostConfig latest(String id) {
    return CONFIGS.stream().filter(c -> c.postId().value().equals(id)).reduce((a, b) -> b).orElse(null);
  }

  private static JsonObject status(String id) {
    String body = get(operator, "/api/posts").body();
    return new io.vertx.core.json.JsonArray(body).stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow().getJsonObject("config", new JsonObject());
  }

  private static void publish(kuzet.protocol.PostMessage m, boolean retained) throws Exception {
    post.publish(CODEC.topicFor(m), CODEC.encode(m), 1, retained);
  }

  private static List<String> audit(String target) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir.resolve("hub.db"));
         ResultSet rs = c.createStatement().executeQuery(
             "SELECT actor, action, detail FROM audit WHERE target = '" + target + "' ORDER BY seq")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
      return out;
    }
  }
}
