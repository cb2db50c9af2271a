package kuzet.hub.telemetry;

/** A snapshot of the writer's counters, in points (except {@code failedBatches}). */
public record TelemetryStats(
    long accepted, long written, long retried, long dropped, long rejected, long failedBatches, long buffered, long spilled) {}
