package kuzet.provisioning.endtoend;

import kuzet.protocol.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One post's agent as its own JVM, started the way a post starts it ({@code AgentMain --config agent.conf}, here on
 * the mock platform), optionally inside a network namespace, so that it can be killed with SIGKILL or cut off.
 */
final class AgentJvm implements AutoCloseable {
  private final Process process;
  private final Path log;

  /** netns: the network namespace to run in (needs root), or null for this machine's own network. */
  AgentJvm(Path dir, String postId, String brokerUrl, String netns) throws IOException {
    Files.createDirectories(dir);
    List<String> conf = new ArrayList<>();
    Map.of("post.id", postId, "mqtt.url", brokerUrl, "data.dir", dir.resolve("data").toAbsolutePath().toString(),
        "hardware.platform", "mock", "selftest.hour", "-1").forEach((k, v) -> conf.add(k + "=" + v));
    Path config = Files.write(dir.resolve("agent.conf"), conf);
    List<String> cmd = new ArrayList<>();
    if (netns != null) {
      // ip netns exec replaces itself with the command: the process is the JVM, and SIGKILL reaches it
      cmd.addAll(List.of("ip", "netns", "exec", netns));
    }
    cmd.addAll(ChildJvm.command("-Xmx128m",
        "-cp", System.getProperty("java.class.path"), "kuzet.agent.cli.AgentMain", "--config", config.toString()));
    log = dir.resolve("agent.log");
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: the kernel closes its socket, no DISCONNECT is sent. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
