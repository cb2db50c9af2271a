package kuzet.agent;

import kuzet.protocol.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One simulated post as its own JVM ({@code AgentMain simulate --control-stdin}), so that a test can kill it
 * with SIGKILL as a power cut would, and drive it through its stdin.
 */
final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;

  AgentProcess(Path dir, String brokerUrl, String idPrefix) throws IOException {
    process = new ProcessBuilder(ChildJvm.command("-cp", System.getProperty("java.class.path"),
        "kuzet.agent.cli.AgentMain", "simulate",
        "--posts", "1", "--broker", brokerUrl, "--seed", "7", "--data-dir", dir.resolve("agent").toString(),
        "--id-prefix", idPrefix, "--no-scenario", "--control-stdin", "--telemetry-interval", "3600"))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()))
        .start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  void send(String line) throws IOException {
    in.write(line + "\n");
    in.flush();
  }

  /** Reads lines until one starts with the prefix; the reader blocks, so the process's own exit ends a bad run. */
  String expect(String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
      if (line.startsWith("error")) {
        throw new AssertionError("agent answered: " + line);
      }
    }
    throw new AssertionError("agent exited before printing '" + prefix + "'");
  }

  /** SIGKILL: no shutdown hook runs, no DISCONNECT is sent, nothing is flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
