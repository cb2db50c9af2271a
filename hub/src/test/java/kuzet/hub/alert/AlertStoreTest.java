package kuzet.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kuzet.hub.testing.TestDatabases;
import kuzet.store.Database;
import kuzet.store.Dialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Alerts and the events that raised them, on both engines (one suite). */
@ExtendWith(VertxExtension.class)
class AlertStoreTest {
  @TempDir
  Path dir;

  private Context ctx;

  @BeforeEach
  void context(Vertx vertx) { // the Vert.x is closed after each test by VertxExtension
    ctx = vertx.getOrCreateContext();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Alert panic(UUID incident, Instant at) {
    return Alert.open(AlertTypes.PANIC, Severity.CRITICAL, "alatau-001", "Uzhet", "Alatau", incident,
        PanicRule.key(incident), at, "panic button pressed");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aRedeliveredEventIsStoredOnceAndTheAlertKeepsItsLatestState(Dialect dialect) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      AlertStore store = new AlertStore(db);
      UUID incident = UUID.randomUUID();
      Instant t0 = Instant.parse("2026-11-24T20:00:00Z");
      Alert opened = panic(incident, t0);
      await(store.save(ctx, opened, "event-1", t0));
      await(store.save(ctx, opened, "event-1", t0.plusSeconds(1)));
      await(store.save(ctx, opened.acknowledged(t0.plusSeconds(20), "duty1", null), "event-2", t0.plusSeconds(20)));

      List<Alert> loaded = store.loadWorkingSet(10);
      assertThat(loaded).hasSize(1);
      assertThat(loaded.get(0).state()).isEqualTo(AlertState.ACKNOWLEDGED);
      assertThat(loaded.get(0).acknowledgedBy()).isEqualTo("duty1");
      assertThat(loaded.get(0).dedupKey()).isEqualTo(PanicRule.key(incident));
      assertThat(store.loadEventIds(10)).containsExactlyInAnyOrder("event-1", "event-2");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aCopyThatMissedAnotherHubsChangeDoesNotOverwriteIt(Dialect dialect) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      AlertStore store = AlertStore.shared(db, "hub-a");
      Instant t0 = Instant.parse("2026-11-24T20:00:00Z");
      Alert opened = panic(UUID.randomUUID(), t0);
      await(store.save(ctx, opened, "event-1", t0));
      await(store.save(ctx, opened.acknowledged(t0.plusSeconds(20), "duty1", "seen")));
      // the other hub still holds the alert as opened, and adds a line to it
      Alert stale = opened.log(t0.plusSeconds(30), AlertAction.RECEIVED_SENT, "system", "PANIC_RECEIVED sent");
      Alert stored = await(store.save(ctx, stale));

      Alert loaded = store.loadWorkingSet(10).get(0);
      assertThat(loaded).isEqualTo(stored);
      assertThat(loaded.state()).isEqualTo(AlertState.ACKNOWLEDGED);
      assertThat(loaded.acknowledgedBy()).isEqualTo("duty1");
      assertThat(loaded.history()).extracting(Alert.HistoryEntry::action)
          .containsExactly(AlertAction.OPENED, AlertAction.ACKNOWLEDGED, AlertAction.RECEIVED_SENT);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theWorkingSetHasEveryOpenAlertAndOnlyTheNewestResolvedOnes(Dialect dialect) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      AlertStore store = new AlertStore(db);
      Instant t0 = Instant.parse("2026-11-24T20:00:00Z");
      for (int i = 0; i < 5; i++) {
        Alert a = panic(UUID.randomUUID(), t0.plusSeconds(i));
        await(store.save(ctx, a.resolved(t0.plusSeconds(100 + i), "duty1", "checked")));
      }
      Alert open = panic(UUID.randomUUID(), t0.minusSeconds(3600));
      await(store.save(ctx, open));

      List<Alert> loaded = store.loadWorkingSet(2);
      assertThat(loaded).extracting(Alert::id).contains(open.id());
      assertThat(loaded).filteredOn(a -> a.state() == AlertState.RESOLVED)
          .extracting(Alert::openedAt).containsExactlyInAnyOrder(t0.plusSeconds(4), t0.plusSeconds(3));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aSingleHubWritesItsCopyWithoutReadingTheStoredOne(Dialect dialect) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      AlertStore store = new AlertStore(db);
      Instant t0 = Instant.parse("2026-11-24T20:00:00Z");
      Alert opened = panic(UUID.randomUUID(), t0);
      await(store.save(ctx, opened, "event-1", t0));
      // a change no single hub makes: were the stored copy read (and locked) first, it would be merged in
      await(AlertStore.shared(db, "hub-b").save(ctx, opened.acknowledged(t0.plusSeconds(20), "duty1", "seen")));
      Alert mine = opened.log(t0.plusSeconds(30), AlertAction.RECEIVED_SENT, "system", "PANIC_RECEIVED sent");

      assertThat(await(store.save(ctx, mine))).as("what it stored is its own copy").isEqualTo(mine);
      Alert loaded = store.loadWorkingSet(10).get(0);
      assertThat(loaded.state()).isEqualTo(AlertState.OPEN);
      assertThat(loaded.history()).extracting(Alert.HistoryEntry::action)
          .containsExactly(AlertAction.OPENED, AlertAction.RECEIVED_SENT);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aRaisedIncidentStoredTwiceUnderNewIdsIsRefusedAsADuplicateWithOrWithoutMerging(Dialect dialect)
      throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      UUID incident = UUID.randomUUID();
      Instant t0 = Instant.parse("2026-11-24T20:00:00Z");
      await(new AlertStore(db).save(ctx, panic(incident, t0), "event-1", t0));
      for (AlertStore store : List.of(new AlertStore(db), AlertStore.shared(db, "hub-b"))) {
        Alert again = panic(incident, t0.plusSeconds(1));
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> await(store.save(ctx, again)));
        assertThat(java.util.stream.Stream.iterate(refused, java.util.Objects::nonNull, Throwable::getCause))
            .anyMatch(DuplicateAlertException.class::isInstance);
      }
    }
  }
}
