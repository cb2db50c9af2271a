package kuzet.hub.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every alert change durable even while the database is down or slow: a save that fails is kept (one
 * entry per alert, with the events that must be remembered with it) and retried every {@code period} with the
 * alert's newest version, until the database takes it. Each change's future completes only once it is stored,
 * so the post hears PANIC_RECEIVED only for a PANIC that a restart cannot lose. The entries are bounded by the
 * alerts in memory: one per alert, however many changes failed.
 */
final class StoreRetry {
  private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);

  private record EventRow(String eventId, Instant receivedAt) {}

  private static final class Unsaved {
    Alert latest;
    final List<EventRow> events = new ArrayList<>();
    final List<Promise<Void>> waiting = new ArrayList<>();
  }

  private final Context context;
  private final AlertStore store;
  private final Function<UUID, Alert> current;
  private final Duration period;
  private final Map<UUID, Unsaved> unsaved = new LinkedHashMap<>();
  private final Map<UUID, Future<Void>> lastChange = new HashMap<>();
  private final Counter failures;
  private final Counter duplicates;
  private final Function<Alert, Future<Void>> duplicate;
  private final java.util.function.Consumer<Alert> merged;
  private boolean scheduled;

  /**
   * @param duplicate what to do with an alert the database refused as a duplicate of one another hub stored; its
   *                  future completes once the hub holds the stored one instead
   * @param merged    told the stored alert when it holds more than the change saved (another hub changed it too)
   */
  StoreRetry(Context context, AlertStore store, Function<UUID, Alert> current, Function<Alert, Future<Void>> duplicate,
             java.util.function.Consumer<Alert> merged, Duration period, MeterRegistry meters) {
    this.context = context;
    this.merged = merged;
    this.duplicate = duplicate;
    this.duplicates = meters.counter("kuzet_alert_duplicates_refused");
    this.store = store;
    this.current = current;
    this.period = period;
    this.failures = meters.counter("kuzet_alert_store_failures");
    meters.gaugeMapSize("kuzet_alert_store_unsaved", List.of(), unsaved);
  }

  /** Stores one change; the future completes when it (or a newer version of the alert) is in the database. */
  Future<Void> save(Alert alert, String eventId, Instant receivedAt) {
    Promise<Void> durable = Promise.promise();
    Future<Alert> first = eventId == null ? store.save(context, alert) : store.save(context, alert, eventId, receivedAt);
    first.onComplete(r -> {
      if (r.succeeded()) {
        stored(alert, r.result());
        durable.complete();
      } else if (r.cause() instanceof DuplicateAlertException d) {
        refused(d).onComplete(v -> durable.complete());
      } else {
        failures.increment();
        LOG.error("could not store alert {} (kept, retried every {} ms): {}", alert.id(), period.toMillis(),
            r.cause().getMessage());
        park(alert, eventId, receivedAt, durable);
      }
    });
    Future<Void> done = durable.future();
    lastChange.put(alert.id(), done);
    done.onSuccess(v -> lastChange.remove(alert.id(), done));
    return done;
  }

  /** Completes when the alert's newest change so far is stored (at once when nothing is pending). */
  Future<Void> whenStored(UUID alertId) {
    return lastChange.getOrDefault(alertId, Future.succeededFuture());
  }

  int unsavedCount() {
    return unsaved.size();
  }

  private void park(Alert alert, String eventId, Instant receivedAt, Promise<Void> durable) {
    Unsaved u = unsaved.computeIfAbsent(alert.id(), id -> new Unsaved());
    u.latest = alert;
    if (eventId != null) {
      u.events.add(new EventRow(eventId, receivedAt));
    }
    u.waiting.add(durable);
    if (!scheduled) {
      scheduled = true;
      context.owner().setTimer(period.toMillis(), t -> context.runOnContext(v -> sweep()));
    }
  }

  private void sweep() {
    scheduled = false;
    List<Future<Void>> attempts = new ArrayList<>();
    for (Map.Entry<UUID, Unsaved> e : new ArrayList<>(unsaved.entrySet())) {
      attempts.add(retry(e.getKey(), e.getValue()));
    }
    Future.join(attempts).onComplete(r -> {
      if (!unsaved.isEmpty() && !scheduled) {
        scheduled = true;
        context.owner().setTimer(period.toMillis(), t -> context.runOnContext(v -> sweep()));
      }
    });
  }

  private Future<Void> retry(UUID id, Unsaved u) {
    Alert newest = current.apply(id);
    Alert alert = newest == null ? u.latest : newest;
    List<EventRow> events = List.copyOf(u.events);
    Future<Alert> saved = events.isEmpty() ? store.save(context, alert) : Future.succeededFuture(alert);
    for (EventRow row : events) {
      saved = saved.compose(v -> store.save(context, alert, row.eventId(), row.receivedAt()));
    }
    return saved.<Void>map(s -> {
      stored(alert, s);
      return null;
    }).onSuccess(v -> {
      u.events.removeAll(events);
      if (u.events.isEmpty() && unsaved.remove(id, u)) {
        LOG.info("alert {} stored after {} failed attempt(s)", id, u.waiting.size());
        u.waiting.forEach(Promise::tryComplete);
      }
    }).recover(e -> {
      if (e instanceof DuplicateAlertException d && unsaved.remove(id, u)) {
        return refused(d).onComplete(v -> u.waiting.forEach(Promise::tryComplete));
      }
      return Future.failedFuture(e);
    });
  }

  private void stored(Alert saved, Alert stored) {
    if (!stored.equals(saved)) {
      merged.accept(stored);
    }
  }

  private Future<Void> refused(DuplicateAlertException d) {
    duplicates.increment();
    LOG.warn("{}; another hub raised it first: taking the stored alert instead", d.getMessage());
    return duplicate.apply(d.refused()).recover(e -> {
      LOG.error("could not load the stored alert for {}: {}", d.refused().dedupKey(), e.getMessage());
      return Future.succeededFuture();
    });
  }
}
