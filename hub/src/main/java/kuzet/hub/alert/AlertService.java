package kuzet.hub.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import kuzet.hub.audit.AuditLog;
import kuzet.hub.fleet.PostAlarms;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.CommandName;
import kuzet.protocol.PostId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts the hub is working on, and their lifecycle. Lives on the hub's event loop: the in-memory
 * working set answers at once, and every change is written to the database in order on the database thread
 * (and retried until it is stored: {@link StoreRetry}).
 * Operator actions complete only once their change and audit line are stored.
 */
public final class AlertService {
  private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
  static final int RESOLVED_KEPT = 1_000;
  static final int EVENT_IDS_KEPT = 100_000;
  public static final Comparator<Alert> BOARD_ORDER = Comparator
      .comparing(Alert::severity)
      .thenComparing(Alert::openedAt, Comparator.reverseOrder());

  private final Context context;
  private final AlertStore store;
  private final AuditLog audit;
  private final PostNotifier notifier;
  private final Clock clock;
  private final Map<UUID, Alert> alerts = new HashMap<>();
  private final Map<String, UUID> activeByKey = new HashMap<>();
  /**
   * The ids of each post's active alerts. Rules ask for one post's alerts on every message and the board's post
   * events on every change; a scan of the whole working set there costs as much as the rest of ingest together.
   */
  private final Map<String, Set<UUID>> activeByPost = new HashMap<>();
  private final Deque<UUID> resolvedOrder = new ArrayDeque<>();
  private final RecentIds seenEvents = new RecentIds(EVENT_IDS_KEPT);
  private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
  private final List<UnaryOperator<Alert>> openers = new CopyOnWriteArrayList<>();
  private final List<Predicate<Alert>> holds = new CopyOnWriteArrayList<>();
  private final StoreRetry storage;
  private final ChatterHold chatter = new ChatterHold();

  public AlertService(Context context, AlertStore store, AuditLog audit, PostNotifier notifier, Clock clock,
                      MeterRegistry meters) {
    this(context, store, audit, notifier, clock, meters, Duration.ofSeconds(1));
  }

  /** @param retryEvery how often changes the database refused are offered to it again */
  public AlertService(Context context, AlertStore store, AuditLog audit, PostNotifier notifier, Clock clock,
                      MeterRegistry meters, Duration retryEvery) {
    this.context = context;
    this.store = store;
    this.audit = audit;
    this.notifier = notifier;
    this.clock = clock;
    this.storage = new StoreRetry(context, store, alerts::get, this::yieldTo, this::adopt, retryEvery, meters);
  }

  /**
   * Completes once the alert's newest change is in the database; until then a restart could lose it, so the
   * post is not told PANIC_RECEIVED before this completes.
   */
  public Future<Void> whenStored(UUID alertId) {
    return storage.whenStored(alertId);
  }

  /** Loads the working set from the database. Blocking: call once at start-up, before messages flow. */
  public void load() {
    List<Alert> loaded = store.loadWorkingSet(RESOLVED_KEPT);
    loaded.stream().sorted(Comparator.comparing(Alert::openedAt)).forEach(this::index);
    List<String> ids = store.loadEventIds(EVENT_IDS_KEPT);
    for (int i = ids.size() - 1; i >= 0; i--) {
      seenEvents.add(ids.get(i));
    }
    LOG.info("loaded {} alerts ({} not resolved) and {} event ids", loaded.size(), activeByKey.size(), ids.size());
  }

  /**
   * Adds a step every new alert goes through before it is stored and announced (escalation's first,
   * immediate step), so that an alert is born complete: one stored row, one stream event.
   */
  public void addOpener(UnaryOperator<Alert> opener) {
    openers.add(opener);
  }

  /**
   * An alert the system resolved that comes back within {@code window} reopens as the same alert with its
   * count raised, so a condition that opens and clears again and again is one card, not a stream of them
   * (ISA-18.2 chattering alarms). PANIC is never held back. Zero turns this off.
   */
  public void holdBackChatter(Duration window) {
    chatter.window(window);
  }

  /** Adds a check every new alert meets before it is raised; {@code true} holds it back (an operator's shelf). */
  public void addHold(Predicate<Alert> hold) {
    holds.add(hold);
  }

  public void addListener(AlertListener l) {
    listeners.add(l);
  }

  public Optional<Alert> get(UUID id) {
    return Optional.ofNullable(alerts.get(id));
  }

  /** Alerts in the given states, critical first, then newest first. */
  public List<Alert> list(Collection<AlertState> states) {
    return alerts.values().stream().filter(a -> states.contains(a.state())).sorted(BOARD_ORDER).toList();
  }

