package kuzet.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import kuzet.agent.config.ConfigException;
import kuzet.agent.link.PemTls;
import kuzet.agent.load.LoadGenerator;
import kuzet.agent.load.LoadPlan;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code edge-agent.jar load}: a fleet's worth of protocol-correct telemetry and PANIC presses against any MQTT
 * broker, to size a hub's server before buying it (docs/benchmarks.md, "Sizing a server").
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Publishes a simulated fleet's TELEMETRY (and PANIC presses) to a broker for a while, and prints",
        "what it sent each second and in total. The posts must be registered with the hub under test, or the",
        "hub must register them on first contact (hub.demo=true); every PANIC opens a real alert."})
final class LoadCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(s|m|h)?");

  @Spec
  CommandSpec spec;

  @Option(names = "--broker", required = true, paramLabel = "URL", description = "tcp://host:port or ssl://host:port")
  String broker;
  @Option(names = "--posts", defaultValue = "1000", description = "simulated posts, 1..100000 (default ${DEFAULT-VALUE})")
  int posts;
  @Option(names = "--rate", defaultValue = "1000",
      description = "TELEMETRY messages per second over the fleet; 0: as fast as the broker takes them (default ${DEFAULT-VALUE})")
  int rate;
  @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "how long to publish: 90s, 10m, 1h (default ${DEFAULT-VALUE})")
  Duration duration;
  @Option(names = "--panics-per-minute", defaultValue = "0",
      description = "PANIC presses per minute over the fleet, QoS 1, each a new incident (default ${DEFAULT-VALUE})")
  double panicsPerMinute;
  @Option(names = "--connections", defaultValue = "8",
      description = "MQTT connections sharing the posts, 1..posts (default ${DEFAULT-VALUE})")
  int connections;
  @Option(names = "--qos", defaultValue = "0", description = "TELEMETRY QoS, 0 (as posts send it) or 1 (default ${DEFAULT-VALUE})")
  int qos;
  @Option(names = "--id-prefix", defaultValue = "load", description = "post ids are PREFIX-0000 .. (default ${DEFAULT-VALUE})")
  String idPrefix;
  @Option(names = "--username", description = "MQTT user name")
  String username;
  @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the MQTT password")
  Path passwordFile;
  @Option(names = "--ca", paramLabel = "PEM", description = "CA certificate(s) to trust for ssl:// (default: the JVM's)")
  Path ca;
  @Option(names = "--cert", paramLabel = "PEM", description = "client certificate for ssl:// (with --key)")
  Path cert;
  @Option(names = "--key", paramLabel = "PEM", description = "the client certificate's PKCS#8 private key")
  Path key;

  @Override
  public Integer call() throws Exception {
    LoadPlan plan = plan();
    PrintWriter out = spec.commandLine().getOut();
    LoadGenerator load;
    try {
      load = new LoadGenerator(plan, Clock.systemUTC());
    } catch (MqttException e) {
      spec.commandLine().getErr().printf("cannot connect to %s: %s%n", broker, e.getMessage());
      return 1;
    }
    try (load) {
      return new LoadReport(load, out).run(duration, broker);
    }
  }

  private LoadPlan plan() throws IOException {
    require(rate >= 0, "--rate must be 0 (as fast as possible) or more, not " + rate);
    require(posts >= 1 && posts <= LoadPlan.MAX_POSTS, "--posts must be between 1 and " + LoadPlan.MAX_POSTS + ", not " + posts);
    require(connections >= 1 && connections <= posts,
        "--connections must be between 1 and --posts (" + posts + "), not " + connections);
    require(qos == 0 || qos == 1, "--qos must be 0 or 1, not " + qos);
    require(!duration.isZero(), "--duration must be at least 1s");
    require(panicsPerMinute >= 0 && panicsPerMinute <= 6_000,
        "--panics-per-minute must be between 0 and 6000, not " + panicsPerMinute);
    require(broker.matches("(tcp|ssl)://([^/:\\[\\]]+|\\[[0-9a-fA-F:]+\\]):\\d{1,5}"), "--broker must be tcp://host:port or ssl://host:port, not '" + broker + "'");
    require(ca == null && cert == null && key == null || broker.startsWith("ssl://"), "--ca, --cert and --key need an ssl:// --broker");
    require((cert == null) == (key == null), "--cert and --key go together");
    require(passwordFile == null || username != null, "--password-file needs --username");
    try {
      LoadPlan.postId(idPrefix, 0);
      return new LoadPlan(broker, posts, connections, rate, qos, panicsPerMinute, idPrefix, username, password(), tls());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--id-prefix '" + idPrefix + "' makes invalid post ids: " + e.getMessage());
    }
  }

  private String password() throws IOException {
    if (passwordFile == null) {
      return null;
    }
    require(Files.isReadable(passwordFile), "--password-file " + passwordFile + " cannot be read");
    return Files.readAllLines(passwordFile).stream().findFirst().orElse("");
  }

  private SocketFactory tls() {
    if (!broker.startsWith("ssl://")) {
      return null;
    }
    for (Path p : new Path[] {ca, cert, key}) {
      require(p == null || Files.isReadable(p), p + " cannot be read");
    }
    try {
      return PemTls.socketFactory(ca, cert, key);
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), "TLS files: " + e.getMessage());
    }
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }

  /** 90s, 10m, 1h, or plain seconds. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 10m or 1h");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }
}
