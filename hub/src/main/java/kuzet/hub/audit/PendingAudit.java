package kuzet.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kuzet.hub.store.Database;
import kuzet.hub.store.Dialect;

/**
 * Audit entries written by tools that run beside the hub ({@code hub operator add}, the demo's operator),
 * waiting to be chained. Only the hub's database thread appends to the hash chain, so that two writers
 * can never link to the same predecessor; a tool leaves its entries here and the hub adopts them into the
 * chain at start and every few seconds, in the order they were written and with the time they happened.
 */
public final class PendingAudit {
  private PendingAudit() {
  }

  /** A recorder for a tool: every entry goes to the {@code kuzet.audit} log and to the hub's database. */
  public static AuditRecorder recorder(Database db, Clock clock) {
    return (actor, action, target, detail) -> {
      AuditRecorder.LOG_ONLY.record(actor, action, target, detail);
      try (Connection c = db.dataSource().getConnection()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO audit_pending (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")) {
          ps.setString(1, clock.instant().toString());
          ps.setString(2, actor);
          ps.setString(3, action);
          ps.setString(4, target);
          ps.setString(5, detail == null ? "" : detail);
          ps.executeUpdate();
        }
      } catch (SQLException e) {
        // the tool's action has happened; failing it now would hide that, so say loudly what is missing
        throw new IllegalStateException("the audit entry " + action + " " + target + " could not be stored in "
            + db.settings().describe() + ": " + e.getMessage(), e);
      }
    };
  }

  /** Moves waiting entries into the chain in one transaction; for the hub's database thread. Returns how many. */
  public static int adopt(Connection c) throws SQLException {
    record Waiting(long id, Instant at, String actor, String action, String target, String detail) {}
    // the chain's lock first: with several hubs on one database, only one of them adopts each waiting entry
    return Database.inTransaction(c, tx -> {
      Dialect.of(tx).lockAuditChain(tx);
      List<Waiting> waiting = new ArrayList<>();
      try (Statement s = tx.createStatement();
           ResultSet rs = s.executeQuery("SELECT id, at, actor, action, target, detail FROM audit_pending ORDER BY id")) {
        while (rs.next()) {
          waiting.add(new Waiting(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6)));
        }
      }
      for (Waiting w : waiting) {
        AuditLog.append(tx, w.at(), w.actor(), w.action(), w.target(), w.detail());
        try (PreparedStatement ps = tx.prepareStatement("DELETE FROM audit_pending WHERE id = ?")) {
          ps.setLong(1, w.id());
          ps.executeUpdate();
        }
      }
      return waiting.size();
    });
  }
}
