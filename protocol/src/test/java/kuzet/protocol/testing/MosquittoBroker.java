package kuzet.protocol.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Mosquitto (Debian's package, installed by {@code ./run test}) on a free loopback port, for
 * integration tests. Extra config lines (password_file, acl_file, TLS listeners) may be given; the
 * broker can be stopped and started again on the same port to simulate an outage.
 */
public final class MosquittoBroker implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final List<String> extraConfig;
  private final boolean configDeclaresListeners;
  private Process process;

  private MosquittoBroker(Path dir, int port, List<String> extraConfig, boolean configDeclaresListeners) {
    this.dir = dir;
    this.port = port;
    this.extraConfig = extraConfig;
    this.configDeclaresListeners = configDeclaresListeners;
  }

  /** Starts an anonymous-access broker with persistence on a free port. */
  public static MosquittoBroker start(Path dir) throws IOException {
    return start(dir, freePort(), List.of("allow_anonymous true"));
  }

  /** Starts a broker with a default listener on {@code port} and the given config lines. */
  public static MosquittoBroker start(Path dir, int port, List<String> config) throws IOException {
    MosquittoBroker b = new MosquittoBroker(dir, port, config, false);
    b.startProcess();
    return b;
  }

  /**
   * Starts a broker whose config lines declare all its listeners themselves (an exported config with
   * per-listener settings); {@code port} is the one of them that {@link #url()} names.
   */
  public static MosquittoBroker startWithListenersOf(Path dir, int port, List<String> config) throws IOException {
    MosquittoBroker b = new MosquittoBroker(dir, port, config, true);
    b.startProcess();
    return b;
  }

  public static String executable() {
    for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    throw new IllegalStateException("mosquitto is not installed: run ./run test (it installs it) or apt-get install mosquitto");
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public synchronized void startProcess() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    if (!configDeclaresListeners) {
      lines.add("listener " + port + " 127.0.0.1");
    }
    lines.add("persistence true");
    lines.add("persistence_location " + dir.toAbsolutePath() + "/");
    lines.add("log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath());
    lines.add("log_type all");
    lines.add("max_queued_messages 100000");
    lines.addAll(extraConfig);
    Path conf = dir.resolve("mosquitto.conf");
    Files.write(conf, lines);
    process = new ProcessBuilder(executable(), "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.out").toFile())
        .start();
    waitUntilListening(Duration.ofSeconds(10));
  }

  /** Stops the broker the way a crash or power cut would look to clients (SIGKILL), keeping its files. */
  public synchronized void kill() {
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

  /** Stops the broker cleanly (SIGTERM), so it saves its persistent sessions. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  public String log() throws IOException {
    Path log = dir.resolve("mosquitto.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() {
    stop();
  }

  private void waitUntilListening(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("mosquitto exited with " + process.exitValue() + ": "
            + Files.readString(dir.resolve("mosquitto.out")) + log());
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for mosquitto", e);
        }
      }
    }
    throw new IOException("mosquitto did not listen on port " + port + " within " + timeout);
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
