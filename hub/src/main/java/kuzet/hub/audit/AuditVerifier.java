package kuzet.hub.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Walks the audit table in order and names the first entry that does not fit the chain. */
public final class AuditVerifier {
  private AuditVerifier() {}

  public static AuditVerification verify(Connection c) throws SQLException {
    long checked = 0;
    String expectedPrev = AuditChain.GENESIS;
    long expectedSeq = -1;
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT seq, at, actor, action, target, detail, prev_hash, hash FROM audit ORDER BY seq")) {
      while (rs.next()) {
        checked++;
        long seq = rs.getLong(1);
        String prev = rs.getString(7);
        String stored = rs.getString(8);
        if (expectedSeq >= 0 && seq != expectedSeq) {
          return new AuditVerification(checked, seq, "entries " + expectedSeq + " to " + (seq - 1) + " are missing");
        }
        if (!expectedPrev.equals(prev)) {
          return new AuditVerification(checked, seq,
              "its previous-entry hash does not match the entry before it (edited or deleted neighbour)");
        }
        String actual = AuditChain.hash(seq, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), prev);
        if (!actual.equals(stored)) {
          return new AuditVerification(checked, seq, "its content does not match its hash (the entry was edited)");
        }
        expectedPrev = stored;
        expectedSeq = seq + 1;
      }
    }
    return new AuditVerification(checked, -1, null);
  }
}
