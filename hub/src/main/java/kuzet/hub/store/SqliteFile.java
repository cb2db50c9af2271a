package kuzet.hub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens the hub's SQLite file the one way every user of it must: the hub, the registry, the operator store
 * and the command-line tools share the file, so all use write-ahead logging (readers never block the writer)
 * and wait up to 5 s for another writer instead of failing at once with SQLITE_BUSY.
 */
public final class SqliteFile {
  static final int BUSY_TIMEOUT_MS = 5_000;

  private SqliteFile() {
  }

  /** Runs work in one transaction on the connection: all of it is committed, or none of it. */
  public static <T> T inTransaction(Connection c, Database.Work<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  public static Connection open(Path file) throws SQLException, IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + absolute);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
