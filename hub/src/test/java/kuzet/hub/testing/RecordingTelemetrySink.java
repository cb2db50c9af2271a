package kuzet.hub.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.registry.RegisteredPost;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.protocol.Telemetry;

/** Keeps every point it is given, for assertions. */
public final class RecordingTelemetrySink implements TelemetrySink {
  public final List<Telemetry> points = new CopyOnWriteArrayList<>();

  @Override
  public void accept(RegisteredPost post, Telemetry telemetry) {
    points.add(telemetry);
  }

  @Override
  public boolean healthy() {
    return true;
  }

  @Override
  public void close() {
    // nothing held
  }
}
