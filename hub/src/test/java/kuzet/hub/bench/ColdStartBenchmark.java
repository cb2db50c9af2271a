package kuzet.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kuzet.hub.testing.HubHttp;
import kuzet.protocol.testing.MosquittoBroker;

/**
 * Cold-start benchmark (docs/benchmarks.md, issue 15: at most 10 s to /health UP): starts the packaged hub
 * ({@code target/hub.jar}, built by {@code package}) with the production JVM flags on a fresh data directory,
 * embedded broker and embedded QuestDB, and times it from launch to {@code /health} UP, {@code bench.runs} times.
 * Prints each run (wall time, the process's CPU time from /proc, and when the hub's log says each part was up) and
 * the medians. {@code -Dbench.cds=true} starts it as the systemd unit does, through {@code packaging/kuzet-hub-start}:
 * a first start writes the class-data archive (AppCDS) when it stops, the timed ones check and use it. Not part of
 * the test suite: {@code -Pbench-coldstart}.
 */
public final class ColdStartBenchmark {
  /** The lines of the hub's log that mark its parts, in start order. */
  private static final List<String> MARKS = List.of("Embedded QuestDB started", "Successfully applied",
      "embedded MQTT broker listening", "Telemetry writer started", "started: HTTP on");

  private ColdStartBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.runs", 5);
    boolean cds = Boolean.getBoolean("bench.cds");
    Path jar = Path.of("target/hub.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build it with `package` first");
    }
    Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).resolve("coldstart-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    IngestBenchmark.Report report = new IngestBenchmark.Report(dir.resolve("summary.txt"));
    report.line("cold start: %s with %s, %d runs%s; load before: %s", jar, HubProcess.JVM_FLAGS, runs,
        cds ? " with an AppCDS archive" : "", IngestBenchmark.Report.uptime());
    Path archive = cds ? dir.resolve("hub.jsa").toAbsolutePath() : null;
    if (cds) {
      Run first = start(jar, dir.resolve("first"), archive);
      report.line("first start (writes the archive when it stops): up in %,d ms; archive %,d bytes", first.upMillis,
          Files.exists(archive) ? Files.size(archive) : -1);
    }
    long[] wall = new long[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      Run r = start(jar, dir.resolve("run-" + i), archive);
      wall[i] = r.upMillis;
      cpu[i] = r.cpuSeconds;
      report.line("run %d: /health UP after %,d ms, CPU %.2f s; %s", i + 1, r.upMillis, r.cpuSeconds, r.marks);
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    report.line("median: /health UP after %,d ms (min %,d, max %,d), CPU %.2f s; load after: %s", wall[runs / 2],
        wall[0], wall[runs - 1], cpu[runs / 2], IngestBenchmark.Report.uptime());
  }

  private record Run(long upMillis, double cpuSeconds, String marks) {
  }

  /**
   * One hub from a fresh data directory to /health UP, then stopped as systemd stops it (SIGTERM).
   *
   * @param archive null: {@code java @flags -jar}; otherwise through kuzet-hub-start with this AppCDS archive
   */
  private static Run start(Path jar, Path dir, Path archive) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int http = MosquittoBroker.freePort();
    Path config = Files.write(dir.resolve("hub.properties"), List.of(
        "hub.dataDir=" + dir.resolve("data").toAbsolutePath(),
        "http.port=" + http,
        "broker.embedded.port=" + MosquittoBroker.freePort(),
        "telemetry.embedded.port=" + MosquittoBroker.freePort(),
        // no fleet CA to set up: the lock-down's own start (a TLS listener) is not part of this figure
        "broker.auth=none"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(archive == null
        ? List.of(java, "@" + HubProcess.JVM_FLAGS.toAbsolutePath(), "-jar", jar.toAbsolutePath().toString())
        : List.of("sh", "packaging/kuzet-hub-start"));
    cmd.addAll(List.of("run", "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile());
    builder.environment().putAll(HubProcess.unitEnvironment());
    if (archive != null) {
      builder.environment().put("KUZET_JAVA", java);
      builder.environment().put("KUZET_HUB_JAR", jar.toAbsolutePath().toString());
      builder.environment().put("KUZET_HUB_JVM_FLAGS", HubProcess.JVM_FLAGS.toAbsolutePath().toString());
      builder.environment().put("KUZET_HUB_CDS_ARCHIVE", archive.toString());
    }
    LocalTime launched = LocalTime.now(ZoneId.systemDefault());
    long t0 = System.nanoTime();
    Process hub = builder.start();
    try {
      long deadline = t0 + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        if (!hub.isAlive()) {
          throw new IllegalStateException("the hub exited with " + hub.exitValue() + "; see " + dir.resolve("hub.log"));
        }
        if (up(http)) {
          long millis = (System.nanoTime() - t0) / 1_000_000;
          return new Run(millis, cpuSeconds(hub.pid()), marks(dir.resolve("hub.log"), launched));
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("the hub was not UP within 120 s; see " + dir.resolve("hub.log"));
    } finally {
      hub.destroy();
      if (!hub.waitFor(60, TimeUnit.SECONDS)) {
        hub.destroyForcibly();
      }
    }
  }

  private static boolean up(int http) {
    try {
      return HubHttp.get("http://127.0.0.1:" + http + "/health").json().path("status").asText().equals("UP");
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime, stime, and those of its waited-for children (kuzet-hub-start's archive check), in ticks (USER_HZ 100)
    return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
  }

  /** When each part was up, in ms after launch, from the log's timestamps (HH:mm:ss.SSS, local time). */
  private static String marks(Path log, LocalTime launched) throws IOException {
    List<String> lines = Files.readAllLines(log);
    StringBuilder out = new StringBuilder();
    for (String mark : MARKS) {
      lines.stream().filter(l -> l.contains(mark)).findFirst().ifPresent(l -> {
        try {
          long ms = Duration.between(launched, LocalTime.parse(l.substring(0, 12))).toMillis();
          out.append(out.isEmpty() ? "" : ", ").append(mark).append(" +").append(ms).append(" ms");
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
          out.append(out.isEmpty() ? "" : ", ").append(mark).append(" (no timestamp)");
        }
      });
    }
    return out.toString();
  }
}
