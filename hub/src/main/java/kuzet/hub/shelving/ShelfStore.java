package kuzet.hub.shelving;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kuzet.store.Database;

/** Shelves in the hub's database (table {@code alert_shelves}, migration V6). */
public final class ShelfStore {
  private final Database db;

  public ShelfStore(Database db) {
    this.db = db;
  }

  public Future<Void> insert(Context ctx, Shelf s) {
    return db.call(ctx, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_shelves (id, post_id, type, shelved_by, reason, "
          + "shelved_at, until) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, s.id().toString());
        ps.setString(2, s.postId());
        ps.setString(3, s.type());
        ps.setString(4, s.shelvedBy());
        ps.setString(5, s.reason());
        ps.setString(6, s.shelvedAt().toString());
        ps.setString(7, s.until().toString());
        ps.executeUpdate();
      }
      return null;
    });
  }

  public Future<Void> end(Context ctx, Shelf s) {
    return db.call(ctx, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE alert_shelves SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL")) {
        ps.setString(1, s.endedAt().toString());
        ps.setString(2, s.endedBy());
        ps.setString(3, s.id().toString());
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Every shelf that has not ended. Blocking: start-up only. */
  public List<Shelf> standing() {
    return db.callAndWait(c -> {
      List<Shelf> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, post_id, type, shelved_by, reason, shelved_at, until "
          + "FROM alert_shelves WHERE ended_at IS NULL ORDER BY shelved_at");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Shelf(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7)), null, null, 0));
        }
      }
      return out;
    });
  }
}
