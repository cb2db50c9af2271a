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
    Path data = dir.resolve("data");
    Path bundles = dir.resolve("bundles");
    String out = cli("fleet", "init", "--data-dir", data.toString(), "--hub-host", "localhost,127.0.0.1");
    List<String> lines = out.lines().toList();
    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("Hub MQTT password")).findFirst().orElseThrow());
    TestFleet fleet = new TestFleet(data, bundles, lines.get(at + 1).strip());
    for (String id : postIds) {
      cli("post", "add", "--data-dir", data.toString(), "--id", id, "--type", "modular-post", "--name", "Post " + id,
          "--district", "Almaly", "--lat", "43.25", "--lon", "76.95", "--broker-url", "ssl://127.0.0.1:8883",
          "--bundles-dir", bundles.toString());
      Properties config = new Properties();
      try (var r = Files.newBufferedReader(bundles.resolve(id).resolve("agent.conf"))) {
        config.load(r);
      }
      fleet.passwords.put(id, config.getProperty("mqtt.password"));
    }
    return fleet;
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
