package kuzet.agent.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import kuzet.agent.load.LoadGenerator;

/** Runs a load for its duration, printing what was sent each second, then the totals. */
final class LoadReport {
  private final LoadGenerator load;
  private final PrintWriter out;

  LoadReport(LoadGenerator load, PrintWriter out) {
    this.load = load;
    this.out = out;
  }

  /** 0 when the broker took every message; 1 when some failed or were still unacknowledged at the end. */
  int run(Duration duration, String broker) throws InterruptedException {
    out.printf("%6s %12s %12s %8s %12s %9s %8s%n", "t(s)", "telemetry/s", "telemetry", "panics", "broker has", "queued", "failed");
    long start = System.nanoTime();
    load.start();
    long end = start + duration.toNanos();
    long prevTelemetry = 0;
    for (long second = 1; System.nanoTime() < end; second++) {
      long due = Math.min(end, start + second * 1_000_000_000L);
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      long telemetry = load.telemetrySent();
      double dt = (due - Math.max(start, due - 1_000_000_000L)) / 1e9;
      out.printf("%6d %,12.0f %,12d %,8d %,12d %,9d %,8d%n", second, (telemetry - prevTelemetry) / dt, telemetry,
          load.panicsSent(), load.acked(), load.pending(), load.failed());
      out.flush();
      prevTelemetry = telemetry;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    load.stop();
    long telemetry = load.telemetrySent();
    long panics = load.panicsSent();
    out.printf("sent %,d TELEMETRY (%,.0f/s over %.1f s) and %,d PANIC to %s%n", telemetry, telemetry / seconds,
        seconds, panics, broker);
    out.printf("the broker has %,d of %,d; failed %,d; unacknowledged at the end %,d%n", load.acked(),
        telemetry + panics, load.failed(), load.pending());
    out.flush();
    return load.failed() == 0 && load.pending() == 0 ? 0 : 1;
  }
}
