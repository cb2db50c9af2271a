package kuzet.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditLog;
import kuzet.hub.testing.TestDatabases;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two active hubs on one PostgreSQL database, each with its own memory: what one raises shows on the other within a
 * second, and when both change one alert at once (an operator on one, the system on the other), neither change is
 * lost and both hubs end on the stored alert.
 */
@ExtendWith(VertxExtension.class)
class ActiveHubsShareAlertsTest {
  @TempDir
  Path dir;

  private Vertx vertx;

  @BeforeEach
  void vertx(Vertx vertx) { // closed after each test by VertxExtension
    this.vertx = vertx;
  }

  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private record Hub(Database db, Context ctx, AlertService alerts, List<Alert> seen, SimpleMeterRegistry meters) {
    double feedReads() {
      return meters.counter(AlertFeed.READS).count();
    }
  }

  private Hub hub(StoreSettings settings, String name) {
    Database db = Database.open(settings);
    open.add(db);
    Context ctx = vertx.getOrCreateContext();
    AlertStore store = AlertStore.shared(db, name);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AlertService alerts = new AlertService(ctx, store,
        new AuditLog(db, AuditKey.loadOrCreate(dir.resolve("audit.key"))), (post, cmd, incident, by) -> { },
        Clock.systemUTC(), meters);
    alerts.load();
    alerts.addListener(new AlertAuditTrail(ctx, new AuditLog(db, AuditKey.loadOrCreate(dir.resolve("audit.key"))),
        Clock.systemUTC()));
    List<Alert> seen = new CopyOnWriteArrayList<>();
    alerts.addListener((before, after) -> seen.add(after));
    open.add(AlertFeed.start(ctx, settings, name, store, alerts, meters));
    return new Hub(db, ctx, alerts, seen, meters);
  }

  private static <T> T on(Hub hub, Supplier<Future<T>> work) throws Exception {
    Promise<T> p = Promise.promise();
    hub.ctx().runOnContext(v -> work.get().onComplete(p));
    return p.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** A PANIC raised on {@code hub}, once it is stored. */
  private static Alert panic(Hub hub) throws Exception {
    UUID incident = UUID.randomUUID();
    return on(hub, () -> {
      Alert r = hub.alerts().raise(Alert.open(AlertTypes.PANIC, Severity.CRITICAL, "alatau-001", "Uzhet", "Alatau",
          incident, PanicRule.key(incident), Instant.now(), "panic button pressed"), "event-1").orElseThrow();
      return hub.alerts().whenStored(r.id()).map(v -> r);
    });
  }

  private static Optional<Alert> copy(Hub hub, UUID id) throws Exception {
    return on(hub, () -> Future.succeededFuture(hub.alerts().get(id)));
  }

  @Test
  void aPanicRaisedOnOneHubIsOnTheOtherHubsBoardAndBothChangesToItAreKept() throws Exception {
    StoreSettings settings = TestDatabases.fresh(Dialect.POSTGRESQL, dir);
    Hub a = hub(settings, "hub-a");
    Hub b = hub(settings, "hub-b");
    Alert raised = panic(a);

    await().atMost(Duration.ofSeconds(5)).until(() -> copy(b, raised.id()).isPresent());
    assertThat(b.seen()).as("hub B's board was told").anyMatch(x -> x.id().equals(raised.id()));

    // at the same moment: an operator on hub B acknowledges, and hub A (which has not heard yet) logs a line
    Promise<Alert> acked = Promise.promise();
    Promise<Alert> logged = Promise.promise();
    b.ctx().runOnContext(v -> b.alerts().acknowledge(raised.id(), "aigerim", "on my way").onComplete(acked));
    a.ctx().runOnContext(v -> {
      Alert l = a.alerts().log(raised, AlertAction.RECEIVED_SENT, "PANIC_RECEIVED sent");
      a.alerts().whenStored(l.id()).map(x -> l).onComplete(logged);
    });
    acked.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    logged.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

    Alert stored = a.db().callAndWait(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT json FROM alerts WHERE id = ?")) {
        ps.setString(1, raised.id().toString());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return kuzet.store.Json.read(rs.getString(1), Alert.class);
        }
      }
    });
    assertThat(stored.state()).as("the acknowledgement is stored").isEqualTo(AlertState.ACKNOWLEDGED);
    assertThat(stored.acknowledgedBy()).isEqualTo("aigerim");
    assertThat(stored.history()).extracting(Alert.HistoryEntry::action)
        .as("and so is the other hub's line").contains(AlertAction.RECEIVED_SENT, AlertAction.ACKNOWLEDGED);

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(copy(a, raised.id()).orElseThrow().history()).isEqualTo(stored.history());
      assertThat(copy(b, raised.id()).orElseThrow().history()).isEqualTo(stored.history());
      assertThat(copy(a, raised.id()).orElseThrow().state()).isEqualTo(AlertState.ACKNOWLEDGED);
    });
    assertThat(auditCount(a.db(), "ALERT_OPENED", raised.id())).as("opened audited once, by the hub that raised it")
        .isEqualTo(1);
    assertThat(auditCount(a.db(), "ALERT_ACKNOWLEDGED", raised.id())).isEqualTo(1);
  }

  @Test
  void aHubDoesNotReadAgainTheAlertsItChangedItself() throws Exception {
    StoreSettings settings = TestDatabases.fresh(Dialect.POSTGRESQL, dir);
    Hub a = hub(settings, "hub-a");
    Hub b = hub(settings, "hub-b");
    Alert raised = panic(a);
    await().atMost(Duration.ofSeconds(5)).until(() -> copy(b, raised.id()).isPresent());
    on(b, () -> b.alerts().acknowledge(raised.id(), "aigerim", "on my way"));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> copy(a, raised.id()).orElseThrow().state() == AlertState.ACKNOWLEDGED);

    // both hubs heard both notifications (they listen on one channel): each read only the other's change
    Thread.sleep(500);
    assertThat(a.feedReads()).as("hub A read hub B's acknowledgement, not its own raise").isEqualTo(1);
    assertThat(b.feedReads()).as("hub B read hub A's raise, not its own acknowledgement").isEqualTo(1);
  }

  private static long auditCount(Database db, String action, UUID alert) {
    return db.callAndWait(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit WHERE action = ? AND target = ?")) {
        ps.setString(1, action);
        ps.setString(2, alert.toString());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}
