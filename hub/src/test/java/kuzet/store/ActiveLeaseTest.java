package kuzet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import kuzet.hub.testing.TcpProxy;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hubs on one PostgreSQL database: one active, one standby that takes over, never both active. */
class ActiveLeaseTest {
  private static final Duration CHECK = Duration.ofSeconds(1);

  @TempDir
  Path dir;

  private static CompletableFuture<ActiveLease> standby(StoreSettings store, String hubId, AtomicBoolean lost) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return ActiveLease.acquire(store, hubId, CHECK, () -> lost.set(true));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void theRosterNamesTheActiveHubAndItsStandbysAndForgetsAHubWhoseSessionEnded() throws Exception {
    StoreSettings pg = TestDatabases.postgres();
    ActiveLease a = ActiveLease.acquire(pg, "hub-a", CHECK, () -> { });
    CompletableFuture<ActiveLease> b = standby(pg, "hub-b", new AtomicBoolean());
    try (Database db = Database.open(pg)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> db.callAndWait(ActiveLease::roster).size() == 2);
      assertThat(db.callAndWait(ActiveLease::roster))
          .extracting(ActiveLease.Member::hubId, ActiveLease.Member::active)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("hub-a", true),
              org.assertj.core.groups.Tuple.tuple("hub-b", false));
      a.close();
      try (ActiveLease taken = b.get(10, java.util.concurrent.TimeUnit.SECONDS)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> db.callAndWait(ActiveLease::roster).equals(
            List.of(new ActiveLease.Member("hub-b", true, db.callAndWait(ActiveLease::roster).get(0).since()))));
      }
    } finally {
      a.close();
    }
  }

  @Test
  void aStandbyTakesOverAtOnceWhenTheActiveHubsProcessDies() throws Exception {
    StoreSettings pg = TestDatabases.postgres();
    AtomicBoolean lostA = new AtomicBoolean();
    ActiveLease a = ActiveLease.acquire(pg, "hub-a", CHECK, () -> lostA.set(true));
    CompletableFuture<ActiveLease> b = standby(pg, "hub-b", new AtomicBoolean());
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !b.isDone());

    // what PostgreSQL does when hub A's process is killed: its session ends, and the lock with it
    try (Connection admin = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         Statement s = admin.createStatement()) {
      s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kuzet-hub-lease hub-a'");
    }
    long t0 = System.nanoTime();
    try (ActiveLease taken = b.get(10, java.util.concurrent.TimeUnit.SECONDS)) {
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(taken.held()).isTrue();
      await().atMost(Duration.ofSeconds(5)).untilTrue(lostA);
    } finally {
      a.close();
    }
  }

  @Test
  void whenTheActiveHubGoesSilentTheStandbyTakesOverAndTheSilentHubKnowsItLostTheLease() throws Exception {
    StoreSettings pg = TestDatabases.postgres();
    try (TcpProxy network = new TcpProxy("127.0.0.1", TestDatabases.serverPort())) {
      AtomicBoolean lostA = new AtomicBoolean();
      ActiveLease a = ActiveLease.acquire(TestDatabases.through(pg, network.port(), Duration.ofSeconds(2)), "hub-a",
          CHECK, () -> lostA.set(true));
      CompletableFuture<ActiveLease> b = standby(pg, "hub-b", new AtomicBoolean());
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !b.isDone());

      network.freeze(); // hub A's server lost power: no FIN, no RST, just silence
      long t0 = System.nanoTime();
      try (ActiveLease taken = b.get(15, java.util.concurrent.TimeUnit.SECONDS)) {
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("three checks and a poll").isLessThan(Duration.ofSeconds(8));
        assertThat(taken.held()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilTrue(lostA);
      } finally {
        a.close();
      }
    }
  }

  @Test
  void onSqliteEveryHubHoldsItsOwnFileAtOnce() throws Exception {
    try (ActiveLease lease = ActiveLease.acquire(StoreSettings.sqlite(dir.resolve("hub.db")), "hub-a", CHECK,
        () -> { throw new AssertionError("nothing to lose"); })) {
      assertThat(lease.held()).isTrue();
    }
  }
}
