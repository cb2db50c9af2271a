package kuzet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import kuzet.hub.audit.AuditLog;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hub's database on both engines: schema history, refusal of a newer schema, transactions, settings. */
class DatabaseTest {
  @TempDir
  Path dir;

  static int count(Database db, String sql) {
    return db.<Integer>callAndWait(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aNewDatabaseGetsEveryVersionOnceAndReopeningChangesNothing(Dialect dialect) {
    StoreSettings store = TestDatabases.fresh(dialect, dir);
    int applied;
    try (Database db = Database.open(store)) {
      applied = count(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success");
      assertThat(applied).isPositive();
      assertThat(count(db, "SELECT COUNT(*) FROM posts") + count(db, "SELECT COUNT(*) FROM operators")
          + count(db, "SELECT COUNT(*) FROM operator_sessions") + count(db, "SELECT COUNT(*) FROM alerts"))
          .as("every table is under the schema history, the registry's and the operators' included").isZero();
    }
    try (Database db = Database.open(store)) {
      assertThat(count(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE success")).isEqualTo(applied);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aDatabaseFromANewerHubIsRefusedNamingBothVersions(Dialect dialect) {
    StoreSettings store = TestDatabases.fresh(dialect, dir);
    try (Database db = Database.open(store)) {
      db.callAndWait(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO flyway_schema_history (installed_rank, version,"
            + " description, type, script, checksum, installed_by, execution_time, success)"
            + " VALUES (999, '999', 'from the future', 'SQL', 'V999__x.sql', 0, 'newer hub', 0, ?)")) {
          ps.setBoolean(1, true);
          ps.executeUpdate();
        }
        return null;
      });
    }
    assertThatThrownBy(() -> Database.open(store))
        .isInstanceOf(Database.NewerSchemaException.class)
        .hasMessageContaining("schema version 999")
        .hasMessageContaining("knows up to version")
        .hasMessageContaining("hub backup");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aTransactionThatFailsHalfwayLeavesNothingBehind(Dialect dialect) {
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      db.callAndWait(c -> {
        assertThatThrownBy(() -> Database.inTransaction(c, tx -> {
          try (Statement in = tx.createStatement()) {
            in.execute("INSERT INTO panic_presses VALUES ('i-1', 'alatau-001', '2026-11-24T20:00:00Z')");
            in.execute("INSERT INTO no_such_table VALUES (2)");
          }
          return null;
        })).isInstanceOf(java.sql.SQLException.class).hasMessageContaining("no_such_table");
        assertThat(c.getAutoCommit()).as("the connection is left as it was").isTrue();
        return null;
      });
      assertThat(count(db, "SELECT COUNT(*) FROM panic_presses")).isZero();
    }
  }

  @Test
  void aSqliteFileFromBeforeTheSchemaHistoryKeepsItsRowsAndAdoptsIt() throws Exception {
    Path file = dir.resolve("old/hub.db");
    Files.createDirectories(file.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      // as the hub of the previous release left it: its own versioning, and tables made outside it
      s.execute("CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,"
          + " action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)");
      s.execute("CREATE TABLE posts (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, district TEXT NOT NULL,"
          + " latitude REAL NOT NULL, longitude REAL NOT NULL, registered_at TEXT NOT NULL, mqtt_password_hash TEXT,"
          + " certificate_serial TEXT, revoked_at TEXT)");
      s.execute("INSERT INTO posts VALUES ('alatau-001', 'modular-post', 'Uzhet', 'Alatau', 43.3, 76.9,"
          + " '2026-11-01T00:00:00Z', NULL, NULL, NULL)");
      s.execute("PRAGMA user_version = 1");
    }
    try (Database db = Database.open(file)) {
      db.callAndWait(c -> {
        AuditLog.append(c, kuzet.hub.audit.AuditKey.loadOrCreate(dir.resolve("audit.key")), Instant.parse("2026-11-24T20:00:00Z"), "duty1", "ACK", "alert:1", "");
        return null;
      });
      assertThat(count(db, "SELECT COUNT(*) FROM posts")).isEqualTo(1);
      assertThat(count(db, "SELECT COUNT(*) FROM audit")).isEqualTo(1);
      assertThat(count(db, "SELECT COUNT(*) FROM alerts")).as("the tables it lacked were made").isZero();
    }
  }

  @Test
  void sqliteOpensInAFreshDirectoryWithWriteAheadLoggingAndABusyWait() {
    Path file = dir.resolve("not/there/yet/hub.db");
    try (Database db = Database.open(file)) {
      assertThat(file.getParent()).isDirectory();
      db.callAndWait(c -> {
        try (Statement s = c.createStatement()) {
          try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
          }
          try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5000);
          }
        }
        return null;
      });
    }
  }

  @Test
  void aPostgresqlServerThatIsNotThereFailsWithTheAddressNotAHang() {
    StoreSettings nowhere = new StoreSettings("jdbc:postgresql://127.0.0.1:1/kuzet", "kuzet", "x", 2,
        Duration.ofMillis(500));
    assertThatThrownBy(() -> Database.open(nowhere))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/kuzet");
  }

  @Test
  void storeSettingsRejectNonsenseSayingWhatIsWrong() {
    assertThatThrownBy(() -> new StoreSettings("jdbc:mysql://db/kuzet", "", "", 4, Duration.ofSeconds(5)))
        .hasMessageContaining("neither jdbc:sqlite:FILE nor jdbc:postgresql://");
    assertThatThrownBy(() -> new StoreSettings("jdbc:sqlite:", "", "", 4, Duration.ofSeconds(5)))
        .hasMessageContaining("names no file");
    assertThatThrownBy(() -> new StoreSettings("jdbc:postgresql://db/kuzet", "", "", 0, Duration.ofSeconds(5)))
        .hasMessageContaining("pool size must be 1..64");
    assertThat(new StoreSettings("jdbc:postgresql://db/kuzet?password=secret", "u", "p", 4, Duration.ofSeconds(5))
        .toString()).doesNotContain("secret").doesNotContain("=p");
  }
}
