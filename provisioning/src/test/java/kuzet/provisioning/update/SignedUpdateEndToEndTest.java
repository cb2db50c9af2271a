package kuzet.provisioning.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kuzet.agent.cli.AgentMain;
import kuzet.agent.link.PemTls;
import kuzet.agent.update.InstallLayout;
import kuzet.hub.testing.HubHarness;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.release.ReleaseVersion;
import kuzet.store.Json;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Signed updates end to end: a fleet made with the CLI (fleet init, release keygen, post add --release-key), the hub
 * with its embedded broker and HTTPS, and three real agent processes, each installed in its own directory (standing
 * in for /opt/kuzet) and kept running by a {@link Supervisor} in place of systemd. The methods run in order: each
 * starts from the fleet the one before left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedUpdateEndToEndTest {
  private static final List<String> AGENTS = List.of("upd-a", "upd-b", "upd-c");
  /** Registered, never updated: a post whose panic is unresolved, played by a plain MQTT client. */
  private static final String PANICKING = "upd-panic";
  private static final Duration WAIT = Duration.ofSeconds(150);
  private Path dir;
  private Path key;
  private AgentReleases builds;
  private HubHarness hub;
  private HttpClient http;
  private String base;
  private String panicPassword;
  private final Map<String, Supervisor> agents = new LinkedHashMap<>();

  @BeforeAll
  void installAFleetWithThreeAgentsOnRelease100(@TempDir Path tmp) throws Exception {
    log("setting up");
    dir = tmp;
    Path data = dir.resolve("data");
    String init = AgentReleases.cli("fleet", "init", "--data-dir", data.toString(), "--hub-host", "localhost,127.0.0.1");
    List<String> lines = init.lines().toList();
    String hubPassword = lines.get(lines.indexOf(lines.stream().filter(l -> l.startsWith("Hub MQTT password"))
        .findFirst().orElseThrow()) + 1).strip();
    AgentReleases.cli("release", "keygen", "--out", dir.resolve("keys").toString());
    key = dir.resolve("keys/release.key");
    builds = new AgentReleases(dir.resolve("builds"));
    Path first = builds.release("1.0.0", key);
    log("release 1.0.0 signed");

    int port = MosquittoBroker.freePort();
    base = "https://127.0.0.1:" + port;
    hub = HubHarness.withEmbeddedBroker(data, Map.of("hub.id", "hub-update", "broker.username", "_hub",
        "broker.password", hubPassword, "http.port", Integer.toString(port),
        "http.tls.cert", data.resolve("fleet/web.pem").toString(), "http.tls.key", data.resolve("fleet/web.key").toString(),
        "updates.baseUrl", base, "updates.resendS", "20", "commands.timeoutS", "5"));
    Path csv = dir.resolve("posts.csv");
    Files.writeString(csv, "id,type,name,district,lat,lon\n" + String.join("", concat(AGENTS, PANICKING).stream()
        .map(id -> id + ",district-point,Post " + id + ",Almaly,43.25,76.95\n").toList()));
    AgentReleases.cli("posts", "import", "--data-dir", data.toString(), "--csv", csv.toString(), "--broker-url",
        hub.brokerUrl(), "--auth", "password", "--release-key", dir.resolve("keys/release.pub").toString(),
        "--bundles-dir", dir.resolve("bundles").toString(), "--install-dir", "/etc/kuzet");
    log("fleet provisioned");
    panicPassword = password(dir.resolve("bundles/" + PANICKING + "/agent.conf"));
    hub.start();
    log("hub started");
    http = HttpClient.newBuilder().sslContext(PemTls.context(data.resolve("fleet/web-root.pem"), null, null)).build();
    for (String id : AGENTS) {
      Path opt = dir.resolve("posts/" + id + "/opt");
      assertThat(new CommandLine(new AgentMain()).execute("install", "--bundle", first.toString(), "--public-key",
          dir.resolve("bundles/" + id + "/release.pub").toString(), "--install-dir", opt.toString())).isZero();
      Path config = dir.resolve("bundles/" + id + "/agent.conf");
      assertThat(Files.readString(config)).contains("update.publicKeyFile=/etc/kuzet/release.pub")
          .contains("update.caFile=/etc/kuzet/hub-web-ca.pem");
      Path bundle = config.getParent();
      // the bundle as copied to this machine rather than to /etc/kuzet: the same files, where they are
      Files.writeString(config, String.join("\n", "", "hardware.platform=mock",
          "update.publicKeyFile=" + bundle.resolve("release.pub"), "update.caFile=" + bundle.resolve("hub-web-ca.pem"),
          "data.dir=" + dir.resolve("posts/" + id + "/data"), "update.installDir=" + opt, "update.trialS=40",
          "selftest.hour=-1", "telemetry.intervalS=3600", "mqtt.reconnectMinMs=100", "mqtt.reconnectMaxMs=1000", ""),
          StandardOpenOption.APPEND);
      agents.put(id, new Supervisor(id, new InstallLayout(opt), config, dir.resolve("posts/" + id + ".log")));
    }
    for (String id : AGENTS) {
      await().atMost(WAIT).until(() -> "1.0.0".equals(post(id).path("currentVersion").asText(null)));
    }
    log("three agents online");
  }

  private static void log(String what) {
    System.out.println(Instant.now() + " " + what);
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (var a : agents.entrySet()) {
      a.getValue().close();
      // for a failed run: what each agent and its boot guard said last
      Path log = dir.resolve("posts/" + a.getKey() + ".log");
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      System.out.println("--- " + a.getKey() + ": exits " + a.getValue().exits + ", guard " + a.getValue().guard);
      lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(System.out::println);
    }
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  @Order(1)
  void aStagedRolloutReachesEveryAgentWhichRestartsOnTheNewReleaseButWaitsOutAnUnresolvedPanic() throws Exception {
    raisePanicAt(PANICKING);
    upload(builds.release("1.1.0", key));
    String rollout = startRollout("1.1.0", concat(AGENTS, PANICKING), 1, false).path("id").asText();
    await().atMost(WAIT).until(() -> List.of("DOWNLOADING", "INSTALLED").contains(post("upd-a").path("state").asText()));
    assertThat(line(get("/api/rollouts/" + rollout), "upd-b").path("state").asText())
        .as("the second stage while the first is installing").isEqualTo("PENDING");

    for (String id : AGENTS) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(post(id).path("state").asText()).as("%s", post(id))
          .isEqualTo("DONE"));
      JsonNode view = post(id);
      assertThat(view.path("currentVersion").asText()).isEqualTo("1.1.0");
      assertThat(view.path("onTrial").asBoolean()).isFalse();
      InstallLayout layout = new InstallLayout(dir.resolve("posts/" + id + "/opt"));
      assertThat(layout.versionOf(layout.current())).contains(ReleaseVersion.of("1.1.0"));
      assertThat(layout.versionOf(layout.stable())).contains(ReleaseVersion.of("1.1.0"));
      assertThat(agents.get(id).exits).as("exit codes of %s", id).contains(AgentMain.RESTART);
    }
    JsonNode waiting = post(PANICKING);
    assertThat(waiting.path("state").asText()).isEqualTo("WAITING");
    assertThat(waiting.path("reason").asText()).isEqualTo("PANIC_ACTIVE");

    resolvePanicAt(PANICKING);
    await().atMost(WAIT).until(() -> "SENT".equals(post(PANICKING).path("state").asText()));
  }

  @Test
  @Order(2)
  void aReleaseThatCannotStartIsRolledBackByEachAgentAndTheReasonReachesTheHub() throws Exception {
    upload(builds.broken("1.2.0", key));
    JsonNode rollout = startRollout("1.2.0", AGENTS, AGENTS.size(), false);
    for (String id : AGENTS) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(post(id).path("state").asText()).as("%s", post(id))
          .isEqualTo("ROLLED_BACK"));
      JsonNode view = post(id);
      assertThat(view.path("reason").asText()).isEqualTo("TRIAL_FAILED");
      assertThat(view.path("detail").asText()).contains("1.2.0").contains("rolled back to 1.1.0");
      await().atMost(WAIT).until(() -> "1.1.0".equals(post(id).path("currentVersion").asText()));
      InstallLayout layout = new InstallLayout(dir.resolve("posts/" + id + "/opt"));
      assertThat(layout.versionOf(layout.current())).contains(ReleaseVersion.of("1.1.0"));
      assertThat(agents.get(id).exits).as("exits of %s: the broken release's own", id).contains(1);
    }
    await().atMost(WAIT).until(() -> "HALTED".equals(get("/api/rollouts/" + rollout.path("id").asText()).path("state").asText()));
  }

  @Test
  @Order(3)
  void tamperedForeignDowngradedAndTruncatedBundlesAreRefusedWithTheirReasonAndNothingIsInstalled() throws Exception {
    AgentReleases.cli("release", "keygen", "--out", dir.resolve("other-keys").toString());
    Path tampered = builds.broken("1.3.0", key);
    AgentReleases.alter(tampered);
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("upd-a", new String[] {"1.3.0", "TAMPERED"});
    cases.put("upd-b", new String[] {"1.3.1", "WRONG_KEY"});
    cases.put("upd-c", new String[] {"0.9.0", "DOWNGRADE"});
    upload(tampered);
    upload(builds.broken("1.3.1", dir.resolve("other-keys/release.key")));
    upload(builds.broken("0.9.0", key));
    upload(builds.broken("1.3.2", key));
    Path onHub = dir.resolve("data/releases/1.3.2.kzb");
    try (FileChannel f = FileChannel.open(onHub, StandardOpenOption.WRITE)) {
      f.truncate(Files.size(onHub) / 2);
    }
    List<String> rollouts = new ArrayList<>();
    cases.forEach((id, c) -> rollouts.add(startRollout(c[0], List.of(id), 1, false).path("id").asText()));
    int i = 0;
    for (var c : cases.entrySet()) {
      assertRefused(rollouts.get(i++), c.getKey(), c.getValue()[0], c.getValue()[1]);
    }
    assertRefused(startRollout("1.3.2", List.of("upd-a"), 1, false).path("id").asText(), "upd-a", "1.3.2", "TRUNCATED");
  }

  @Test
  @Order(4)
  void everyUploadRolloutAndOutcomeIsInTheIntactAuditChain() throws Exception {
    await().atMost(WAIT).untilAsserted(() -> assertThat(audited()).contains("UPDATE_REFUSED upd-a"));
    List<String> actions = audited();
    assertThat(actions).contains("RELEASE_UPLOAD release 1.1.0", "UPDATE_WAITING " + PANICKING, "UPDATE_DONE upd-a",
        "UPDATE_ROLLED_BACK upd-b", "UPDATE_REFUSED upd-c");
    assertThat(actions).anyMatch(a -> a.startsWith("ROLLOUT_START rollout "))
        .anyMatch(a -> a.startsWith("ROLLOUT_HALTED rollout "));
    assertThat(get("/api/audit/verify").path("intact").asBoolean()).isTrue();
  }

  private List<String> audited() throws java.sql.SQLException {
    List<String> actions = new ArrayList<>();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/hub.db"));
         var rs = c.createStatement().executeQuery("SELECT action || ' ' || target FROM audit ORDER BY seq")) {
      while (rs.next()) {
        actions.add(rs.getString(1));
      }
    }
    return actions;
  }

  private void assertRefused(String rolloutId, String id, String version, String reason) {
    await().atMost(WAIT).until(() -> "REFUSED".equals(line(get("/api/rollouts/" + rolloutId), id).path("state").asText()));
    JsonNode line = line(get("/api/rollouts/" + rolloutId), id);
    assertThat(line.path("reason").asText()).as("%s refusing %s: %s", id, version, line).isEqualTo(reason);
    assertThat(post(id).path("reason").asText()).isEqualTo(reason);
    InstallLayout layout = new InstallLayout(dir.resolve("posts/" + id + "/opt"));
    assertThat(layout.version(ReleaseVersion.of(version))).doesNotExist();
    assertThat(layout.versionOf(layout.current())).contains(ReleaseVersion.of("1.1.0"));
  }

  private void raisePanicAt(String id) throws Exception {
    MqttClient c = new MqttClient(hub.brokerUrl(), id, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(id);
    o.setPassword(panicPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    c.connect(o);
    ProtocolCodec codec = ProtocolCodec.defaults();
    Event panic = new Event(PostId.of(id), Instant.now(), "panic-boot", 1, UUID.randomUUID(), EventKind.PANIC,
        UUID.randomUUID(), Map.of());
    c.publish(codec.topicFor(panic), codec.encode(panic), 1, false);
    c.disconnect();
    c.close();
    await().atMost(WAIT).until(() -> panicAlert(id) != null);
  }

  private void resolvePanicAt(String id) throws Exception {
    String alert = panicAlert(id);
    send("POST", "/api/alerts/" + alert + "/resolve", "{\"note\":\"false alarm, checked\"}", 200);
  }

  private String panicAlert(String id) {
    for (JsonNode a : get("/api/alerts")) {
      if (id.equals(a.path("postId").asText()) && "PANIC".equals(a.path("type").asText())) {
        return a.path("id").asText();
      }
    }
    return null;
  }

  private void upload(Path bundle) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/releases"))
        .PUT(HttpRequest.BodyPublishers.ofFile(bundle)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("upload of %s: %s", bundle.getFileName(), r.body()).isEqualTo(201);
  }

  private JsonNode startRollout(String version, List<String> posts, int firstStage, boolean allowDowngrade) {
    String body = "{\"version\":\"" + version + "\",\"posts\":" + Json.write(posts) + ",\"firstStage\":" + firstStage
        + ",\"allowDowngrade\":" + allowDowngrade + "}";
    return send("POST", "/api/rollouts", body, 201);
  }

  private static JsonNode line(JsonNode rollout, String id) {
    for (JsonNode p : rollout.path("posts")) {
      if (id.equals(p.path("postId").asText())) {
        return p;
      }
    }
    throw new AssertionError(id + " is not in " + rollout);
  }

  private JsonNode post(String id) {
    return get("/api/posts/" + id + "/update");
  }

  private JsonNode get(String path) {
    return send("GET", path, null, 200);
  }

  private JsonNode send(String method, String path, String body, int status) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type",
          "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(status);
      return Json.MAPPER.readTree(r.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  private static String password(Path agentConf) throws IOException {
    java.util.Properties p = new java.util.Properties();
    try (var r = Files.newBufferedReader(agentConf)) {
      p.load(r);
    }
    return p.getProperty("mqtt.password");
  }

  private static List<String> concat(List<String> ids, String more) {
    List<String> all = new ArrayList<>(ids);
    all.add(more);
    return all;
  }
}
