package kuzet.hub.board;

import kuzet.hub.registry.RegisteredPost;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.protocol.Telemetry;

/** The board test does not look at stored telemetry; the hub's in-memory history is enough for it. */
final class DiscardTelemetry implements TelemetrySink {
  @Override
  public void accept(RegisteredPost post, Telemetry telemetry) {
    // not kept
  }

  @Override
  public boolean healthy() {
    return true;
  }

  @Override
  public void close() {
    // nothing to close
  }
}
