package kuzet.provisioning.update;

import kuzet.protocol.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.agent.update.BootGuard;
import kuzet.agent.update.InstallLayout;

/**
 * Stands in for systemd running edge-agent/packaging/kuzet-agent.service: the boot guard before every start
 * (ExecStartPre), then {@code java -jar <install>/current/edge-agent.jar} (ExecStart), started again after any exit
 * (Restart=always, a short RestartSec) for as long as the test runs.
 */
final class Supervisor implements AutoCloseable {
  private final InstallLayout layout;
  private final Path config;
  private final Path log;
  private final Thread thread;
  final List<Integer> exits = new CopyOnWriteArrayList<>();
  final List<String> guard = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private volatile Process process;

  Supervisor(String name, InstallLayout layout, Path config, Path log) {
    this.layout = layout;
    this.config = config;
    this.log = log;
    this.thread = new Thread(this::loop, "supervisor-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      guard.add(new BootGuard(layout, Clock.systemUTC()).check());
      try {
        process = new ProcessBuilder(ChildJvm.command("-Xmx96m",
            "-jar", layout.current().resolve("edge-agent.jar").toString(), "--config", config.toString()))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        exits.add(process.waitFor());
        Thread.sleep(200);
      } catch (IOException e) {
        guard.add("could not start: " + e);
        return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
    Process p = process;
    if (p != null) {
      p.destroy();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }
}
