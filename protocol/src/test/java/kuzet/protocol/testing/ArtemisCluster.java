package kuzet.protocol.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A real two-node Apache ActiveMQ Artemis cluster (or, with {@link #single}, one plain node) on loopback (the distribution {@code ./run test} unpacks from
 * Maven Central), made with Artemis's own {@code artemis create --clustered --static-cluster}, as
 * docs/scale-out.md tells an installer to. Each node has an MQTT acceptor on a free port; a node can be killed
 * (SIGKILL, as a crashed server) and started again with its journal.
 */
public final class ArtemisCluster implements AutoCloseable {
  public static final String VERSION = "2.40.0";
  private static final Pattern ARTEMIS_ACCEPTOR =
      Pattern.compile("(<(?:acceptor|connector) name=\"artemis\">tcp://127\\.0\\.0\\.1:)61616");
  private static final Pattern MQTT_ACCEPTOR = Pattern.compile("(<acceptor name=\"mqtt\">tcp://127\\.0\\.0\\.1:)1883");

  private final List<Node> nodes = new ArrayList<>();

  private ArtemisCluster() {
  }

  /** Where the distribution is: {@code KUZET_TEST_ARTEMIS_HOME}, else where {@code ./run test} unpacks it. */
  public static Path home() {
    String env = System.getenv("KUZET_TEST_ARTEMIS_HOME");
    Path home = env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "kuzet", "apache-artemis-" + VERSION);
    if (!Files.isExecutable(home.resolve("bin/artemis"))) {
      throw new IllegalStateException("Apache Artemis " + VERSION + " is not at " + home
          + ": run ./run test (it unpacks it from Maven Central) or set KUZET_TEST_ARTEMIS_HOME");
    }
    return home;
  }

  /** Creates and starts two clustered nodes, and waits until each has a bridge to the other. */
  public static ArtemisCluster start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    ArtemisCluster cluster = new ArtemisCluster();
    int[] core = {MosquittoBroker.freePort(), MosquittoBroker.freePort()};
    String clusterPassword = UUID.randomUUID().toString();
    for (int i = 0; i < 2; i++) {
      Node n = new Node(dir.resolve("node" + (i + 1)), core[i], MosquittoBroker.freePort());
      n.create(List.of("--clustered", "--cluster-user", "kuzet-cluster", "--cluster-password", clusterPassword,
          "--static-cluster", "tcp://127.0.0.1:" + core[1 - i], "--message-load-balancing", "ON_DEMAND",
          "--max-hops", "1"));
      cluster.nodes.add(n);
    }
    try {
      for (Node n : cluster.nodes) {
        n.start();
      }
      for (Node n : cluster.nodes) {
        n.awaitBridge(Duration.ofSeconds(60));
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * One node, not clustered, that admits anonymous clients until its security is replaced (as a lock-down test does
   * with the files {@code broker export --broker artemis} writes, then {@link #restart}).
   */
  public static ArtemisCluster single(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    ArtemisCluster single = new ArtemisCluster();
    Node n = new Node(dir.resolve("node1"), MosquittoBroker.freePort(), MosquittoBroker.freePort());
    n.create(List.of());
    single.nodes.add(n);
    try {
      n.start();
    } catch (IOException | RuntimeException e) {
      single.close();
      throw e;
    }
    return single;
  }

  /** The instance directory of node 1 or 2 (its etc/ holds broker.xml and login.config, lib/ extra jars). */
  public Path instance(int node) {
    return nodes.get(node - 1).dir;
  }

  /** The MQTT address of node 1 or 2. */
  public String url(int node) {
    return "tcp://127.0.0.1:" + nodes.get(node - 1).mqttPort;
  }

  /** Both nodes' MQTT addresses, the given one first, as a comma-separated list for {@code broker.url}. */
  public String urls(int first) {
    return url(first) + "," + url(3 - first);
  }

  /** Stops a node as a power cut would (SIGKILL); its clients see their connections drop. */
  public void kill(int node) {
    nodes.get(node - 1).kill();
  }

  /** Starts a killed node again on the same ports and journal, and waits for its bridge to the other, if any. */
  public void restart(int node) throws IOException, InterruptedException {
    Node n = nodes.get(node - 1);
    n.start();
    if (nodes.size() > 1) {
      n.awaitBridge(Duration.ofSeconds(60));
    }
  }

  @Override
  public void close() {
    nodes.forEach(Node::kill);
  }

  private static final class Node {
    private final Path dir;
    private final int corePort;
    private final int mqttPort;
    private Process process;
    private int starts;

    Node(Path dir, int corePort, int mqttPort) {
      this.dir = dir;
      this.corePort = corePort;
      this.mqttPort = mqttPort;
    }

    void create(List<String> clustering) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(home().resolve("bin/artemis").toString(), "create",
          dir.toString(), "--silent", "--force", "--name", dir.getFileName().toString(), "--host", "127.0.0.1",
          "--user", "admin", "--password", "admin", "--allow-anonymous"));
      command.addAll(clustering);
      command.addAll(List.of("--no-amqp-acceptor", "--no-hornetq-acceptor", "--no-stomp-acceptor", "--no-web",
          "--no-fsync", "--nio", "--java-memory", "512M"));
      run(command, dir.resolveSibling(dir.getFileName() + "-create.log"));
      Path xml = dir.resolve("etc/broker.xml");
      String config = Files.readString(xml);
      String ported = MQTT_ACCEPTOR.matcher(ARTEMIS_ACCEPTOR.matcher(config).replaceAll("$1" + corePort))
          .replaceAll("$1" + mqttPort);
      // a message that reaches a node where the subscription has no consumer moves to a node where it has one
      ported = ported.replaceFirst("<address-setting match=\"#\">",
          "<address-setting match=\"#\">\n            <redistribution-delay>0</redistribution-delay>");
      if (ported.equals(config) || !ported.contains(":" + mqttPort + "?") || !ported.contains("<redistribution-delay>")) {
        throw new IOException("artemis create wrote a broker.xml whose acceptors this harness does not recognise: " + xml);
      }
      Files.writeString(xml, ported);
    }

    synchronized void start() throws IOException {
      if (process != null && process.isAlive()) {
        return;
      }
      starts++;
      ProcessBuilder pb = new ProcessBuilder(dir.resolve("bin/artemis").toString(), "run")
          .redirectErrorStream(true).redirectOutput(log().toFile());
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      process = pb.start();
      awaitListening(Duration.ofSeconds(60));
    }

    private Path log() {
      return dir.resolveSibling(dir.getFileName() + "-run" + starts + ".log");
    }

    void awaitBridge(Duration timeout) throws IOException, InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        if (Files.readString(log()).contains("is connected")) {
          return;
        }
        Thread.sleep(100);
      }
      throw new IOException("Artemis " + dir.getFileName() + " formed no cluster bridge within " + timeout + ": " + Files.readString(log()));
    }

    private void awaitListening(Duration timeout) throws IOException {
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IOException("Artemis " + dir.getFileName() + " exited with " + process.exitValue() + ": " + Files.readString(log()));
        }
        try (Socket s = new Socket("127.0.0.1", mqttPort)) {
          return;
        } catch (IOException notYet) {
          sleepBriefly();
        }
      }
      throw new IOException("Artemis " + dir.getFileName() + " did not listen for MQTT on " + mqttPort + " within " + timeout);
    }

    synchronized void kill() {
      if (process != null) {
        process.destroyForcibly();
        try {
          process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        process = null;
      }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      int exit = pb.start().waitFor();
      if (exit != 0) {
        throw new IOException(String.join(" ", command.subList(0, 3)) + " failed (" + exit + "): " + Files.readString(log));
      }
    }

    private static void sleepBriefly() throws IOException {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Artemis", e);
      }
    }
  }
}
