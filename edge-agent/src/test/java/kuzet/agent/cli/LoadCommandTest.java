package kuzet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Every flag of {@code load} refuses nonsense before anything connects, saying which flag and why. */
class LoadCommandTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "--posts|0|--posts must be between 1 and 100000, not 0",
      "--posts|100001|--posts must be between 1 and 100000, not 100001",
      "--posts|many|Invalid value for option '--posts': 'many' is not an int",
      "--rate|-5|--rate must be 0 (as fast as possible) or more, not -5",
      "--rate|fast|Invalid value for option '--rate': 'fast' is not an int",
      "--duration|0s|--duration must be at least 1s",
      "--duration|5x|Invalid value for option '--duration': '5x' is not a duration such as 90s, 10m or 1h",
      "--duration|-1m|'-1m' is not a duration",
      "--panics-per-minute|-1|--panics-per-minute must be between 0 and 6000, not -1.0",
      "--panics-per-minute|lots|Invalid value for option '--panics-per-minute': 'lots' is not a double",
      "--connections|0|--connections must be between 1 and --posts (10), not 0",
      "--connections|11|--connections must be between 1 and --posts (10), not 11",
      "--qos|2|--qos must be 0 or 1, not 2",
      "--broker|http://hub:1883|--broker must be tcp://host:port or ssl://host:port, not 'http://hub:1883'",
      "--broker|tcp://hub|--broker must be tcp://host:port or ssl://host:port, not 'tcp://hub'",
      "--id-prefix|Almaly|--id-prefix 'Almaly' makes invalid post ids",
  })
  void aNonsensicalValueIsRefusedNamingTheFlag(String flag, String value, String message) {
    Map<String, String> flags = new LinkedHashMap<>(Map.of("--broker", "tcp://127.0.0.1:1", "--posts", "10"));
    flags.put(flag, value);
    List<String> args = new ArrayList<>(List.of("load"));
    flags.forEach((f, v) -> args.addAll(List.of(f, v)));
    StringWriter err = new StringWriter();
    assertThat(run(err, args)).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }

  @Test
  void theBrokerIsRequired() {
    StringWriter err = new StringWriter();
    assertThat(run(err, List.of("load", "--posts", "10"))).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--broker=URL'");
  }

  @Test
  void tlsFilesNeedAnSslBrokerAndACertificateNeedsItsKey() throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    StringWriter plain = new StringWriter();
    assertThat(run(plain, List.of("load", "--broker", "tcp://h:1883", "--ca", pem.toString()))).isEqualTo(2);
    assertThat(plain.toString()).contains("--ca, --cert and --key need an ssl:// --broker");
    StringWriter noKey = new StringWriter();
    assertThat(run(noKey, List.of("load", "--broker", "ssl://h:8883", "--cert", pem.toString()))).isEqualTo(2);
    assertThat(noKey.toString()).contains("--cert and --key go together");
    StringWriter missing = new StringWriter();
    assertThat(run(missing, List.of("load", "--broker", "ssl://h:8883", "--ca", dir.resolve("none.pem").toString())))
        .isEqualTo(2);
    assertThat(missing.toString()).contains("none.pem cannot be read");
    StringWriter bad = new StringWriter();
    assertThat(run(bad, List.of("load", "--broker", "ssl://h:8883", "--ca", pem.toString()))).isEqualTo(2);
    assertThat(bad.toString()).contains("TLS files: mqtt.caFile");
  }

  @Test
  void aPasswordFileNeedsAUserNameAndMustBeReadable() {
    StringWriter noUser = new StringWriter();
    assertThat(run(noUser, List.of("load", "--broker", "tcp://h:1883", "--password-file", "/etc/hostname"))).isEqualTo(2);
    assertThat(noUser.toString()).contains("--password-file needs --username");
    StringWriter missing = new StringWriter();
    assertThat(run(missing, List.of("load", "--broker", "tcp://h:1883", "--username", "load",
        "--password-file", dir.resolve("nope").toString()))).isEqualTo(2);
    assertThat(missing.toString()).contains("--password-file").contains("cannot be read");
  }

  @Test
  void anUnreachableBrokerEndsTheRunWithItsAddress() throws Exception {
    int closedPort;
    try (var s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    StringWriter err = new StringWriter();
    assertThat(run(err, List.of("load", "--broker", "tcp://127.0.0.1:" + closedPort, "--posts", "2", "--connections", "1")))
        .isEqualTo(1);
    assertThat(err.toString()).contains("cannot connect to tcp://127.0.0.1:" + closedPort);
  }

  private static int run(StringWriter err, List<String> args) {
    CommandLine cl = new CommandLine(new AgentMain());
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args.toArray(String[]::new));
  }
}
