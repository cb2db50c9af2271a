package kuzet.hub.backup;

import kuzet.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import kuzet.hub.audit.AuditVerification;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditVerifier;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.DatabaseArgs;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hub backup}: a consistent copy of the hub's database (alerts and their history, the audit chain,
 * the post registry, operators, commands), taken while the hub runs. For SQLite, {@code VACUUM INTO} reads one
 * snapshot, so a copy is never half of a write (copying the file with {@code cp} while the hub writes can be);
 * the copy is then checked (SQLite integrity and the audit chain) before the command says it is good. For
 * PostgreSQL it runs PostgreSQL's own {@code pg_dump} ({@link PgDump}).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Writes a consistent copy of the hub's database while the hub runs, and checks it.",
        "Exit 0: copy written and checked; 1: the copy failed or is damaged; 2: bad arguments.",
        "Restore (SQLite): stop the hub, put the copy in place of hub.db (removing hub.db-wal and hub.db-shm), start the hub.",
        "Restore (PostgreSQL): stop every hub, pg_restore --clean --dbname=DATABASE FILE, start the hubs."})
public final class BackupCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  DatabaseArgs source;

  @Option(names = "--to", required = true, paramLabel = "FILE", description = "Where to write the copy; must not exist yet.")
  Path target;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StoreSettings store;
    try {
      store = source.store();
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    if (Files.exists(target)) {
      err.println("error: " + target + " already exists; a backup never overwrites a file");
      return 2;
    }
    Path file = store.sqliteFile();
    if (file != null && !Files.isRegularFile(file)) {
      err.println("error: database " + file + " does not exist");
      return 2;
    }
    AuditKey key;
    try {
      key = AuditKey.load(source.auditKeyFile());
    } catch (IllegalStateException | ConfigException e) {
      err.println("error: the copy's audit chain cannot be checked: " + e.getMessage());
      return 2;
    }
    if (store.dialect() == Dialect.POSTGRESQL) {
      return PgDump.backup(store, key, target, out, err);
    }
    try {
      try (Connection live = open(file);
           PreparedStatement ps = live.prepareStatement("VACUUM INTO ?")) {
        ps.setString(1, target.toAbsolutePath().toString());
        ps.execute();
      }
      String report = check(target, key);
      out.println("backup of " + file + " written to " + target + ": " + report);
      out.flush();
      return 0;
    } catch (DamagedCopy e) {
      err.println("error: the copy at " + target + " is damaged: " + e.getMessage());
      return 1;
    } catch (SQLException e) {
      err.println("error: backup of " + file + " to " + target + " failed: " + e.getMessage());
      return 1;
    }
  }

  /** The file as it is, without migrating it: a backup copies, it never changes what it copies. */
  private static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  private static String check(Path copy, AuditKey key) throws SQLException {
    try (Connection c = open(copy)) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        if (!rs.getString(1).equals("ok")) {
          throw new DamagedCopy("integrity check: " + rs.getString(1));
        }
      }
      AuditVerification audit = AuditVerifier.verify(c, key);
      if (!audit.intact()) {
        throw new DamagedCopy(audit.describe());
      }
      return count(c, "posts") + " posts, " + count(c, "alerts") + " alerts, " + count(c, "operators")
          + " operators; " + audit.describe();
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet exists = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='" + table + "'")) {
      exists.next();
      if (exists.getLong(1) == 0) {
        return 0;
      }
    }
    return Database.rows(c, table);
  }

  private static final class DamagedCopy extends RuntimeException {
    DamagedCopy(String message) {
      super(message);
    }
  }
}
