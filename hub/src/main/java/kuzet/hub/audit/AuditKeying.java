package kuzet.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Starts the keyed part of the chain: once per database, at the first start of a hub that has an audit key. */
public final class AuditKeying {
  private AuditKeying() {
  }

  /** Appends the {@value AuditChain#KEYED_ACTION} entry unless the chain already has one; true when it did. */
  public static boolean keyChain(Connection c, AuditKey key, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM audit WHERE action = ? LIMIT 1")) {
      ps.setString(1, AuditChain.KEYED_ACTION);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    AuditLog.append(c, key, now, "system", AuditChain.KEYED_ACTION, "audit", AuditChain.keyedDetail(key));
    return true;
  }
}
