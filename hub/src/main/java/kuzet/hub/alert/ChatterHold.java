package kuzet.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Remembers the alert the system resolved last under each dedup key, so one that comes back within the window
 * reopens instead of becoming a new card (ISA-18.2 chattering alarms). PANIC is never held back. On the hub's
 * event loop, like {@link AlertService}.
 */
final class ChatterHold {
  private final Map<String, UUID> lastCleared = new HashMap<>();
  private Duration window = Duration.ZERO;

  void window(Duration w) {
    this.window = w;
  }

  void indexed(Alert a) {
    if (!a.active() && "system".equals(a.resolvedBy())) {
      lastCleared.put(a.dedupKey(), a.id());
    }
  }

  void forget(UUID id) {
    lastCleared.values().remove(id);
  }

  /** The resolved alert {@code fresh} should reopen, if it chatters. */
  Optional<Alert> chattering(Alert fresh, Instant now, Function<UUID, Alert> alerts) {
    if (window.isZero() || fresh.type().equals(AlertTypes.PANIC)) {
      return Optional.empty();
    }
    UUID id = lastCleared.get(fresh.dedupKey());
    Alert last = id == null ? null : alerts.apply(id);
    if (last == null || last.active() || !"system".equals(last.resolvedBy())
        || last.resolvedAt().plus(window).isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(last);
  }
}
