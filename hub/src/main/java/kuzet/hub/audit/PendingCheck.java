package kuzet.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Why a waiting audit row must not be chained as it stands, or null when it may. */
final class PendingCheck {
  /** How far ahead of the hub's clock a tool's entry may be (both run on the same machine). */
  static final Duration MAX_AHEAD = Duration.ofMinutes(5);
  private static final int MAX_DESCRIBED = 300;

  record Waiting(long id, String at, String actor, String action, String target, String detail, long afterSeq,
                 String mac) {
    String describe() {
      String all = "at=" + at + " actor=" + actor + " action=" + action + " target=" + target + " detail=" + detail;
      return all.length() > MAX_DESCRIBED ? all.substring(0, MAX_DESCRIBED) + "..." : all;
    }
  }

  private PendingCheck() {
  }

  /** What the tool seals: the row and the newest chained entry it saw ("pending" keeps it apart from entries). */
  static String canonical(long afterSeq, String at, String actor, String action, String target, String detail) {
    return AuditChain.canonical(afterSeq, at, actor, action, target, detail, "pending");
  }

  static String refusal(Connection c, AuditKey key, Waiting w, Instant now) throws SQLException {
    if (w.mac() == null || w.afterSeq() < 0
        || !key.matches(canonical(w.afterSeq(), w.at(), w.actor(), w.action(), w.target(), w.detail()), w.mac())) {
      return "not sealed with the audit key: written by someone without the key, or edited after it was written";
    }
    Instant at;
    try {
      at = Instant.parse(w.at());
    } catch (DateTimeParseException e) {
      return "its time '" + w.at() + "' is not an ISO-8601 instant";
    }
    if (w.afterSeq() > lastSeq(c)) {
      return "it claims to follow entry " + w.afterSeq() + ", which is not in the chain";
    }
    Instant seen = atOf(c, w.afterSeq());
    if (seen != null && at.isBefore(seen)) {
      return "back-dated: its time " + at + " is before entry " + w.afterSeq() + " (" + seen
          + "), which was already chained when it was written";
    }
    if (at.isAfter(now.plus(MAX_AHEAD))) {
      return "its time " + at + " is more than " + MAX_AHEAD.toMinutes() + " minutes ahead of the hub's clock";
    }
    if (alreadyChained(c, w)) {
      return "replayed: the same entry is already in the chain";
    }
    return null;
  }

  /** The newest chained entry's sequence number; 0 while the chain is empty. */
  static long lastSeq(Connection c) throws SQLException {
    return AuditLog.lastSeq(c);
  }

  private static Instant atOf(Connection c, long seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT at FROM audit WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Instant.parse(rs.getString(1)) : null;
      }
    }
  }

  private static boolean alreadyChained(Connection c, Waiting w) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM audit WHERE at = ? AND actor = ? AND action = ? AND target = ? AND detail = ? LIMIT 1")) {
      ps.setString(1, Instant.parse(w.at()).toString());
      ps.setString(2, w.actor());
      ps.setString(3, w.action());
      ps.setString(4, w.target());
      ps.setString(5, w.detail());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
