package kuzet.hub.telemetry;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.exceptions.InfluxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import kuzet.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry writer's one background thread: oldest points first (disk, then memory), one
 * blocking write per batch, exponential backoff with jitter after a failure, and the spilling of
 * memory to disk whenever memory passes its threshold, including while it waits to retry.
 */
final class WriteLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(WriteLoop.class);
  private static final long PROBE_INTERVAL_NANOS = 10_000_000_000L;
  /**
   * The client logs every failed ping with a stack trace through java.util.logging; during an outage
   * that would be one trace per probe. The loop reports outages itself, once. Held here so that the
   * level set on it is not lost when JUL drops an unreferenced logger.
   */
  private static final java.util.logging.Logger CLIENT_PING_LOG = quietClientPingLog();

  private enum Outcome { WRITTEN, REJECTED, FAILED }

  private final TelemetryConfig config;
  private final InfluxDBClient client;
  private final WriteApiBlocking writeApi;
  private final MemoryBuffer<PendingPoint> memory;
  private final SpillSegments spill;
  private final TelemetryMetrics metrics;
  private volatile boolean stopping;
  private volatile boolean healthy;
  private final Backoff backoff;
  private long encodeFailures;
  private long lastContactNanos = System.nanoTime();

  WriteLoop(TelemetryConfig config, InfluxDBClient client, MemoryBuffer<PendingPoint> memory, SpillSegments spill,
      TelemetryMetrics metrics) {
    this.config = config;
    this.client = client;
    this.writeApi = client.getWriteApiBlocking();
    this.memory = memory;
    this.spill = spill;
    this.metrics = metrics;
    this.backoff = new Backoff(config.retryInitial(), config.retryMax(), new Random());
  }

  @Override
  public void run() {
    healthy = ping();
    while (!stopping) {
      try {
        spillIfNeeded();
        if (!writeOldestBatch()) {
          waitBeforeRetry();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        // e.g. a full disk while spilling: keep the loop alive, the points are still in memory
        LOG.error("Telemetry writer hit an unexpected error; retrying after backoff", e);
        try {
          Thread.sleep(Math.min(config.retryMax().toMillis(), 1_000));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    finish();
  }

  /** Returns false when a write failed and the loop should back off. */
  private boolean writeOldestBatch() throws InterruptedException {
    SpillSegments.Segment segment = spill == null ? null : spill.oldest();
    if (segment != null) {
      Outcome outcome = write(spill.read(segment));
      if (outcome != Outcome.FAILED) {
        spill.remove(segment);
      }
      return outcome != Outcome.FAILED;
    }
    List<PendingPoint> batch = memory.take(config.batchSize(), config.flushInterval().toNanos());
    if (batch.isEmpty()) {
      probeIfIdle();
      return true;
    }
    if (write(encode(batch)) == Outcome.FAILED) {
      metrics.dropped.increment(memory.requeueFront(batch));
      return false;
    }
    return true;
  }

  private Outcome write(List<String> lines) {
    if (lines.isEmpty()) {
      return Outcome.WRITTEN;
    }
    try {
      writeApi.writeRecords(config.bucket(), config.org(), TelemetrySchema.PRECISION, lines);
      metrics.written.increment(lines.size());
      contact(true);
      backoff.reset();
      return Outcome.WRITTEN;
    } catch (InfluxException e) {
      if (e.status() == 400 || e.status() == 422) {
        // the store says the data is bad: sending it again would fail forever and block the rest
        metrics.rejected.increment(lines.size());
        contact(true);
        LOG.warn("Telemetry store rejected a batch of {} points: {}", lines.size(), e.getMessage());
        return Outcome.REJECTED;
      }
      return failed(lines.size(), e);
    } catch (RuntimeException e) {
      return failed(lines.size(), e);
    }
  }

  private Outcome failed(int points, RuntimeException e) {
    metrics.failedBatches.increment();
    metrics.retried.increment(points);
    if (healthy) {
      LOG.warn("Telemetry store at {} is not taking writes ({}); buffering and retrying", config.url(), e.toString());
    } else {
      LOG.debug("Telemetry write failed again", e);
    }
    healthy = false;
    return Outcome.FAILED;
  }

  private void contact(boolean ok) {
    if (ok && !healthy) {
      LOG.info("Telemetry store at {} is taking writes", config.url());
    }
    healthy = ok;
    lastContactNanos = System.nanoTime();
  }

  /** Exponential backoff with jitter, spilling meanwhile if memory fills up. */
  private void waitBeforeRetry() throws InterruptedException {
    long deadline = System.nanoTime() + backoff.next().toNanos();
    long remaining;
    while (!stopping && (remaining = deadline - System.nanoTime()) > 0) {
      memory.awaitSpillNeeded(remaining);
      spillIfNeeded();
    }
  }

  private void spillIfNeeded() {
    if (spill == null || !memory.spillNeeded()) {
      return;
    }
    // drain in whole batches, so that each segment is one write once the store is back
    while (memory.size() >= memory.spillChunk()) {
      appendToSpill(memory.poll(memory.spillChunk()));
    }
  }

  private void appendToSpill(List<PendingPoint> chunk) {
    try {
      metrics.dropped.increment(spill.append(encode(chunk)));
    } catch (RuntimeException e) {
      metrics.dropped.increment(memory.requeueFront(chunk));
      throw e;
    }
  }

  private void probeIfIdle() {
    if (System.nanoTime() - lastContactNanos > PROBE_INTERVAL_NANOS) {
      contact(ping());
    }
  }

  private boolean ping() {
    try {
      return client.ping();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** On close: hand memory to the store if it is up, within one write timeout; spill or count the rest. */
  private void finish() {
    long deadline = System.nanoTime() + config.writeTimeout().toNanos();
    while (healthy && memory.size() > 0 && System.nanoTime() < deadline) {
      List<PendingPoint> batch = memory.poll(config.batchSize());
      if (write(encode(batch)) == Outcome.FAILED) {
        metrics.dropped.increment(memory.requeueFront(batch));
        break;
      }
    }
    while (memory.size() > 0) {
      List<PendingPoint> rest = memory.poll(config.batchSize());
      if (spill != null) {
        try {
          metrics.dropped.increment(spill.append(encode(rest)));
        } catch (RuntimeException e) {
          long lost = rest.size() + memory.poll(Integer.MAX_VALUE).size();
          metrics.dropped.increment(lost);
          LOG.error("Telemetry writer could not spill on close: {} points dropped", lost, e);
        }
      } else {
        metrics.dropped.increment(rest.size());
        LOG.warn("Telemetry writer closed with {} unwritten points and no spill directory: dropped", rest.size());
      }
    }
  }

  /**
   * Line protocol for {@code points}. A point that cannot be encoded is counted as rejected and removed
   * from {@code points} (a mutable list), so that a retry neither sends nor counts it again.
   */
  private List<String> encode(List<PendingPoint> points) {
    List<String> lines = new ArrayList<>(points.size());
    for (Iterator<PendingPoint> it = points.iterator(); it.hasNext(); ) {
      PendingPoint p = it.next();
      try {
        lines.add(TelemetrySchema.toLineProtocol(p.post(), p.telemetry()));
      } catch (RuntimeException e) {
        // cannot happen for a decoded message; if it does, one bad point must not hold up the rest
        it.remove();
        metrics.rejected.increment();
        if (++encodeFailures % 1000 == 1) {
          LOG.warn("Telemetry from {} could not be encoded: {}", p.telemetry().postId().value(), e.toString());
        }
      }
    }
    return lines;
  }

  private static java.util.logging.Logger quietClientPingLog() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("com.influxdb.internal.AbstractRestClient");
    log.setLevel(java.util.logging.Level.SEVERE);
    return log;
  }

  void stop() {
    stopping = true;
  }

  boolean healthy() {
    return healthy;
  }
}