  /** The post's active (open or acknowledged) alerts, critical first, then newest first. */
  public List<Alert> activeFor(String postId) {
    Set<UUID> ids = activeByPost.get(postId);
    if (ids == null) {
      return List.of();
    }
    return ids.stream().map(alerts::get).sorted(BOARD_ORDER).toList();
  }

  public Optional<Alert> active(String dedupKey) {
    UUID id = activeByKey.get(dedupKey);
    return id == null ? Optional.empty() : Optional.of(alerts.get(id));
  }

  /** The post's active alerts, and the highest priority among those that are alarms (the row's colour). */
  public PostAlarms alarms(String postId) {
    Set<UUID> ids = activeByPost.get(postId);
    if (ids == null) {
      return PostAlarms.NONE;
    }
    long open = 0;
    Severity worst = null;
    for (UUID id : ids) {
      Alert a = alerts.get(id);
      open++;
      if (AlertCatalog.isAlarm(a.type()) && (worst == null || a.severity().compareTo(worst) < 0)) {
        worst = a.severity();
      }
    }
    return open == 0 ? PostAlarms.NONE : new PostAlarms(open, worst == null ? null : worst.name());
  }

  public boolean seenEvent(String eventId) {
    return seenEvents.contains(eventId);
  }

  /** Opens an alert, or returns the one already active under the same key; empty when a hold (a shelf) keeps it back. */
  public Optional<Alert> open(String type, Severity severity, RegisteredPost post, UUID incidentId, String dedupKey,
                    String detail, String eventId) {
    return raise(Alert.open(type, severity, post.id().value(), post.name(), post.district(), incidentId, dedupKey,
        clock.instant(), detail), eventId);
  }

  /**
   * Adds a new alert built by a rule (which may already carry more history lines), or returns the one
   * already active under its key; empty when a hold keeps it back. {@code eventId}, when given, is remembered for
   * deduplication.
   */
  public Optional<Alert> raise(Alert fresh, String eventId) {
    Optional<Alert> existing = active(fresh.dedupKey());
    if (existing.isPresent()) {
      return existing;
    }
    for (Predicate<Alert> hold : holds) {
      if (hold.test(fresh)) {
        return Optional.empty();
      }
    }
    Optional<Alert> chattering = chatter.chattering(fresh, clock.instant(), alerts::get);
    if (chattering.isPresent()) {
      Alert before = chattering.get();
      resolvedOrder.remove(before.id());
      Alert next = before.reopened(clock.instant(), "back " + Duration.between(before.resolvedAt(), clock.instant())
          .toSeconds() + " s after it cleared (" + (before.repeats() + 2) + " times): " + fresh.history().get(0).detail());
      change(before, next, eventId);
      return Optional.of(next);
    }
    for (UnaryOperator<Alert> o : openers) {
      fresh = o.apply(fresh);
    }
    change(null, fresh, eventId);
    LOG.warn("alert {} {} opened for post {}: {}", fresh.type(), fresh.id(), fresh.postId(),
        fresh.history().get(0).detail());
    return Optional.of(fresh);
  }

  /** Applies a rule's change to the current copy of an alert as one update (one stored row, one event). */
  public Alert update(Alert alert, UnaryOperator<Alert> step, String eventId) {
    Alert before = current(alert);
    Alert next = step.apply(before);
    change(before, next, eventId);
    return next;
  }

  public Alert repeat(Alert alert, String detail, String eventId) {
    return update(alert, a -> a.repeated(clock.instant(), detail), eventId);
  }

  /** Adds a history line written by the system (RECEIVED_SENT, NOTIFIED, ...). */
  public Alert log(Alert alert, AlertAction action, String detail) {
    Alert before = current(alert);
    Alert next = before.log(clock.instant(), action, "system", detail);
    change(before, next, null);
    return next;
  }

  /** Resolves an alert without an operator (a post came back). */
  public Alert resolveBySystem(Alert alert, String note) {
    Alert before = current(alert);
    Alert next = before.resolved(clock.instant(), "system", note);
    change(before, next, null);
    return next;
  }

  public Future<Alert> acknowledge(UUID id, String by, String note) {
    return operatorAction(id, by, "ALERT_ACKNOWLEDGED", a -> a.acknowledged(clock.instant(), by, note),
        CommandName.PANIC_ACK, note);
  }

  public Future<Alert> dispatch(UUID id, String by, String note) {
    return operatorAction(id, by, "ALERT_DISPATCHED", a -> a.dispatched(clock.instant(), by, note),
        CommandName.PANIC_DISPATCHED, note);
  }

