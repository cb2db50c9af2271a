package kuzet.hub.backup;

import kuzet.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditVerification;
import kuzet.hub.audit.AuditVerifier;
import kuzet.store.StoreSettings;

/**
 * Backup of a PostgreSQL store with PostgreSQL's own tool: {@code pg_dump --format=custom} takes one consistent
 * snapshot while hubs keep writing; {@code pg_restore --list} then reads the whole archive back, and the live
 * audit chain is verified, before the command calls the copy good.
 */
final class PgDump {
  private static final long TIMEOUT_MIN = 60;

  private PgDump() {
  }

  static int backup(StoreSettings store, AuditKey key, Path target, PrintWriter out, PrintWriter err) {
    String uri = libpqUri(store.url());
    try {
      Result dump = run(List.of("pg_dump", "--format=custom", "--no-password", "--file=" + target.toAbsolutePath(),
          "--dbname=" + uri), store);
      if (dump.exit != 0) {
        err.println("error: pg_dump of " + store.describe() + " failed (exit " + dump.exit + "): " + dump.output.strip());
        return 1;
      }
      Result list = run(List.of("pg_restore", "--list", target.toAbsolutePath().toString()), null);
      if (list.exit != 0 || !list.output.contains("TABLE DATA")) {
        err.println("error: the copy at " + target + " is damaged: pg_restore --list says " + list.output.strip());
        return 1;
      }
      AuditVerification audit;
      long alerts;
      try (Connection c = DriverManager.getConnection(store.url(), store.user(), store.password())) {
        audit = AuditVerifier.verify(c, key);
        alerts = Database.rows(c, "alerts");
      }
      if (!audit.intact()) {
        err.println("error: the audit chain in " + store.describe() + " is broken: " + audit.describe());
        return 1;
      }
      out.println("backup of " + store.describe() + " written to " + target + " (pg_dump custom format; restore with"
          + " pg_restore): " + alerts + " alerts; " + audit.describe());
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("error: cannot run pg_dump (install PostgreSQL's client tools, e.g. apt-get install postgresql-client): "
          + e.getMessage());
      return 1;
    } catch (SQLException e) {
      err.println("error: checking " + store.describe() + " failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return 1;
    }
  }

  /** libpq takes postgresql://host:port/db; the JDBC driver's own query parameters mean nothing to it. */
  static String libpqUri(String jdbcUrl) {
    String uri = jdbcUrl.substring("jdbc:".length());
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  private record Result(int exit, String output) {}

  /** Runs a PostgreSQL tool; the credentials go in its environment, never on its command line (ps shows that). */
  private static Result run(List<String> command, StoreSettings credentials) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    if (credentials != null && !credentials.user().isEmpty()) {
      pb.environment().put("PGUSER", credentials.user());
    }
    if (credentials != null && !credentials.password().isEmpty()) {
      pb.environment().put("PGPASSWORD", credentials.password());
    }
    Path log = Files.createTempFile("kuzet-pg", ".log");
    try {
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT_MIN, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(-1, command.get(0) + " did not finish within " + TIMEOUT_MIN + " minutes");
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
