package kuzet.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFileTest {
  @TempDir
  Path dir;

  @Test
  void opensInAFreshDirectoryWithWriteAheadLoggingAndABusyWait() throws Exception {
    Path file = dir.resolve("not/there/yet/hub.db");
    try (Connection c = SqliteFile.open(file); Statement s = c.createStatement()) {
      assertThat(file.getParent()).isDirectory();
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      }
      try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(SqliteFile.BUSY_TIMEOUT_MS);
      }
    }
  }

  @Test
  void aTransactionThatFailsHalfwayLeavesNothingBehind() throws Exception {
    try (Connection c = SqliteFile.open(dir.resolve("t.db")); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (n INTEGER)");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteFile.inTransaction(c, tx -> {
        try (Statement in = tx.createStatement()) {
          in.execute("INSERT INTO t VALUES (1)");
          in.execute("INSERT INTO no_such_table VALUES (2)");
        }
        return null;
      })).isInstanceOf(java.sql.SQLException.class).hasMessageContaining("no_such_table");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
      assertThat(c.getAutoCommit()).as("the connection is left as it was").isTrue();
    }
  }
}
