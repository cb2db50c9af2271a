package kuzet.hub.shelving;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertCatalog;
import kuzet.hub.alert.AlertConflictException;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertState;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.audit.AuditLog;

/**
 * Operators' shelves (ISA-18.2 shelving): one alert type at one post held back for a bounded time, with a
 * reason, in the audit chain, ending by itself on the hub's clock. PANIC and TAMPER can never be shelved
 * ({@link AlertCatalog}). On the hub's event loop; the tick (as a {@link Rule}) ends shelves whose time is up.
 */
public final class Shelving implements Rule {
  public static final int REASON_MAX = 500;

  private final Context context;
  private final ShelfStore store;
  private final AuditLog audit;
  private final AlertService alerts;
  private final Clock clock;
  private final Duration max;
  private final Map<String, Shelf> standing = new LinkedHashMap<>();
  private final List<Consumer<Shelf>> listeners = new ArrayList<>();

  public Shelving(Context context, ShelfStore store, AuditLog audit, AlertService alerts, Clock clock, Duration max) {
    this.context = context;
    this.store = store;
    this.audit = audit;
    this.alerts = alerts;
    this.clock = clock;
    this.max = max;
    alerts.addHold(this::holdsBack);
  }

  /** Loads the shelves still standing. Blocking: call once at start-up. */
  public void load() {
    store.standing().forEach(s -> standing.put(s.key(), s));
  }

  /**
   * Takes in the shelves other active hubs started or ended ({@code store.hubs=active}), from the database: a shelf
   * put up on one hub holds its alerts back on every hub within one refresh.
   */
  public Future<Void> refresh() {
    return context.owner().executeBlocking(store::standing).map(stored -> {
      java.util.Set<String> keys = new java.util.HashSet<>();
      for (Shelf s : stored) {
        keys.add(s.key());
        if (standing.putIfAbsent(s.key(), s) == null) {
          listeners.forEach(l -> l.accept(s));
        }
      }
      for (Shelf s : List.copyOf(standing.values())) {
        if (!keys.contains(s.key()) && !s.shelvedAt().isAfter(clock.instant().minusSeconds(5))) {
          standing.remove(s.key());
          listeners.forEach(l -> l.accept(s.ended(clock.instant(), "another hub")));
        }
      }
      return null;
    });
  }

  /** Only the hub on duty ends expired shelves, so each expiry is audited once. */
  @Override
  public boolean needsDuty() {
    return true;
  }

  /** Told every shelf that starts or ends (the live stream). */
  public void addListener(Consumer<Shelf> l) {
    listeners.add(l);
  }

  public List<Shelf> standing() {
    return List.copyOf(standing.values());
  }

  public Duration max() {
    return max;
  }

  private boolean holdsBack(Alert fresh) {
    String key = fresh.postId() + "/" + fresh.type();
    Shelf s = standing.get(key);
    if (s == null || !AlertCatalog.isShelvable(fresh.type())) {
      return false;
    }
    standing.put(key, s.heldBack());
    return true;
  }

  /**
   * Shelves {@code type} at {@code postId}: its active alerts there are resolved with the shelf's reason, new ones
   * are held back until the shelf ends. Completes once the shelf and its audit entry are stored.
   */
  public Future<Shelf> shelve(String postId, String type, Duration length, String reason, String by) {
    if (!AlertCatalog.isShelvable(type)) {
      throw new IllegalArgumentException(type + " can never be shelved");
    }
    if (length.isNegative() || length.isZero() || length.compareTo(max) > 0) {
      throw new IllegalArgumentException("a shelf lasts more than 0 and at most " + max.toMinutes() + " minutes");
    }
    Shelf old = standing.get(postId + "/" + type);
    if (old != null) {
      throw new AlertConflictException(type + " at " + postId + " is already shelved by " + old.shelvedBy()
          + " until " + old.until() + "; take that shelf off first");
    }
    Instant now = clock.instant();
    Shelf s = new Shelf(UUID.randomUUID(), postId, type, by, reason, now, now.plus(length), null, null, 0);
    standing.put(s.key(), s);
    String note = "shelved by " + by + " until " + s.until() + ": " + reason;
    alerts.list(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED)).stream()
        .filter(a -> a.postId().equals(postId) && a.type().equals(type))
        .forEach(a -> alerts.resolveBySystem(a, note));
    listeners.forEach(l -> l.accept(s));
    return Future.all(store.insert(context, s),
            audit.record(context, now, by, "ALERT_SHELVED", s.key(), "until " + s.until() + ": " + reason))
        .map(v -> s);
  }

  /** Takes a standing shelf off before its time; empty when there is no such standing shelf. */
  public Optional<Future<Shelf>> unshelve(UUID id, String by) {
    return standing.values().stream().filter(s -> s.id().equals(id)).findFirst()
        .map(s -> end(s, by, "ALERT_UNSHELVED"));
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    standing.values().stream().filter(s -> !now.isBefore(s.until())).toList()
        .forEach(s -> end(s, "system", "ALERT_SHELF_EXPIRED")
            .onFailure(e -> org.slf4j.LoggerFactory.getLogger(Shelving.class).error("could not end shelf {}", s.key(), e)));
  }

  private Future<Shelf> end(Shelf s, String by, String action) {
    Instant now = clock.instant();
    Shelf ended = s.ended(now, by);
    standing.remove(s.key());
    listeners.forEach(l -> l.accept(ended));
    return Future.all(store.end(context, ended), audit.record(context, now, by, action, s.key(),
        "shelved by " + s.shelvedBy() + " until " + s.until() + ", " + s.suppressed() + " alerts held back"))
        .map(v -> ended);
  }
}
