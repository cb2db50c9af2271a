package kuzet.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two hubs on one database, each with its own memory, raise the same PANIC incident: the database keeps one open
 * alert per incident, and the hub it refused takes the stored alert instead of its own.
 */
@ExtendWith(VertxExtension.class)
class TwoHubsRaiseOneIncidentTest {
  @TempDir
  Path dir;

  private Vertx vertx;

  @BeforeEach
  void vertx(Vertx vertx) { // closed after each test by VertxExtension
    this.vertx = vertx;
  }

  private record Hub(Database db, Context ctx, AlertService alerts, List<Alert> seen) {}

  private Hub hub(StoreSettings settings) {
    Database db = Database.open(settings);
    Context ctx = vertx.getOrCreateContext();
    AlertStore store = AlertStore.shared(db, "hub-" + UUID.randomUUID().toString().substring(0, 8));
    AlertService alerts = new AlertService(ctx, store,
        new AuditLog(db, AuditKey.loadOrCreate(dir.resolve("audit.key"))), (post, name, incident, by) -> { },
        Clock.systemUTC(), new SimpleMeterRegistry());
    alerts.load();
    List<Alert> seen = new CopyOnWriteArrayList<>();
    alerts.addListener((before, after) -> seen.add(after));
    return new Hub(db, ctx, alerts, seen);
  }

  private static <T> T on(Hub hub, Supplier<Future<T>> work) throws Exception {
    Promise<T> p = Promise.promise();
    hub.ctx().runOnContext(v -> work.get().onComplete(p));
    return p.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static Alert panic(UUID incident) {
    return Alert.open(AlertTypes.PANIC, Severity.CRITICAL, "alatau-001", "Uzhet", "Alatau", incident,
        PanicRule.key(incident), Instant.now(), "panic button pressed");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theSecondHubToRaiseAnIncidentIsRefusedByTheDatabaseAndTakesTheStoredAlert(Dialect dialect) throws Exception {
    StoreSettings settings = TestDatabases.fresh(dialect, dir);
    Hub a = hub(settings);
    Hub b = hub(settings);
    try {
      UUID incident = UUID.randomUUID();
      Alert first = on(a, () -> {
        Alert raised = a.alerts().raise(panic(incident), "event-at-a").orElseThrow();
        return a.alerts().whenStored(raised.id()).map(v -> raised);
      });
      // hub B never heard of hub A's alert: only the database can stop a second one
      Alert second = on(b, () -> {
        Alert raised = b.alerts().raise(panic(incident), "event-at-b").orElseThrow();
        return b.alerts().whenStored(raised.id()).map(v -> raised);
      });

      assertThat(second.id()).isNotEqualTo(first.id());
      assertThat(openAlerts(a.db(), PanicRule.key(incident))).containsExactly(first.id().toString());
      assertThat(on(b, () -> Future.succeededFuture(b.alerts().active(PanicRule.key(incident)).map(Alert::id))))
          .as("hub B now works on hub A's alert").contains(first.id());
      assertThat(on(b, () -> Future.succeededFuture(b.alerts().get(second.id())))).isEmpty();
      assertThat(b.seen()).as("hub B's board is told its own copy is gone and shown the stored one")
          .anyMatch(x -> x.id().equals(second.id()) && x.state() == AlertState.RESOLVED)
          .anyMatch(x -> x.id().equals(first.id()) && x.active());
    } finally {
      a.db().close();
      b.db().close();
    }
  }

  private static List<String> openAlerts(Database db, String key) {
    return db.callAndWait(c -> query(c, key));
  }

  private static List<String> query(Connection c, String key) throws java.sql.SQLException {
    List<String> ids = new java.util.ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alerts WHERE dedup_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }
}
