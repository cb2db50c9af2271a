package kuzet.provisioning.lockdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kuzet.provisioning.cli.KuzetProvision;

/** A fleet set up through the CLI exactly as an installer would: fleet init, then post add per post. */
final class TestFleet {
  final Path dataDir;
  final Path bundles;
  final String hubPassword;
  final Map<String, String> passwords = new LinkedHashMap<>();

  private TestFleet(Path dataDir, Path bundles, String hubPassword) {
    this.dataDir = dataDir;
    this.bundles = bundles;
    this.hubPassword = hubPassword;
  }

  static TestFleet create(Path dir, List<String> postIds) throws Exception {
    TestFleet fleet = init(dir);
    for (String id : postIds) {
      fleet.add(id, "ssl://127.0.0.1:8883", "both");
    }
    return fleet;
  }

  /** {@code fleet init}, keeping the hub password it prints once. */
  static TestFleet init(Path dir) {
    Path data = dir.resolve("data");
    Path bundles = dir.resolve("bundles");
    String out = cli("fleet", "init", "--data-dir", data.toString(), "--hub-host", "localhost,127.0.0.1");
    List<String> lines = out.lines().toList();
    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("Hub MQTT password")).findFirst().orElseThrow());
    return new TestFleet(data, bundles, lines.get(at + 1).strip());
  }

  /**
   * {@code post add} with {@code --auth cert|password|both}; the bundle's paths point at the bundle itself, as if
   * it had been copied to the Pi's install directory.
   */
  void add(String id, String brokerUrl, String auth) throws Exception {
    cli("post", "add", "--data-dir", dataDir.toString(), "--id", id, "--type", "modular-post", "--name", "Post " + id,
        "--district", "Almaly", "--lat", "43.25", "--lon", "76.95", "--broker-url", brokerUrl, "--auth", auth,
        "--bundles-dir", bundles.toString(), "--install-dir", bundle(id).toAbsolutePath().toString());
    Properties config = new Properties();
    try (var r = Files.newBufferedReader(bundle(id).resolve("agent.conf"))) {
      config.load(r);
    }
    if (config.getProperty("mqtt.password") != null) {
      passwords.put(id, config.getProperty("mqtt.password"));
    }
  }

  /** Runs the CLI and returns its stdout; fails the test on a non-zero exit. */
  static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KuzetProvision.commandLine(Clock.systemUTC(), new SecureRandom(), new PrintWriter(out),
        new PrintWriter(err)).execute(args);
    assertThat(code).as("exit code of %s, stderr: %s", List.of(args), err).isZero();
    return out.toString();
  }

  Path fleetDir() {
    return dataDir.resolve("fleet");
  }

  Path registry() {
    return dataDir.resolve("hub.db");
  }

  Path bundle(String id) {
    return bundles.resolve(id);
  }

  static List<String> ids(String prefix, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("%s-%02d", prefix, i));
    }
    return ids;
  }
}
