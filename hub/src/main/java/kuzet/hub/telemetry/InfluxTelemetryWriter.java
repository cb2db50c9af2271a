package kuzet.hub.telemetry;

import com.influxdb.LogLevel;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Telemetry;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores telemetry through influxdb-client-java's blocking write API (line protocol over
 * {@code /api/v2/write}), which InfluxDB 2.x/3.x and QuestDB both accept.
 *
 * <p>{@link #accept} only appends the sample to a bounded in-memory buffer (about 0.1 us), so ingest
 * never waits for the store; encoding to line protocol happens on the writer's thread. One background thread ({@link WriteLoop}) owns every write, retry and
 * disk spill. The client's own asynchronous WriteApi is deliberately not used: its buffer silently
 * drops at 10,000 points and lives only in memory, while this buffer spills to disk, survives a
 * restart and counts exactly what it drops.
 */
public final class InfluxTelemetryWriter implements TelemetrySink {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxTelemetryWriter.class);

  private final TelemetryConfig config;
  private final InfluxDBClient client;
  private final MemoryBuffer<PendingPoint> memory;
  private final SpillSegments spill;
  private final TelemetryMetrics metrics;
  private final WriteLoop loop;
  private final Thread thread;
  private final long adoptedFromDisk;
  private volatile boolean closed;

  /**
   * Opens the writer and starts its thread; points spilled by an earlier run are written first.
   *
   * @param config must name a URL (see {@link TelemetryStores} for the embedded default)
   * @param spillDir where batches are spilled when memory would not do; unused when spilling is off
   */
  public InfluxTelemetryWriter(TelemetryConfig config, Path spillDir, MeterRegistry registry) {
    this.config = Objects.requireNonNull(config, "config");
    if (config.embedded()) {
      throw new IllegalArgumentException(TelemetryConfig.PREFIX + "url is needed to open a writer");
    }
    // wake the writer to spill at half of memory, so that a burst during one slow write still fits
    int spillThreshold = config.spillEnabled() ? Math.max(1, config.memoryPoints() / 2) : Integer.MAX_VALUE;
    this.memory = new MemoryBuffer<>(config.memoryPoints(), config.batchSize(), spillThreshold);
    this.spill = config.spillEnabled() ? new SpillSegments(spillDir, config.spillMaxBytes()) : null;
    this.adoptedFromDisk = spilled();
    this.metrics = new TelemetryMetrics(registry, this::buffered, this::spilled);
    this.client = InfluxDBClientFactory.create(options(config));
    this.client.setLogLevel(LogLevel.NONE);
    this.loop = new WriteLoop(config, client, memory, spill, metrics);
    this.thread = new Thread(loop, "telemetry-writer");
    thread.setDaemon(true);
    thread.start();
    LOG.info("Telemetry writer started: {}", config);
  }

  private static InfluxDBClientOptions options(TelemetryConfig config) {
    long timeoutMs = config.writeTimeout().toMillis();
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .connectTimeout(Math.min(timeoutMs, 5_000), TimeUnit.MILLISECONDS)
        .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        // bounds the whole request, so one stalled write holds the thread (and spilling) at most this long
        .callTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false);
    InfluxDBClientOptions.Builder b = InfluxDBClientOptions.builder()
        .url(config.url())
        .org(config.org())
        .bucket(config.bucket())
        .precision(TelemetrySchema.PRECISION)
        .okHttpClient(http);
    if (!config.token().isBlank()) {
      b.authenticateToken(config.token().toCharArray());
    }
    return b.build();
  }

  @Override
  public void accept(RegisteredPost post, Telemetry telemetry) {
    metrics.accepted.increment();
    if (closed) {
      metrics.dropped.increment();
      return;
    }
    int dropped = memory.add(new PendingPoint(post, telemetry));
    if (dropped > 0) {
      metrics.dropped.increment(dropped);
    }
  }

  @Override
  public boolean healthy() {
    return loop.healthy();
  }

  /**
   * Points waiting to be written, in memory, in the batch being written, and on disk. Derived from
   * the counters, since every point accepted (or found on disk at start) ends up exactly once as
   * written, dropped or rejected; reading the parts would miss a batch in hand between two of them.
   */
  public long buffered() {
    return adoptedFromDisk + (long) (metrics.accepted.count() - metrics.written.count() - metrics.dropped.count()
        - metrics.rejected.count());
  }

  public long spilled() {
    return spill == null ? 0 : spill.points();
  }

  public TelemetryStats stats() {
    return new TelemetryStats((long) metrics.accepted.count(), (long) metrics.written.count(), (long) metrics.retried.count(),
        (long) metrics.dropped.count(), (long) metrics.rejected.count(), (long) metrics.failedBatches.count(),
        buffered(), spilled());
  }

  /**
   * Stops accepting, gives the store up to {@code write.timeout} to take what is in memory, then
   * spills the rest to disk (to be written by the next writer on the same spill directory), or
   * counts it as dropped when spilling is off.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    loop.stop();
    memory.wake();
    try {
      thread.join(config.writeTimeout().toMillis() * 3 + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("Telemetry writer thread did not stop in time; {} points may be lost", buffered());
      thread.interrupt();
    }
    client.close();
    LOG.info("Telemetry writer closed: {}", stats());
  }
}
