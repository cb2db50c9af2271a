package kuzet.provisioning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kuzet.brokeraccount.HubAccount;
import kuzet.brokeraccount.MosquittoPasswordHash;
import kuzet.registry.RegisteredPost;
import kuzet.registry.JdbcPostRegistry;
import kuzet.protocol.PostId;
import kuzet.provisioning.ca.Pem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetAndPostCommandsTest {
  @TempDir
  Path dir;

  Path data;
  String hubPassword;

  @BeforeEach
  void initFleet() {
    data = dir.resolve("data");
    CliRun init = CliRun.of("fleet", "init", "--data-dir", data.toString(), "--hub-host", "hub.example.kz,10.0.0.5");
    assertThat(init.exit()).as(init.err()).isZero();
    List<String> lines = init.out().lines().toList();
    hubPassword = lines.get(lines.indexOf(lines.stream().filter(l -> l.startsWith("Hub MQTT password"))
        .findFirst().orElseThrow()) + 1).strip();
  }

  /** {@code post add} with valid defaults; {@code extra} are option/value pairs that replace or add to them. */
  CliRun add(String id, String... extra) {
    java.util.Map<String, String> opts = new java.util.LinkedHashMap<>();
    opts.put("--data-dir", data.toString());
    opts.put("--id", id);
    opts.put("--type", "district-point");
    opts.put("--name", "Dostyk 12");
    opts.put("--district", "Medeu");
    opts.put("--lat", "43.23");
    opts.put("--lon", "76.95");
    opts.put("--broker-url", "ssl://hub.example.kz:8883");
    opts.put("--bundles-dir", dir.resolve("bundles").toString());
    for (int i = 0; i < extra.length; i += 2) {
      opts.put(extra[i], extra[i + 1]);
    }
    List<String> args = new java.util.ArrayList<>(List.of("post", "add"));
    opts.forEach((k, v) -> {
      args.add(k);
      args.add(v);
    });
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : new String[][] {{}, {"fleet"}, {"fleet", "init"}, {"post"}, {"post", "add"},
        {"post", "revoke"}, {"posts"}, {"posts", "import"}, {"broker"}, {"broker", "export"}}) {
      String[] args = Stream.concat(Stream.of(cmd), Stream.of("--help")).toArray(String[]::new);
      CliRun run = CliRun.of(args);
      assertThat(run.exit()).as(List.of(args).toString()).isZero();
      assertThat(run.out()).as(List.of(args).toString()).contains("Usage:");
    }
  }

  @Test
  void missingOrUnknownCommandIsAUsageError() {
    assertThat(CliRun.of().exit()).isEqualTo(2);
    assertThat(CliRun.of("fleet").err()).contains("a fleet command is required");
    CliRun unknown = CliRun.of("fleet", "destroy");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("destroy");
  }

  @Test
  void fleetInitKeepsKeysOwnerOnlyPrintsNoKeyAndStoresOnlyTheHubPasswordsHash() throws Exception {
    Path fleet = data.resolve("fleet");
    for (String f : List.of("ca.key", "hub.key", "hub-account", "hub.p12", "hub.p12.password", "ca.p12.password")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fleet.resolve(f)))).as(f)
          .isEqualTo("rw-------");
    }
    HubAccount account = HubAccount.read(fleet.resolve("hub-account"));
    assertThat(account.username()).isEqualTo("_hub");
    assertThat(account.accepts(hubPassword)).isTrue();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain(hubPassword);
      }
    }
  }

  @Test
  void fleetInitNeverPrintsAPrivateKeyAndRefusesToOverwriteTheCa() throws Exception {
    String caKey = Files.readString(data.resolve("fleet/ca.key"));
    CliRun again = CliRun.of("fleet", "init", "--data-dir", data.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");
    assertThat(Files.readString(data.resolve("fleet/ca.key"))).isEqualTo(caKey);
    CliRun fresh = CliRun.of("fleet", "init", "--data-dir", dir.resolve("other").toString());
    assertThat(fresh.out() + fresh.err()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void badHubHostIsRefused() {
    CliRun run = CliRun.of("fleet", "init", "--data-dir", dir.resolve("x").toString(), "--hub-host", "bad host!");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("--hub-host 'bad host!'");
  }

  @Test
  void postAddRegistersThePostAndWritesABundleWithCertKeyCaAndConfig() throws Exception {
    CliRun run = add("medeu-0001");
    assertThat(run.exit()).as(run.err()).isZero();
    Path bundle = dir.resolve("bundles/medeu-0001");
    Properties config = new Properties();
    try (var r = Files.newBufferedReader(bundle.resolve("agent.conf"))) {
      config.load(r);
    }
    String password = config.getProperty("mqtt.password");
    assertThat(run.out()).contains(password).doesNotContain("PRIVATE KEY");
    assertThat(config.getProperty("post.id")).isEqualTo("medeu-0001");
    assertThat(config.getProperty("hardware.profile")).isEqualTo("district-point");
    assertThat(config.getProperty("mqtt.url")).isEqualTo("ssl://hub.example.kz:8883");
    assertThat(config.getProperty("mqtt.keyFile")).isEqualTo("/etc/kuzet/post.key");
    for (String f : List.of("agent.conf", "post.key")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.resolve(f)))).isEqualTo("rw-------");
    }
    var cert = Pem.readCertificate(bundle.resolve("post.pem"));
    cert.verify(Pem.readCertificate(bundle.resolve("ca.pem")).getPublicKey());
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=medeu-0001");
    assertThat(Files.readString(bundle.resolve("post.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

    try (JdbcPostRegistry registry = JdbcPostRegistry.open(kuzet.store.StoreSettings.sqlite(data.resolve("hub.db")))) {
      RegisteredPost p = registry.find(new PostId("medeu-0001")).orElseThrow();
      assertThat(MosquittoPasswordHash.verify(password, p.mqttPasswordHash())).isTrue();
      assertThat(p.certificateSerial()).isEqualTo(cert.getSerialNumber().toString(16));
      assertThat(p.district()).isEqualTo("Medeu");
    }
  }

  @Test
  void registryAndFleetDirOptionsOverrideTheDataDir() throws Exception {
    Path registry = dir.resolve("elsewhere/posts.db");
    CliRun run = add("medeu-0009", "--data-dir", dir.resolve("unused").toString(), "--registry", registry.toString(),
        "--fleet-dir", data.resolve("fleet").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    try (JdbcPostRegistry r = JdbcPostRegistry.open(kuzet.store.StoreSettings.sqlite(registry))) {
      assertThat(r.find(new PostId("medeu-0009"))).isPresent();
    }
    assertThat(Files.exists(dir.resolve("unused/hub.db"))).isFalse();
  }

  /** Runs only once the edge agent's code is on the test classpath (it is a test dependency of this module). */
  @Test
  void theEdgeAgentAcceptsTheBundlesConfig() throws Exception {
    Class<?> loader;
    try {
      loader = Class.forName("kuzet.agent.config.ConfigLoader");
    } catch (ClassNotFoundException notMergedYet) {
      org.junit.jupiter.api.Assumptions.abort("edge agent classes not on the classpath");
      return;
    }
    Path bundle = dir.resolve("bundles/medeu-0010");
    assertThat(add("medeu-0010", "--install-dir", bundle.toAbsolutePath().toString()).exit()).isZero();
    Object config = loader.getMethod("load", Path.class, java.util.Map.class)
        .invoke(null, bundle.resolve("agent.conf"), java.util.Map.of());
    assertThat(config.toString()).contains("medeu-0010");
  }

  @Test
  void certOnlyPostsGetNoPassword() throws Exception {
    CliRun run = add("medeu-0002", "--auth", "cert");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("bundles/medeu-0002/agent.conf"))).doesNotContain("mqtt.password");
  }

  @Test
  void badPostArgumentsAreNamedInTheError() {
    assertError(add("Bad_Id"), 1, "postId 'Bad_Id' is not valid");
    assertError(add("medeu-0003", "--type", "kiosk"), 1, "post type 'kiosk' is not known");
    assertError(add("medeu-0003", "--lat", "91"), 1, "latitude 91.0 is out of range");
    assertError(add("medeu-0003", "--lon", "east"), 2, "'--lon'");
    assertError(add("medeu-0003", "--auth", "token"), 1, "--auth 'token'");
    assertError(add("medeu-0003", "--broker-url", "http://hub:80"), 1, "broker URL 'http://hub:80'");
    assertError(add("medeu-0003", "--broker-url", "tcp://hub:1883", "--auth", "cert"), 1, "plain TCP");
    assertError(add("medeu-0003", "--install-dir", "relative/dir"), 1, "absolute path");
    assertError(CliRun.of("post", "add", "--data-dir", data.toString(), "--id", "x-1"), 2, "Missing required option");
    assertThat(add("medeu-0004").exit()).isZero();
    assertError(add("medeu-0004"), 1, "already registered");
    assertError(add("medeu-0005", "--fleet-dir", dir.resolve("nowhere").toString()), 1, "no fleet CA");
  }

  @Test
  void revokeRemovesThePasswordHashAndRefusesUnknownOrRepeatedRevocation() {
    assertThat(add("medeu-0006").exit()).isZero();
    CliRun revoke = CliRun.of("post", "revoke", "--data-dir", data.toString(), "--id", "medeu-0006");
    assertThat(revoke.exit()).as(revoke.err()).isZero();
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(kuzet.store.StoreSettings.sqlite(data.resolve("hub.db")))) {
      RegisteredPost p = registry.find(new PostId("medeu-0006")).orElseThrow();
      assertThat(p.active()).isFalse();
      assertThat(p.mqttPasswordHash()).isNull();
      assertThat(registry.revokedCertificateSerials()).contains(p.certificateSerial());
    }
    assertError(CliRun.of("post", "revoke", "--data-dir", data.toString(), "--id", "medeu-0006"), 1, "already revoked");
    assertError(CliRun.of("post", "revoke", "--data-dir", data.toString(), "--id", "ghost-1"), 1,
        "no post 'ghost-1' is registered");
    assertError(CliRun.of("post", "revoke", "--data-dir", data.toString(), "--id", "BAD"), 1, "postId 'BAD'");
  }

  @Test
  void brokerExportLeavesRevokedPostsOutAndStatesTheRules() throws Exception {
    assertThat(add("medeu-0007").exit()).isZero();
    assertThat(add("medeu-0008").exit()).isZero();
    assertThat(CliRun.of("post", "revoke", "--data-dir", data.toString(), "--id", "medeu-0008").exit()).isZero();
    Path out = dir.resolve("mosquitto");
    CliRun run = CliRun.of("broker", "export", "--data-dir", data.toString(), "--mosquitto", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    String passwords = Files.readString(out.resolve("password_file"));
    assertThat(passwords).containsPattern("(?m)^medeu-0007:\\$7\\$101\\$").doesNotContain("medeu-0008", "_hub");
    assertThat(Files.readString(out.resolve("hub_password_file"))).containsPattern("^_hub:\\$7\\$")
        .doesNotContain("medeu-0007");
    assertThat(Files.readString(out.resolve("acl_file")))
        .contains("pattern write posts/%u/events", "pattern read posts/%u/commands", "pattern read posts/_hub/status",
            "user _hub", "topic read posts/#", "topic write posts/+/commands");
    assertThat(Files.readString(out.resolve("kuzet.conf")))
        .contains("allow_anonymous false", "require_certificate true", "use_identity_as_username true", "use_username_as_clientid true", "listener 8883");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("hub.key")))).isEqualTo("rw-------");
  }

  @Test
  void badBrokerExportArgumentsAreNamed() {
    String out = dir.resolve("m").toString();
    assertError(CliRun.of("broker", "export", "--data-dir", data.toString(), "--mosquitto", out, "--tls-port", "0"), 1,
        "TLS port 0");
    assertError(CliRun.of("broker", "export", "--data-dir", data.toString(), "--mosquitto", out, "--tls-port", "x"), 2,
        "'--tls-port'");
    assertError(CliRun.of("broker", "export", "--data-dir", data.toString(), "--mosquitto", out,
        "--topic-root", "a/#"), 1, "topic root 'a/#'");
    assertError(CliRun.of("broker", "export", "--data-dir", data.toString(), "--mosquitto", out,
        "--password-port", "8883"), 1, "three different ports");
    assertError(CliRun.of("broker", "export", "--data-dir", data.toString()), 2, "missing --dir DIR");
  }

  private static void assertError(CliRun run, int exit, String message) {
    assertThat(run.exit()).as("exit code; stderr: " + run.err()).isEqualTo(exit);
    assertThat(run.err()).contains(message);
  }
}
