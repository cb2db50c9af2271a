package kuzet.hub.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What one benchmark run does, from {@code -Dbench.*} system properties (the Maven profile passes them on).
 *
 * @param broker {@code embedded} (the hub's HiveMQ CE) or {@code mosquitto} (Debian's, as an external broker)
 * @param rate telemetry messages per second the generator aims at; 0 publishes as fast as the brokers acknowledge
 * @param qos QoS of the telemetry: 0 as the protocol sends it (Channel.TELEMETRY), or 1
 * @param panicsPerSecond PANIC presses per second while the load runs (each a new incident, timed to the SSE event)
 * @param hubHeapMb the hub JVM's -Xmx in place of the production flags' (hub/packaging/hub-jvm.flags); 0: theirs
 * @param persistence the embedded broker's {@code broker.embedded.persistence}: file or in-memory
 * @param hubConnections the hub's {@code mqtt.telemetryConnections}
 * @param jfr record a Java Flight Recording of the hub process (hub/target/bench/*.jfr)
 */
public record BenchSettings(String broker, int posts, int connections, int rate, int qos, int seconds,
                            int warmupSeconds, double panicsPerSecond, int hubHeapMb, boolean jfr, String persistence,
                            int hubConnections, Path workDir) {

  public BenchSettings {
    if (!broker.equals("embedded") && !broker.equals("mosquitto")) {
      throw new IllegalArgumentException("bench.broker must be embedded or mosquitto, not '" + broker + "'");
    }
    require(posts >= 1 && posts <= 100_000, "bench.posts must be in [1, 100000]");
    require(connections >= 1 && connections <= posts, "bench.connections must be in [1, bench.posts]");
    require(rate >= 0, "bench.rate must be 0 (as fast as possible) or more");
    require(qos == 0 || qos == 1, "bench.qos must be 0 or 1");
    require(seconds >= 1, "bench.seconds must be at least 1");
    require(warmupSeconds >= 0, "bench.warmup must be 0 or more");
    require(panicsPerSecond > 0 && panicsPerSecond <= 100, "bench.panics must be in (0, 100]");
    require(hubHeapMb == 0 || hubHeapMb >= 64, "bench.hubHeapMb must be 0 (the production flags) or at least 64");
  }

  public static BenchSettings fromSystemProperties() {
    return new BenchSettings(
        System.getProperty("bench.broker", "embedded").toLowerCase(Locale.ROOT),
        Integer.getInteger("bench.posts", 1_000),
        Integer.getInteger("bench.connections", 8),
        Integer.getInteger("bench.rate", 30_000),
        Integer.getInteger("bench.qos", 0),
        Integer.getInteger("bench.seconds", 60),
        Integer.getInteger("bench.warmup", 10),
        Double.parseDouble(System.getProperty("bench.panics", "2")),
        Integer.getInteger("bench.hubHeapMb", 0),
        Boolean.getBoolean("bench.jfr"),
        System.getProperty("bench.persistence", "file"),
        Integer.getInteger("bench.hubConnections", 1),
        Path.of(System.getProperty("bench.dir", "target/bench")));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
