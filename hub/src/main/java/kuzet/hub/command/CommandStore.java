package kuzet.hub.command;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.time.Instant;
import kuzet.store.Database;
import kuzet.store.Json;
import kuzet.protocol.Command;

/** Every command the hub sent, and how it ended. */
final class CommandStore {
  private final Database db;

  CommandStore(Database db) {
    this.db = db;
  }

  Future<Void> sent(Context ctx, Command c, String by) {
    return db.call(ctx, conn -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO commands (command_id, post_id, name, incident_id, args, requested_by, requested_at, status) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, 'sent')")) {
        ps.setString(1, c.commandId().toString());
        ps.setString(2, c.postId().value());
        ps.setString(3, c.name().name());
        ps.setString(4, c.incidentId() == null ? null : c.incidentId().toString());
        ps.setString(5, Json.write(c.args()));
        ps.setString(6, by);
        ps.setString(7, c.ts().toString());
        ps.executeUpdate();
      }
      return null;
    });
  }

  Future<Void> finished(Context ctx, CommandResult r, Instant at) {
    return db.call(ctx, conn -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "UPDATE commands SET status = ?, error = ?, completed_at = ? WHERE command_id = ?")) {
        ps.setString(1, r.status());
        ps.setString(2, r.error());
        ps.setString(3, at.toString());
        ps.setString(4, r.commandId().toString());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
