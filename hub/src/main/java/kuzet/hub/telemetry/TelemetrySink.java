package kuzet.hub.telemetry;

import kuzet.registry.RegisteredPost;
import kuzet.protocol.Telemetry;

/**
 * Where ingest hands telemetry for long-term storage. Implementations must never block the caller
 * (ingest runs on an event loop): they buffer and write in the background, and count what they drop.
 */
public interface TelemetrySink extends AutoCloseable {

  /** Accepts one sample; returns at once. {@code post} gives the tags (district, type). */
  void accept(RegisteredPost post, Telemetry telemetry);

  /** Whether the store answered the last write or health probe. */
  boolean healthy();

  @Override
  void close();
}
