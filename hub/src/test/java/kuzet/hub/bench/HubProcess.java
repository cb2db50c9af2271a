package kuzet.hub.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import kuzet.hub.testing.HubHttp;
import kuzet.protocol.testing.MosquittoBroker;

/**
 * The hub under test as its own JVM ({@code kuzet.hub.HubMain run}), so that its memory and CPU are its
 * own and not the load generator's, with either its embedded HiveMQ or a Mosquitto process as the broker.
 */
final class HubProcess implements AutoCloseable {
  private final Path dir;
  private final int httpPort;
  private final int brokerPort;
  private final int questDbPort;
  private Process mosquitto;
  private Process hub;

  /** The production JVM options, as the systemd unit passes them (the benchmark runs with the shipped budget). */
  static final Path JVM_FLAGS = Path.of("packaging/hub-jvm.flags");
  /** The systemd unit, whose {@code Environment=} lines (glibc's malloc settings) the benchmarks' hub gets too. */
  static final Path UNIT = Path.of("packaging/kuzet-hub.service");

  /** The unit's {@code Environment=NAME=value} lines, one variable each. */
  static java.util.Map<String, String> unitEnvironment() throws IOException {
    java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(UNIT)) {
      if (line.startsWith("Environment=")) {
        String assignment = line.substring("Environment=".length()).strip();
        int eq = assignment.indexOf('=');
        if (eq < 1 || assignment.contains(" ")) {
          throw new IllegalStateException(UNIT + ": one NAME=value per Environment= line, not '" + line + "'");
        }
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      }
    }
    return env;
  }

  HubProcess(Path dir) throws IOException {
    this.dir = dir;
    this.httpPort = MosquittoBroker.freePort();
    this.brokerPort = MosquittoBroker.freePort();
    this.questDbPort = MosquittoBroker.freePort();
  }

  /** The hub's own log (standard output and error). */
  Path log() {
    return dir.resolve("hub.log");
  }

  Path dataDir() {
    return dir.resolve("hub-data");
  }

  String brokerUrl() {
    return "tcp://127.0.0.1:" + brokerPort;
  }

  String base() {
    return "http://127.0.0.1:" + httpPort;
  }

  String questDb() {
    return "http://127.0.0.1:" + questDbPort;
  }

  /** /metrics answers only with this token (or an admin's session). */
  static final String METRICS_TOKEN = "bench-metrics-token-1234";

  /** The hub's /metrics scrape. */
  String metrics() {
    return HubHttp.get(base() + "/metrics", "Authorization", "Bearer " + METRICS_TOKEN).body();
  }

  long pid() {
    return hub.pid();
  }

  /** Starts the broker (Mosquitto) if external, then the hub; returns once /health says the broker is up. */
  void start(BenchSettings s) throws IOException, InterruptedException {
    List<String> props = new ArrayList<>(List.of(
        "hub.dataDir=" + dataDir().toAbsolutePath(),
        "http.port=" + httpPort,
        "telemetry.embedded.port=" + questDbPort,
        "mqtt.telemetryConnections=" + s.hubConnections(),
        "metrics.token=" + METRICS_TOKEN));
    if (s.broker().equals("mosquitto")) {
      startMosquitto();
      props.add("broker.embedded=false");
      props.add("broker.url=" + brokerUrl());
    } else {
      props.add("broker.embedded.port=" + brokerPort);
      props.add("broker.embedded.persistence=" + s.persistence());
      // the benchmark's load generator is not provisioned: measure ingest without the device lock-down
      props.add("broker.auth=none");
    }
    Path config = Files.write(dir.resolve("hub.properties"), props);
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "@" + JVM_FLAGS.toAbsolutePath()));
    if (s.hubHeapMb() > 0) {
      // after the file: the last -Xmx wins
      cmd.addAll(List.of("-Xmx" + s.hubHeapMb() + "m", "-Xms" + s.hubHeapMb() + "m"));
    }
    if (s.jfr()) {
      cmd.add("-XX:StartFlightRecording=filename=" + dir.resolve("hub.jfr").toAbsolutePath() + ",settings=profile");
    }
    cmd.addAll(List.of("-cp", hubClassPath(), "kuzet.hub.HubMain", "run", "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(cmd);
    builder.environment().putAll(unitEnvironment());
    hub = builder.redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!hub.isAlive()) {
        throw new IllegalStateException("the hub exited with " + hub.exitValue() + "; see " + dir.resolve("hub.log"));
      }
      try {
        if (HubHttp.get(base() + "/health").json().path("checks").path("broker").asText().equals("UP")) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the hub did not come up within 120 s; see " + dir.resolve("hub.log"));
  }

  private void startMosquitto() throws IOException, InterruptedException {
    // Not the test fixture: it logs every message (log_type all), which would measure the log, not the broker.
    Path mdir = Files.createDirectories(dir.resolve("mosquitto"));
    Path conf = Files.write(mdir.resolve("mosquitto.conf"), List.of(
        "listener " + brokerPort + " 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "log_dest file " + mdir.resolve("mosquitto.log").toAbsolutePath(),
        "log_type error",
        "log_type warning",
        "max_queued_messages 1000000",
        "max_inflight_messages 100"));
    mosquitto = new ProcessBuilder(MosquittoBroker.executable(), "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(mdir.resolve("mosquitto.out").toFile()).start();
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket probe = new java.net.Socket("127.0.0.1", brokerPort)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("mosquitto did not listen on " + brokerPort);
  }

  /** The hub's resident set (current and peak) in MiB, from /proc. */
  long[] rssMib() throws IOException {
    long rss = 0;
    long hwm = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + hub.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line) / 1024;
      } else if (line.startsWith("VmHWM:")) {
        hwm = kib(line) / 1024;
      }
    }
    return new long[] {rss, hwm};
  }

  /** CPU seconds (user + system) the hub process and the broker process (Mosquitto only) have used. */
  double[] cpuSeconds() throws IOException {
    return new double[] {cpu(hub.pid()), mosquitto == null ? 0 : cpu(mosquitto.pid())};
  }

  private static double cpu(long pid) throws IOException {
    return cpuOfStat(Files.readString(Path.of("/proc/" + pid + "/stat")));
  }

  private static double cpuOfStat(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
  }

  /**
   * CPU seconds of the hub's live threads, summed by thread name with its numbering removed ("questdb-shared-3" and
   * "questdb-shared-0" are one group), so that the summary can say where the CPU went and leave the store's threads
   * out of the hub's cost per message. A thread that ended is missing here, but not from {@link #cpuSeconds()}.
   */
  java.util.Map<String, Double> cpuByThreadGroup() throws IOException {
    java.util.Map<String, Double> groups = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + hub.pid() + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          groups.merge(name.replaceAll("[-#_ ]*[0-9]+$", ""), cpuOfStat(stat), Double::sum);
        } catch (java.nio.file.NoSuchFileException ended) {
          // the thread ended between the listing and the read
        }
      }
    }
    return groups;
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** The test class path minus test classes and test jars: what the hub's own jar would hold. */
  private static String hubClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> !p.endsWith("test-classes") && !p.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (hub != null) {
      hub.destroy(); // SIGTERM: the hub's shutdown hook flushes the telemetry writer and stops QuestDB
      if (!hub.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        hub.destroyForcibly();
      }
    }
    if (mosquitto != null) {
      mosquitto.destroy();
      mosquitto.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
