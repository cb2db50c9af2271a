package kuzet.hub.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kuzet.store.Database;
import kuzet.store.Dialect;

/**
 * Who did what to which alert, post or command, and when. Append-only and hash-chained
 * ({@link AuditChain}). Each append reads the hash of the entry before it inside a transaction that holds the
 * chain's lock ({@link Dialect#lockAuditChain}), so two writers (the hub's database thread, another hub on
 * the same PostgreSQL) never link to the same predecessor. New entries are sealed with the {@link AuditKey},
 * which is not in the database.
 */
public final class AuditLog {
  /** One audit line. */
  public record Entry(long seq, Instant at, String actor, String action, String target, String detail) {}

  private final Database db;
  private final AuditKey key;

  public AuditLog(Database db, AuditKey key) {
    this.db = db;
    this.key = key;
  }

  public Future<Void> record(Context ctx, Instant at, String actor, String action, String target, String detail) {
    return db.call(ctx, c -> {
      append(c, key, at, actor, action, target, detail);
      return null;
    });
  }

  /** Appends one entry on the caller's connection, in the caller's transaction if it has one. */
  public static void append(Connection c, AuditKey key, Instant at, String actor, String action, String target,
                            String detail)
      throws SQLException {
    if (c.getAutoCommit()) {
      Database.inTransaction(c, tx -> {
        appendLocked(tx, key, at, actor, action, target, detail);
        return null;
      });
    } else {
      appendLocked(c, key, at, actor, action, target, detail);
    }
  }

  private static void appendLocked(Connection c, AuditKey key, Instant at, String actor, String action,
                                   String target, String detail) throws SQLException {
    Dialect.of(c).lockAuditChain(c);
    long seq = 1;
    String prev = AuditChain.GENESIS;
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) {
      if (rs.next()) {
        seq = rs.getLong(1) + 1;
        prev = rs.getString(2);
      }
    }
    String d = detail == null ? "" : detail;
    String when = at.toString();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setString(2, when);
      ps.setString(3, actor);
      ps.setString(4, action);
      ps.setString(5, target);
      ps.setString(6, d);
      ps.setString(7, prev);
      ps.setString(8, AuditChain.seal(key, seq, when, actor, action, target, d, prev));
      ps.executeUpdate();
    }
  }

  /** The newest entry's sequence number (0 for an empty log). */
  public static long lastSeq(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM audit")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  public Future<AuditVerification> verify(Context ctx) {
    return db.call(ctx, c -> AuditVerifier.verify(c, key));
  }

  /** The newest entries about one target (an alert id, a post id), newest first. */
  public Future<List<Entry>> forTarget(Context ctx, String target, int limit) {
    return db.call(ctx, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT seq, at, actor, action, target, detail FROM audit WHERE target = ? ORDER BY seq DESC LIMIT ?")) {
        ps.setString(1, target);
        ps.setInt(2, limit);
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Entry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6)));
          }
        }
        return out;
      }
    });
  }
}
