package kuzet.hub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.time.Clock;
import kuzet.agent.load.LoadGenerator;
import kuzet.agent.load.LoadPlan;
import kuzet.hub.testing.HubHttp;
import kuzet.hub.testing.TestPosts;

/**
 * End-to-end ingest benchmark: a hub process with its embedded QuestDB, a broker (embedded HiveMQ or
 * Mosquitto), the agent's load generator ({@code edge-agent.jar load}, here in this JVM so that its counters are
 * read at each sample) publishing TELEMETRY for a registered fleet, and a PANIC probe timing
 * presses to the SSE stream. Counts come from the store itself (QuestDB's {@code count()} over /exec) and
 * from the hub's /metrics. Run with {@code -Pbench} (see docs/benchmarks.md); not part of {@code ./run test}.
 */
public final class IngestBenchmark {
  private static final int SAMPLE_SECONDS = 5;
  /** The load's posts, registered before the hub starts: bench-0000, bench-0001, ... */
  static final String LOAD_PREFIX = "bench";

  private IngestBenchmark() {}

  public static void main(String[] args) {
    try {
      measure();
      System.exit(0);
    } catch (Exception | Error e) {
      // a hub that died mid-run (out of memory, say) leaves the generator's connections reconnecting: end the run
      // instead of waiting for their threads
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void measure() throws Exception {
    BenchSettings s = BenchSettings.fromSystemProperties();
    Path dir = Files.createDirectories(s.workDir().resolve(s.broker() + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    Report report = new Report(dir.resolve("summary.txt"));
    report.line("settings: %s", s);
    report.line("load before: %s", Report.uptime());
    try (HubProcess hub = new HubProcess(dir)) {
      Files.createDirectories(hub.dataDir());
      TestPosts.register(hub.dataDir().resolve("hub.db"), LOAD_PREFIX, s.posts());
      TestPosts.register(hub.dataDir().resolve("hub.db"), PanicProbe.PREFIX, PanicProbe.POSTS);
      String viewerPassword = PanicProbe.createViewer(hub.dataDir().resolve("hub.db"));
      hub.start(s);
      report.line("hub pid %d, broker %s (%s), QuestDB %s", hub.pid(), hub.brokerUrl(), s.broker(), hub.questDb());
      try (PanicProbe probe = new PanicProbe(hub.brokerUrl(), hub.base(), viewerPassword, s.panicsPerSecond());
           LoadGenerator load = new LoadGenerator(LoadPlan.plain(hub.brokerUrl(), s.posts(), s.connections(), s.rate(),
               s.qos(), LOAD_PREFIX), Clock.systemUTC())) {
        run(s, hub, probe, load, report);
      }
    }
    report.line("load after: %s", Report.uptime());
    System.out.println("summary: " + dir.resolve("summary.txt").toAbsolutePath());
  }

  private static void run(BenchSettings s, HubProcess hub, PanicProbe probe, LoadGenerator load, Report report)
      throws Exception {
    load.start();
    probe.start();
    Thread.sleep(s.warmupSeconds() * 1000L);
    Sample first = Sample.take(hub, load);
    java.time.Instant windowStart = java.time.Instant.now();
    probe.measure();
    report.line("%s", Sample.HEADER);
    Sample prev = first;
    Sample peak = first;
    long end = System.nanoTime() + s.seconds() * 1_000_000_000L;
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(SAMPLE_SECONDS * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      Sample now = Sample.take(hub, load);
      report.line("%s", now.row(prev, first));
      peak = now.peakOf(peak);
      prev = now;
    }
    Sample last = prev;
    probe.stopPressing();
    load.stop();
    Sample drained = drain(hub, load, report);
    double[] lat = probe.latenciesMs();
    report.line("");
    report.line("measured window: %.1f s after %d s warm-up", (last.nanos - first.nanos) / 1e9, s.warmupSeconds());
    report.line("published (QoS 1: PUBACK; QoS 0: on the wire): %,.0f msgs/s; stored (QuestDB count): %,.0f points/s; hub received: %,.0f msgs/s",
        last.rate(first, Sample::acked), last.rate(first, Sample::stored), last.rate(first, Sample::received));
    report.line("backlog at end of window (published - stored): %,d", last.acked - last.stored);
    report.line("hub CPU: %.2f cores; broker process CPU (Mosquitto only): %.2f cores",
        (last.hubCpu - first.hubCpu) / ((last.nanos - first.nanos) / 1e9),
        (last.brokerCpu - first.brokerCpu) / ((last.nanos - first.nanos) / 1e9));
    cpuPerMessage(first, last, report);
    report.line("totals after drain: published %,d (failed %,d), stored %,d, counted not stored %,d "
            + "(ingest rejected %,d, ingest dropped %,d, store dropped %,d, store rejected + embedded broker dropped %,d), "
            + "still queued or lost %,d",
        drained.acked, load.failed(), drained.stored, drained.counted(), drained.ingestRejected, drained.ingestDropped,
        drained.storeDropped, drained.storeRejected, drained.acked - drained.stored - drained.counted());
    report.line("PANIC -> SSE: %d presses, p50 %.1f ms, p99 %.1f ms, max %.1f ms, unanswered %d",
        lat.length, pct(lat, 0.50), pct(lat, 0.99), lat.length == 0 ? Double.NaN : lat[lat.length - 1], probe.unanswered());
    double[] raised = PressLog.pressToRaisedMs(hub.log(), windowStart);
    report.line("  of which press -> alert raised on the hub's event loop (hub.log): p50 %.0f ms, p99 %.0f ms, max %.0f ms"
        + " (%d presses; the log's times are to the millisecond)",
        pct(raised, 0.50), pct(raised, 0.99), raised.length == 0 ? Double.NaN : raised[raised.length - 1], raised.length);
    double windowSeconds = (last.nanos - first.nanos) / 1e9;
    long pauses = last.gcPauses - first.gcPauses;
    double paused = last.gcPauseSeconds - first.gcPauseSeconds;
    report.line("hub GC pauses in the window: %d (%.1f a second), %.1f ms each on average, %.1f %% of the time stopped",
        pauses, pauses / windowSeconds, pauses == 0 ? 0 : paused / pauses * 1e3, paused / windowSeconds * 100);
    report.line("hub memory: RSS %d MiB now, %d MiB peak (budget 768 MiB); heap used peak %d MiB, -Xmx %s",
        drained.rssMib, drained.rssPeakMib, peak.heapUsedMib,
        s.hubHeapMb() == 0 ? "of " + HubProcess.JVM_FLAGS : s.hubHeapMb() + "m");
  }

  /**
   * The target's figure: the hub process's CPU per point stored in the window, with and without the embedded
   * QuestDB's threads (the store), and the thread groups that used the most.
   */
  private static void cpuPerMessage(Sample first, Sample last, Report report) throws java.io.IOException {
    double seconds = (last.nanos - first.nanos) / 1e9;
    long stored = last.stored - first.stored;
    java.util.Map<String, Double> used = new java.util.HashMap<>();
    last.threadCpu.forEach((group, cpu) -> used.put(group, cpu - first.threadCpu.getOrDefault(group, 0.0)));
    double store = used.entrySet().stream().filter(e -> STORE_THREADS.stream().anyMatch(e.getKey()::startsWith))
        .mapToDouble(java.util.Map.Entry::getValue).sum();
    double total = last.hubCpu - first.hubCpu;
    report.line("hub CPU per stored point: %.1f µs in all, %.1f µs without the store (QuestDB's %s threads: %.2f cores)",
        total / stored * 1e6, (total - store) / stored * 1e6, STORE_THREADS, store / seconds);
    report.line("hub CPU by thread group (cores over the window): %s", used.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / seconds))
        .collect(java.util.stream.Collectors.joining(", ")));
  }

  /**
   * The name prefixes of the embedded QuestDB's threads (its worker pools, as /proc shows them: shared-write,
   * shared-query, shared-network, wal-apply, http). The hub's own threads never start with these (Vert.x's are
   * vert.x-*, the influx client's OkHttp*).
   */
  private static final java.util.List<String> STORE_THREADS =
      java.util.List.of("questdb", "shared-", "wal-apply", "http", "ilp", "pg-");

  /**
   * Waits until the store holds everything published, or it stops growing for 30 s, or 3 minutes pass
   * (a broker backlog of a far overloaded run; what is left is reported as still queued, not as lost).
   */
  private static Sample drain(HubProcess hub, LoadGenerator load, Report report) throws Exception {
    Sample last = Sample.take(hub, load);
    long stuckSince = System.nanoTime();
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (last.stored + last.counted() < last.acked && System.nanoTime() - stuckSince < 30_000_000_000L
        && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      Sample now = Sample.take(hub, load);
      if (now.stored > last.stored) {
        stuckSince = System.nanoTime();
      }
      last = now;
    }
    report.line("drained: %s", last.row(last, last));
    hub.metrics().lines()
        .filter(l -> l.startsWith("kuzet_ingest_dropped_total") || l.startsWith("kuzet_ingest_rejected_total")
            || l.startsWith("kuzet_broker_dropped_total"))
        .filter(l -> !l.endsWith(" 0.0")).forEach(l -> report.lineQuietly("  %s", l));
    return last;
  }

  static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Prints and appends to the summary file. */
  static final class Report {
    private final Path file;

    Report(Path file) {
      this.file = file;
    }

    void line(String format, Object... args) throws java.io.IOException {
      String text = String.format(Locale.ROOT, format, args);
      System.out.println(text);
      Files.writeString(file, text + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    void lineQuietly(String format, Object... args) {
      try {
        line(format, args);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    static String uptime() throws java.io.IOException {
      return Files.readString(Path.of("/proc/loadavg")).trim() + " (1, 5, 15 min load averages, runnable/threads)";
    }
  }

  /** One reading of every counter, at one moment. */
  record Sample(long nanos, long acked, long received, long stored, long buffered, long ingestRejected,
                long ingestDropped, long storeDropped, long storeRejected, long rssMib, long rssPeakMib,
                long heapUsedMib, double hubCpu, double brokerCpu, long genQueue, long hubQueue,
                java.util.Map<String, Double> threadCpu, long gcPauses, double gcPauseSeconds) {
    static final String HEADER =
        "   t(s)  published/s  received/s    stored/s   backlog  gen-queue  hub-queue  buffered  not-stored  RSS(MiB) heap(MiB)";

    static Sample take(HubProcess hub, LoadGenerator load) throws Exception {
      long acked = load.acked();
      String m = hub.metrics();
      long stored = HubHttp.storedPoints(hub.questDb());
      long[] rss = hub.rssMib();
      double[] cpu = hub.cpuSeconds();
      return new Sample(System.nanoTime(), acked, (long) HubHttp.metric(m, "kuzet_ingest_received_total"), stored,
          (long) HubHttp.metric(m, "kuzet_telemetry_points_buffered"),
          (long) HubHttp.metric(m, "kuzet_ingest_rejected_total"), (long) HubHttp.metric(m, "kuzet_ingest_dropped_total"),
          (long) HubHttp.metric(m, "kuzet_telemetry_points_dropped_total"),
          (long) HubHttp.metric(m, "kuzet_telemetry_points_rejected_total") + (long) HubHttp.metric(m, "kuzet_broker_dropped_total"),
          rss[0], rss[1],
          (long) (HubHttp.metric(m, "jvm_memory_used_bytes", "area=\"heap\"") / 1_048_576),
          cpu[0], cpu[1], load.pending(), (long) HubHttp.metric(m, "kuzet_ingest_waiting"), hub.cpuByThreadGroup(),
          (long) HubHttp.metric(m, "jvm_gc_pause_seconds_count"), HubHttp.metric(m, "jvm_gc_pause_seconds_sum"));
    }

    long counted() {
      return ingestRejected + ingestDropped + storeDropped + storeRejected;
    }

    double rate(Sample from, java.util.function.ToLongFunction<Sample> f) {
      return (f.applyAsLong(this) - f.applyAsLong(from)) / ((nanos - from.nanos) / 1e9);
    }

    Sample peakOf(Sample other) {
      return heapUsedMib >= other.heapUsedMib ? this : other;
    }

    String row(Sample prev, Sample origin) {
      double dt = Math.max(1e-9, (nanos - prev.nanos) / 1e9);
      return String.format(Locale.ROOT, "%7.0f %12.0f %11.0f %11.0f %9d %10d %10d %9d %11d %9d %9d",
          (nanos - origin.nanos) / 1e9, (acked - prev.acked) / dt, (received - prev.received) / dt,
          (stored - prev.stored) / dt, acked - stored, genQueue, hubQueue, buffered, counted(), rssMib, heapUsedMib);
    }
  }
}
