package kuzet.hub.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kuzet.store.Database;
import kuzet.store.Dialect;

/**
 * Audit entries written by tools that run beside the hub ({@code hub operator add}, the demo's operator),
 * waiting to be chained. Only the hub's database thread appends to the hash chain, so that two writers
 * can never link to the same predecessor; a tool leaves its entries here and the hub adopts them into the
 * chain at start and every few seconds, in the order they were written and with the time they happened.
 *
 * <p>The table is in the database, so anyone who can write the file can add rows to it. Each row is therefore
 * sealed with the audit key by the tool (which runs on the hub's machine, as the hub's user) and names the
 * newest chained entry it saw; the hub chains a refusal instead of a row that is unsealed, edited, back-dated,
 * from the future or a replay (see {@link PendingCheck}).
 */
public final class PendingAudit {
  public static final String REFUSED_ACTION = "AUDIT_PENDING_REFUSED";

  private PendingAudit() {
  }

  /**
   * A recorder for a tool: every entry goes to the {@code kuzet.audit} log and, sealed, to the hub's database.
   * The key is read (or created) now, so a tool that cannot seal its entries fails before it acts.
   */
  public static AuditRecorder recorder(Database db, Path keyFile, Clock clock) {
    AuditKey key = AuditKey.loadOrCreate(keyFile);
    return (actor, action, target, detail) -> {
      AuditRecorder.LOG_ONLY.record(actor, action, target, detail);
      try (Connection c = db.dataSource().getConnection()) {
        long after = PendingCheck.lastSeq(c);
        String at = clock.instant().toString();
        String d = detail == null ? "" : detail;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO audit_pending (at, actor, action, target, detail, after_seq, mac) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, at);
          ps.setString(2, actor);
          ps.setString(3, action);
          ps.setString(4, target);
          ps.setString(5, d);
          ps.setLong(6, after);
          ps.setString(7, key.mac(PendingCheck.canonical(after, at, actor, action, target, d)));
          ps.executeUpdate();
        }
      } catch (SQLException e) {
        // the tool's action has happened; failing it now would hide that, so say loudly what is missing
        throw new IllegalStateException("the audit entry " + action + " " + target + " could not be stored in "
            + db.settings().describe() + ": " + e.getMessage(), e);
      }
    };
  }

  /**
   * Moves waiting entries into the chain in one transaction, each one or the reason it was refused; for the
   * hub's database thread. Returns how many rows were taken. The chain's lock comes first: with several hubs on
   * one database, only one of them takes each waiting entry.
   */
  public static int adopt(Connection c, AuditKey key, Clock clock) throws SQLException {
    return Database.inTransaction(c, tx -> {
      Dialect.of(tx).lockAuditChain(tx);
      List<PendingCheck.Waiting> waiting = new ArrayList<>();
      try (Statement s = tx.createStatement();
           ResultSet rs = s.executeQuery(
               "SELECT id, at, actor, action, target, detail, after_seq, mac FROM audit_pending ORDER BY id")) {
        while (rs.next()) {
          long after = rs.getLong(7);
          boolean unsealed = rs.wasNull();
          waiting.add(new PendingCheck.Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), unsealed ? -1 : after, rs.getString(8)));
        }
      }
      for (PendingCheck.Waiting w : waiting) {
        String refusal = PendingCheck.refusal(tx, key, w, clock.instant());
        if (refusal == null) {
          AuditLog.append(tx, key, Instant.parse(w.at()), w.actor(), w.action(), w.target(), w.detail());
        } else {
          AuditLog.append(tx, key, clock.instant(), "system", REFUSED_ACTION, "audit_pending:" + w.id(),
              refusal + "; the row said: " + w.describe());
        }
        try (PreparedStatement ps = tx.prepareStatement("DELETE FROM audit_pending WHERE id = ?")) {
          ps.setLong(1, w.id());
          ps.executeUpdate();
        }
      }
      return waiting.size();
    });
  }
}
