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
