package kuzet.hub.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Who did what to which alert, post or command, and when. Append-only. */
public final class AuditLog {
  /** One audit line. */
  public record Entry(long seq, Instant at, String actor, String action, String target, String detail) {}

  private final Database db;

  public AuditLog(Database db) {
    this.db = db;
  }

  public Future<Void> record(Context ctx, Instant at, String actor, String action, String target, String detail) {
    return db.call(ctx, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, at.toString());
        ps.setString(2, actor);
        ps.setString(3, action);
        ps.setString(4, target);
        ps.setString(5, detail == null ? "" : detail);
        ps.executeUpdate();
      }
      return null;
    });
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
