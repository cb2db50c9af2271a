package kuzet.hub.backup;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditVerification;
import kuzet.hub.audit.AuditVerifier;
import kuzet.hub.config.SecretFile;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hub migrate-store}: moves a district hub's SQLite file into an empty PostgreSQL database, so that the
 * installation can grow to several hubs. Both are brought to this hub's schema version first; every row is
 * copied in one PostgreSQL transaction; the command then compares row counts table by table and verifies the
 * audit chain on the new database before it says the move is done. The SQLite file is only read.
 */
@Command(name = "migrate-store", mixinStandardHelpOptions = true,
    description = {"Copies the hub's SQLite database into an empty PostgreSQL database (stop the hub first).",
        "The PostgreSQL password is read from $KUZET_STORE_PASSWORD.",
        "Exit 0: copied and checked; 1: the copy failed (nothing was committed); 2: bad arguments."})
public final class MigrateStoreCommand implements Callable<Integer> {
  /** Every table of the schema, parents before children; a test keeps this list complete. */
  static final List<String> TABLES = List.of("posts", "operators", "operator_sessions", "alerts", "alert_events",
      "audit", "audit_pending", "panic_presses", "commands", "post_days", "alert_shelves", "post_config",
      "agent_releases", "agent_rollouts", "agent_rollout_posts", "agent_download_tokens");

  @Option(names = "--from", required = true, paramLabel = "FILE", description = "The hub's SQLite file (hub.db).")
  Path from;

  @Option(names = "--to", required = true, paramLabel = "JDBC-URL",
      description = "The PostgreSQL database, jdbc:postgresql://HOST[:PORT]/DATABASE; it must hold no hub data yet.")
  String to;

  @Option(names = "--to-user", paramLabel = "USER", defaultValue = "${env:KUZET_STORE_USER:-}",
      description = "The PostgreSQL user (default: $KUZET_STORE_USER).")
  String toUser;

  @Option(names = "--to-password-file", paramLabel = "FILE",
      description = "Read the PostgreSQL password from the first line of this file ('-' for stdin; default: $KUZET_STORE_PASSWORD).")
  String passwordFile;

  @Option(names = "--audit-key", paramLabel = "FILE",
      description = "The audit key the chain is sealed with, to verify it after the copy (default: audit.key beside --from).")
  Path auditKey;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StoreSettings target;
    try {
      String password = passwordFile == null ? System.getenv("KUZET_STORE_PASSWORD")
          : SecretFile.firstLine(passwordFile);
      target = new StoreSettings(to.trim(), toUser, password, 2, Duration.ofSeconds(10));
    } catch (IllegalArgumentException e) {
      err.println("error: " + (e.getMessage().startsWith("the password file") ? "--to-password-file: " : "--to: ")
          + e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      err.println("error: --to-password-file: cannot read " + passwordFile + ": " + e.getMessage());
      return 2;
    }
    if (target.dialect() != Dialect.POSTGRESQL) {
      err.println("error: --to must be a PostgreSQL database (jdbc:postgresql://...), not " + target.describe());
      return 2;
    }
    if (!Files.isRegularFile(from)) {
      err.println("error: --from: database " + from + " does not exist");
      return 2;
    }
    AuditKey key;
    try {
      key = AuditKey.load(auditKey != null ? auditKey : from.toAbsolutePath().resolveSibling("audit.key"));
    } catch (IllegalStateException e) {
      err.println("error: --audit-key: " + e.getMessage());
      return 2;
    }
    try (Database source = Database.open(from); Database dest = Database.open(target)) {
      Map<String, Long> copied = source.withConnection(s -> dest.withConnection(d -> copy(s, d)));
      out.println("copied " + from + " to " + target.describe() + ": " + copied);
      AuditVerification audit = dest.withConnection(c -> AuditVerifier.verify(c, key));
      out.println(audit.describe());
      out.println("Now set store.url=" + target.describe() + " (and store.user, store.password) in every hub's config.");
      out.flush();
      return audit.intact() ? 0 : 1;
    } catch (NotEmpty e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (SQLException | RuntimeException e) {
      err.println("error: the copy failed and nothing was committed: " + e.getMessage());
      return 1;
    }
  }

  private static Map<String, Long> copy(Connection source, Connection dest) throws SQLException {
    for (String table : TABLES) {
      if (Database.rows(dest, table) > 0) {
        throw new NotEmpty("the PostgreSQL database already holds rows in '" + table
            + "'; migrate-store only fills an empty database");
      }
    }
    return Database.inTransaction(dest, tx -> {
      Map<String, Long> copied = new LinkedHashMap<>();
      for (String table : TABLES) {
        long n = copyTable(source, tx, table);
        if (n != Database.rows(source, table) || n != Database.rows(tx, table)) {
          throw new SQLException("table " + table + ": " + Database.rows(source, table) + " rows in SQLite, " + Database.rows(tx, table)
              + " after the copy");
        }
        copied.put(table, n);
      }
      try (Statement s = tx.createStatement()) {
        // the copied ids came with the rows: the identity must continue after the largest of them
        s.execute("SELECT setval(pg_get_serial_sequence('audit_pending', 'id'),"
            + " COALESCE((SELECT MAX(id) FROM audit_pending), 0) + 1, false)");
      }
      return copied;
    });
  }

  private static long copyTable(Connection source, Connection dest, String table) throws SQLException {
    long n = 0;
    try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnName(i));
      }
      String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
      try (PreparedStatement ps = dest.prepareStatement(sql)) {
        while (rs.next()) {
          for (int i = 1; i <= columns.size(); i++) {
            ps.setObject(i, rs.getObject(i));
          }
          ps.addBatch();
          if (++n % 500 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
    }
    return n;
  }

  private static final class NotEmpty extends RuntimeException {
    NotEmpty(String message) {
      super(message);
    }
  }
}
