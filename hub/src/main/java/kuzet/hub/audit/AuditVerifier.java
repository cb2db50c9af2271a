package kuzet.hub.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Walks the audit table in order and names the first entry that does not fit the chain: SHA-256 up to the
 * {@value AuditChain#KEYED_ACTION} entry, HMAC-SHA256 under the key from there on. A chain with entries but no
 * keyed entry is broken too: that is what rewriting it without the key (and dropping the marker) looks like.
 */
public final class AuditVerifier {
  private AuditVerifier() {}

  public static AuditVerification verify(Connection c, AuditKey key) throws SQLException {
    long checked = 0;
    long firstSeq = -1;
    boolean keyed = false;
    String expectedPrev = AuditChain.GENESIS;
    long expectedSeq = -1;
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT seq, at, actor, action, target, detail, prev_hash, hash FROM audit ORDER BY seq")) {
      while (rs.next()) {
        checked++;
        long seq = rs.getLong(1);
        firstSeq = firstSeq < 0 ? seq : firstSeq;
        String action = rs.getString(4);
        String prev = rs.getString(7);
        String stored = rs.getString(8);
        if (expectedSeq >= 0 && seq != expectedSeq) {
          return new AuditVerification(checked, seq, "entries " + expectedSeq + " to " + (seq - 1) + " are missing");
        }
        if (!expectedPrev.equals(prev)) {
          return new AuditVerification(checked, seq,
              "its previous-entry hash does not match the entry before it (edited or deleted neighbour)");
        }
        if (!keyed && AuditChain.KEYED_ACTION.equals(action)) {
          keyed = true;
          if (!AuditChain.keyedDetail(key).equals(rs.getString(6))) {
            return new AuditVerification(checked, seq, "the chain was keyed with another audit key than "
                + key.file() + " (id " + key.id() + "); its entry says: " + rs.getString(6));
          }
        }
        String canonical = AuditChain.canonical(seq, rs.getString(2), rs.getString(3), action, rs.getString(5),
            rs.getString(6), prev);
        if (keyed ? !key.matches(canonical, stored) : !AuditChain.hash(seq, rs.getString(2), rs.getString(3), action,
            rs.getString(5), rs.getString(6), prev).equals(stored)) {
          return new AuditVerification(checked, seq, keyed
              ? "its content does not match its keyed hash (the entry was edited, or the chain recomputed without the key)"
              : "its content does not match its hash (the entry was edited)");
        }
        expectedPrev = stored;
        expectedSeq = seq + 1;
      }
    }
    if (checked > 0 && !keyed) {
      return new AuditVerification(checked, firstSeq, "no " + AuditChain.KEYED_ACTION + " entry: the chain was never"
          + " keyed (start the hub once to key it) or was rewritten by someone without the audit key");
    }
    return new AuditVerification(checked, -1, null);
  }
}
