package kuzet.hub.api;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import kuzet.hub.fleet.FleetState;
import kuzet.protocol.PostId;

/** Turns post changes into at most one {@code post} event per post per interval on the live stream. */
public final class PostEvents {
  private final Vertx vertx;
  private final FleetState fleet;
  private final EventStream stream;
  private final long intervalMs;
  private final Map<PostId, Long> lastSent = new HashMap<>();
  private final Set<PostId> scheduled = new HashSet<>();

  public PostEvents(Vertx vertx, FleetState fleet, EventStream stream, long intervalMs) {
    this.vertx = vertx;
    this.fleet = fleet;
    this.stream = stream;
    this.intervalMs = intervalMs;
  }

  public void changed(PostId id) {
    if (!scheduled.add(id)) {
      return;
    }
    long now = System.nanoTime() / 1_000_000;
    long wait = Math.max(1, lastSent.getOrDefault(id, Long.MIN_VALUE / 2) + intervalMs - now);
    vertx.setTimer(wait, t -> {
      scheduled.remove(id);
      lastSent.put(id, System.nanoTime() / 1_000_000);
      fleet.summary(id).ifPresent(view -> stream.publish("post", view));
    });
  }
}
