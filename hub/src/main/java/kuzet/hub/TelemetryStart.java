package kuzet.hub;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import kuzet.hub.telemetry.TelemetryConfig;
import kuzet.hub.telemetry.TelemetryStores;

/**
 * The embedded QuestDB started on a thread of its own, while the hub opens its database and starts its broker:
 * the two slowest parts of a cold start overlap instead of adding up (docs/hub.md, "Start-up"). Whoever
 * {@link #take()}s the prepared store owns it; otherwise {@link #close()} stops it once it has started.
 */
final class TelemetryStart implements AutoCloseable {
  private final CompletableFuture<TelemetryStores.Prepared> prepared;
  private final AtomicBoolean taken = new AtomicBoolean();

  private TelemetryStart(CompletableFuture<TelemetryStores.Prepared> prepared) {
    this.prepared = prepared;
  }

  static TelemetryStart begin(TelemetryConfig config, Path dataDir) {
    return new TelemetryStart(CompletableFuture.supplyAsync(() -> TelemetryStores.prepare(config, dataDir),
        task -> new Thread(task, "telemetry-start").start()));
  }

  /** Waits for the store; rethrows what stopped it from starting, as it was thrown. */
  TelemetryStores.Prepared take() {
    if (!taken.compareAndSet(false, true)) {
      throw new IllegalStateException("the prepared telemetry store was already taken");
    }
    try {
      return prepared.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Stops the store unless it was taken (its taker closes it then); one that failed to start needs nothing. */
  @Override
  public void close() {
    if (taken.compareAndSet(false, true)) {
      prepared.thenAccept(TelemetryStores.Prepared::close);
    }
  }
}
