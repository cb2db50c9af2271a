package kuzet.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSchemaTest {
  @TempDir
  Path dir;

  private static int userVersion(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aNewFileGetsTheCurrentVersionAndReopeningChangesNothing() throws Exception {
    Path db = dir.resolve("hub.db");
    new Database(db).close();
    assertThat(userVersion(db)).isEqualTo(Schema.CURRENT).isPositive();
    new Database(db).close();
    assertThat(userVersion(db)).isEqualTo(Schema.CURRENT);
  }

  @Test
  void aFileFromBeforeVersioningKeepsItsRowsAndIsVersioned() throws Exception {
    Path db = dir.resolve("hub.db");
    try (Database first = new Database(db)) {
      first.callAndWait(c -> {
        AuditLog.append(c, kuzet.hub.audit.AuditKey.loadOrCreate(kuzet.hub.audit.AuditKey.besideDatabase(db)), java.time.Instant.parse("2026-11-24T20:00:00Z"), "duty1", "ACK", "alert:1", "");
        return null;
      });
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 0"); // as every file written before this change
    }
    try (Database reopened = new Database(db)) {
      int rows = reopened.<Integer>callAndWait(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertThat(rows).isEqualTo(1);
    }
    assertThat(userVersion(db)).isEqualTo(Schema.CURRENT);
  }

  @Test
  void aFileWrittenByANewerHubIsRefusedNamingBothVersions() throws Exception {
    Path db = dir.resolve("hub.db");
    new Database(db).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (Schema.CURRENT + 1));
    }
    assertThatThrownBy(() -> new Database(db))
        .isInstanceOf(Database.NewerSchemaException.class)
        .hasMessageContaining("schema version " + (Schema.CURRENT + 1))
        .hasMessageContaining("knows up to version " + Schema.CURRENT)
        .hasMessageContaining("hub backup");
    assertThat(userVersion(db)).as("left as it was").isEqualTo(Schema.CURRENT + 1);
  }
}
