package kuzet.hub.alert;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.store.Json;

/** Alerts and the event ids that raised them, in the hub's database. */
public final class AlertStore {
  private final Database db;

  public AlertStore(Database db) {
    this.db = db;
  }

  public Future<Void> save(Context ctx, Alert alert) {
    return db.call(ctx, c -> {
      upsert(c, alert);
      return null;
    });
  }

  /** Saves the alert and remembers the event that raised or repeated it, in one transaction. */
  public Future<Void> save(Context ctx, Alert alert, String eventId, Instant receivedAt) {
    return db.call(ctx, c -> Database.inTransaction(c, tx -> {
      upsert(tx, alert);
      try (PreparedStatement ps = tx.prepareStatement(
          "INSERT INTO alert_events (event_id, alert_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, eventId);
        ps.setString(2, alert.id().toString());
        ps.setString(3, receivedAt.toString());
        ps.executeUpdate();
      }
      return null;
    }));
  }

  /** Writes one alert on a connection the caller holds (bulk imports and seeded histories). */
  public static void upsert(Connection c, Alert a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO alerts (id, type, state, post_id, dedup_key, opened_at, json) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT(id) DO UPDATE SET state = excluded.state, json = excluded.json")) {
      ps.setString(1, a.id().toString());
      ps.setString(2, a.type());
      ps.setString(3, a.state().name());
      ps.setString(4, a.postId());
      ps.setString(5, a.dedupKey());
      ps.setString(6, a.openedAt().toString());
      ps.setString(7, Json.write(a));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (Dialect.isDuplicate(e)) {
        throw new DuplicateAlertException(a, e);
      }
      throw e;
    }
  }

  /** The open alert stored under a deduplication key (raised by another hub), if there is one. */
  public Future<java.util.Optional<Alert>> open(Context ctx, String dedupKey) {
    return db.call(ctx, c -> {
      List<Alert> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT json, dedup_key FROM alerts WHERE dedup_key = ? AND state <> 'RESOLVED'")) {
        ps.setString(1, dedupKey);
        read(ps, out);
      }
      return out.stream().findFirst();
    });
  }

  /** Every alert not yet resolved, plus the newest {@code resolvedLimit} resolved ones. Blocking: start-up only. */
  public List<Alert> loadWorkingSet(int resolvedLimit) {
    return db.callAndWait(c -> {
      List<Alert> out = new ArrayList<>();
      query(c, "SELECT json, dedup_key FROM alerts WHERE state <> 'RESOLVED'", -1, out);
      query(c, "SELECT json, dedup_key FROM alerts WHERE state = 'RESOLVED' ORDER BY opened_at DESC LIMIT ?",
          resolvedLimit, out);
      return out;
    });
  }

  /** The newest event ids that raised alerts, so redeliveries after a restart are still recognised. Blocking. */
  public List<String> loadEventIds(int limit) {
    return db.callAndWait(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT event_id FROM alert_events ORDER BY received_at DESC LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      return ids;
    });
  }

  private static void query(Connection c, String sql, int limit, List<Alert> out) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (limit >= 0) {
        ps.setInt(1, limit);
      }
      read(ps, out);
    }
  }

  private static void read(PreparedStatement ps, List<Alert> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Alert a = Json.read(rs.getString(1), Alert.class);
        out.add(new Alert(a.id(), a.type(), a.severity(), a.state(), a.postId(), a.postName(), a.district(),
            a.incidentId(), a.openedAt(), a.acknowledgedAt(), a.acknowledgedBy(), a.dispatchedAt(),
            a.dispatchedBy(), a.resolvedAt(), a.resolvedBy(), a.note(), a.repeats(), a.escalationLevel(),
            a.groupId(), a.groupSize(), a.history(), rs.getString(2)));
      }
    }
  }
}
