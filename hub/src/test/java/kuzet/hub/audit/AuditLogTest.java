package kuzet.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit chain on both engines, and with several writers on one PostgreSQL database (several hubs). */
class AuditLogTest {
  @TempDir
  Path dir;

  private static final Instant T0 = Instant.parse("2026-11-24T20:00:00Z");

  private AuditKey key() {
    return AuditKey.loadOrCreate(dir.resolve("audit.key"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void entriesChainAndAnEditedOneIsNamed(Dialect dialect) {
    AuditKey key = key();
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      db.callAndWait(c -> {
        AuditKeying.keyChain(c, key, T0);
        for (int i = 0; i < 5; i++) {
          AuditLog.append(c, key, T0.plusSeconds(i), "duty1", "ACK", "alert:" + i, "");
        }
        return null;
      });
      assertThat(db.callAndWait(c -> AuditVerifier.verify(c, key)).intact()).isTrue();
      db.callAndWait(c -> c.createStatement().executeUpdate("UPDATE audit SET actor = 'mallory' WHERE seq = 3"));
      AuditVerification broken = db.callAndWait(c -> AuditVerifier.verify(c, key));
      assertThat(broken.intact()).isFalse();
      assertThat(broken.describe()).contains("entry 3");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void pendingEntriesFromAToolAreAdoptedOnceInOrder(Dialect dialect) {
    StoreSettings store = TestDatabases.fresh(dialect, dir);
    AuditKey key = key();
    java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);
    try (Database tool = Database.open(store); Database hub = Database.open(store)) {
      AuditRecorder recorder = PendingAudit.recorder(tool, dir.resolve("audit.key"), clock);
      recorder.record("command line", "OPERATOR_ADDED", "operator:duty1", "role operator");
      recorder.record("command line", "OPERATOR_ADDED", "operator:duty2", "role viewer");
      assertThat(hub.<Integer>callAndWait(c -> PendingAudit.adopt(c, key, clock))).isEqualTo(2);
      assertThat(hub.<Integer>callAndWait(c -> PendingAudit.adopt(c, key, clock))).as("nothing left to adopt").isZero();
      List<String> targets = hub.callAndWait(c -> {
        List<String> out = new ArrayList<>();
        try (var rs = c.createStatement().executeQuery("SELECT target FROM audit ORDER BY seq")) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      });
      assertThat(targets).containsExactly("operator:duty1", "operator:duty2");
    }
  }

  @Test
  void twoHubsAppendingAtOnceToOnePostgresqlDatabaseNeverForkTheChain() throws Exception {
    StoreSettings store = TestDatabases.postgres();
    AuditKey key = key();
    int perHub = 100;
    try (Database hubA = Database.open(TestDatabases.sameDatabase(store, 4));
         Database hubB = Database.open(TestDatabases.sameDatabase(store, 4))) {
      hubA.callAndWait(c -> AuditKeying.keyChain(c, key, T0));
      ExecutorService writers = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (Database hub : List.of(hubA, hubB)) {
        for (int w = 0; w < 2; w++) {
          String actor = (hub == hubA ? "hub-a" : "hub-b") + "-" + w;
          done.add(writers.submit(() -> {
            for (int i = 0; i < perHub / 2; i++) {
              int n = i;
              hub.withConnection(c -> {
                AuditLog.append(c, key, T0.plusMillis(n), actor, "ACK", "alert:" + n, "");
                return null;
              });
            }
            return null;
          }));
        }
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      writers.shutdown();
      AuditVerification v = hubA.callAndWait(c -> AuditVerifier.verify(c, key));
      assertThat(v.intact()).as(v.describe()).isTrue();
      assertThat(v.checked()).as("the marker and every entry").isEqualTo(2L * perHub + 1);
    }
  }
}
