package kuzet.hub.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * The writer's Micrometer meters. Counters are in points except {@code batches.failed}; in Prometheus
 * they read {@code kuzet_telemetry_points_written_total} and so on.
 */
final class TelemetryMetrics {

  final Counter accepted;
  final Counter written;
  final Counter retried;
  final Counter dropped;
  final Counter rejected;
  final Counter failedBatches;

  TelemetryMetrics(MeterRegistry registry, LongSupplier buffered, LongSupplier spilled) {
    accepted = Counter.builder("kuzet.telemetry.points.accepted")
        .description("Points handed to the writer by ingest").register(registry);
    written = Counter.builder("kuzet.telemetry.points.written")
        .description("Points the telemetry store accepted").register(registry);
    retried = Counter.builder("kuzet.telemetry.points.retried")
        .description("Points sent again after a failed write").register(registry);
    dropped = Counter.builder("kuzet.telemetry.points.dropped")
        .description("Oldest points discarded because the buffer bound was reached").register(registry);
    rejected = Counter.builder("kuzet.telemetry.points.rejected")
        .description("Points the store refused as malformed (HTTP 400/422), not retried").register(registry);
    failedBatches = Counter.builder("kuzet.telemetry.batches.failed")
        .description("Write attempts that failed and will be retried").register(registry);
    Gauge.builder("kuzet.telemetry.points.buffered", buffered, s -> s.getAsLong())
        .description("Points waiting to be written, in memory and on disk").strongReference(true).register(registry);
    Gauge.builder("kuzet.telemetry.points.spilled", spilled, s -> s.getAsLong())
        .description("Of the buffered points, those on disk").strongReference(true).register(registry);
  }
}