  public Future<Alert> resolve(UUID id, String by, String note) {
    return operatorAction(id, by, "ALERT_RESOLVED", a -> a.resolved(clock.instant(), by, note),
        CommandName.PANIC_CLEAR, note);
  }

  private Future<Alert> operatorAction(UUID id, String by, String auditAction,
                                       UnaryOperator<Alert> step, CommandName panicCommand,
                                       String note) {
    Alert before = alerts.get(id);
    if (before == null) {
      return Future.failedFuture(new AlertNotFoundException(id));
    }
    Alert next;
    try {
      next = step.apply(before);
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    Future<Void> stored = change(before, next, null);
    if (next.type().equals(AlertTypes.PANIC) && next.incidentId() != null) {
      notifier.panicState(new PostId(next.postId()), panicCommand, next.incidentId(), by);
    }
    Future<Void> audited = audit.record(context, clock.instant(), by, auditAction, id.toString(),
        "post " + next.postId() + (note == null ? "" : ": " + note));
    return Future.all(stored, audited).map(v -> next);
  }

  /**
   * The database holds another open alert under {@code refused}'s key (another hub raised the incident first):
   * this hub drops its copy, shown as resolved as a duplicate (not stored: there is one stored alert per incident),
   * and works on the stored one from now on.
   */
  private Future<Void> yieldTo(Alert refused) {
    return store.open(context, refused.dedupKey()).map(stored -> {
      Alert mine = alerts.getOrDefault(refused.id(), refused);
      forget(refused.id());
      activeByKey.remove(refused.dedupKey(), refused.id());
      Alert dropped = mine.resolved(clock.instant(), "system",
          "duplicate of alert " + stored.map(a -> a.id().toString()).orElse("(none open)") + " raised by another hub");
      stored.ifPresent(this::index);
      for (AlertListener l : listeners) {
        try {
          l.changed(mine, dropped);
          stored.ifPresent(a -> l.changed(a, a));
        } catch (RuntimeException e) {
          LOG.error("alert listener failed", e);
        }
      }
      return null;
    });
  }

  /**
   * The stored copy of an alert that another hub changed (or raised): merged with this hub's copy, shown, and not
   * stored again (it is stored; a change of this hub's own that is still on its way merges with it there).
   */
  public void adopt(Alert stored) {
    Alert mine = alerts.get(stored.id());
    Alert next = mine == null ? stored : mine.merge(stored);
    if (next.equals(mine)) {
      return;
    }
    if (mine == null && !next.active() && !resolvedOrder.isEmpty()
        && alerts.get(resolvedOrder.peekFirst()).openedAt().isAfter(next.openedAt())) {
      return; // older than anything resolved this hub keeps: no board shows it
    }
    index(next);
    for (AlertListener l : listeners) {
      try {
        l.adopted(mine, next);
      } catch (RuntimeException e) {
        LOG.error("alert listener failed", e);
      }
    }
  }

  private Alert current(Alert alert) {
    Alert a = alerts.get(alert.id());
    return a == null ? alert : a;
  }

  private Future<Void> change(Alert before, Alert after, String eventId) {
    index(after);
    if (eventId != null) {
      seenEvents.add(eventId);
    }
    Future<Void> stored = storage.save(after, eventId, clock.instant());
    for (AlertListener l : listeners) {
      try {
        l.changed(before, after);
      } catch (RuntimeException e) {
        LOG.error("alert listener failed", e);
      }
    }
    return stored;
  }

  private void index(Alert a) {
    Alert previous = alerts.put(a.id(), a);
    if (previous != null) {
      untrack(previous);
    }
    if (a.active()) {
      activeByPost.computeIfAbsent(a.postId(), p -> new HashSet<>()).add(a.id());
    }
    if (a.active()) {
      activeByKey.put(a.dedupKey(), a.id());
    } else if (previous == null || previous.active()) {
      activeByKey.remove(a.dedupKey(), a.id());
      resolvedOrder.addLast(a.id());
      chatter.indexed(a);
      while (resolvedOrder.size() > RESOLVED_KEPT) {
        UUID oldest = resolvedOrder.removeFirst();
        forget(oldest);
        chatter.forget(oldest);
      }
    }
  }

  private void forget(UUID id) {
    Alert gone = alerts.remove(id);
    if (gone != null) {
      untrack(gone);
    }
  }

  private void untrack(Alert a) {
    Set<UUID> ids = activeByPost.get(a.postId());
    if (ids != null && ids.remove(a.id()) && ids.isEmpty()) {
      activeByPost.remove(a.postId());
    }
  }

  public Instant now() {
    return clock.instant();
  }
}
