package kuzet.hub.update;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kuzet.store.Database;

/** Releases and rollouts in the hub's database (migration V8). */
final class ReleaseStore {
  private final Database db;

  ReleaseStore(Database db) {
    this.db = db;
  }

  /** Blocking: called from the upload's worker. Fails when the version exists. */
  void insert(Release r) {
    db.callAndWait(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_releases (version, file_name, size_bytes, sha256,"
          + " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, r.version());
        ps.setString(2, r.fileName());
        ps.setLong(3, r.size());
        ps.setString(4, r.sha256());
        ps.setString(5, r.uploadedBy());
        ps.setString(6, r.uploadedAt().toString());
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Blocking: start-up and upload only. */
  List<Release> releases() {
    return db.callAndWait(c -> {
      List<Release> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT version, file_name, size_bytes, sha256, uploaded_by, "
          + "uploaded_at FROM agent_releases ORDER BY uploaded_at");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Release(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
              Instant.parse(rs.getString(6))));
        }
      }
      return out;
    });
  }

  Future<Void> insert(Context ctx, Rollout r) {
    return db.call(ctx, c -> Database.inTransaction(c, tx -> {
      try (PreparedStatement ps = tx.prepareStatement("INSERT INTO agent_rollouts (id, version, allow_downgrade, "
          + "first_stage, state, started_by, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, r.id().toString());
        ps.setString(2, r.version());
        ps.setInt(3, r.allowDowngrade() ? 1 : 0);
        ps.setInt(4, r.firstStage());
        ps.setString(5, r.state());
        ps.setString(6, r.startedBy());
        ps.setString(7, r.startedAt().toString());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = tx.prepareStatement("INSERT INTO agent_rollout_posts (rollout_id, post_id, stage, "
          + "state, reason, detail, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (PostUpdate p : r.posts()) {
          ps.setString(1, r.id().toString());
          ps.setString(2, p.postId());
          ps.setInt(3, p.stage());
          ps.setString(4, p.state().name());
          ps.setString(5, p.reason());
          ps.setString(6, p.detail());
          ps.setString(7, p.updatedAt().toString());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    }));
  }

  Future<Void> post(Context ctx, UUID rollout, PostUpdate p) {
    return db.call(ctx, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE agent_rollout_posts SET state = ?, reason = ?, detail = ?, "
          + "updated_at = ? WHERE rollout_id = ? AND post_id = ?")) {
        ps.setString(1, p.state().name());
        ps.setString(2, p.reason());
        ps.setString(3, p.detail());
        ps.setString(4, p.updatedAt().toString());
        ps.setString(5, rollout.toString());
        ps.setString(6, p.postId());
        ps.executeUpdate();
      }
      return null;
    });
  }

  Future<Void> state(Context ctx, UUID rollout, String state) {
    return db.call(ctx, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE agent_rollouts SET state = ? WHERE id = ?")) {
        ps.setString(1, state);
        ps.setString(2, rollout.toString());
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Every rollout with its posts, oldest first. Blocking: start-up only. */
  List<Rollout> rollouts() {
    return db.callAndWait(c -> {
      List<Rollout> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, version, allow_downgrade, first_stage, state, "
          + "started_by, started_at FROM agent_rollouts ORDER BY started_at");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID id = UUID.fromString(rs.getString(1));
          out.add(new Rollout(id, rs.getString(2), rs.getInt(3) == 1, rs.getInt(4), rs.getString(5), rs.getString(6),
              Instant.parse(rs.getString(7)), posts(c, id)));
        }
      }
      return out;
    });
  }

  private static List<PostUpdate> posts(Connection c, UUID rollout) throws SQLException {
    List<PostUpdate> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT post_id, stage, state, reason, detail, updated_at FROM "
        + "agent_rollout_posts WHERE rollout_id = ? ORDER BY stage, post_id")) {
      ps.setString(1, rollout.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PostUpdate(rs.getString(1), rs.getInt(2), UpdateState.valueOf(rs.getString(3)), rs.getString(4),
              rs.getString(5), Instant.parse(rs.getString(6))));
        }
      }
    }
    return out;
  }
}
