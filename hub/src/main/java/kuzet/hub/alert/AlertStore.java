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

/**
 * Alerts and the event ids that raised them, in the hub's database. A single hub (SQLite, or one active hub with
 * standbys) holds the newest copy of every alert and writes it as it is; one of several active hubs merges each write
 * with the stored copy and announces it ({@link #shared}).
 */
public final class AlertStore {
  private final Database db;
  /** The hub named in each announced change; null for a single hub, which neither merges nor announces. */
  private final String sharedBy;

  /** For a single hub: writes without reading or locking the stored copy first. */
  public AlertStore(Database db) {
    this(db, null);
  }

  private AlertStore(Database db, String sharedBy) {
    this.db = db;
    this.sharedBy = sharedBy;
  }

  /** For one of several active hubs on one PostgreSQL database ({@code store.hubs=active}). */
  public static AlertStore shared(Database db, String hubId) {
    if (hubId == null || hubId.isBlank() || hubId.contains(" ")) {
      throw new IllegalArgumentException("hub id '" + hubId + "' cannot name this hub in alert notifications");
    }
    return new AlertStore(db, hubId);
  }

  /**
   * Every hub on a shared database hears each alert changed on this channel: the alert's id, a space and the id of
   * the hub that changed it ({@link #changed}), so that a hub need not read again what it wrote itself.
   */
  public static final String CHANNEL = "kuzet_alerts";

  /** A notification's payload, as {@link #CHANNEL} carries it. */
  public record Change(java.util.UUID alertId, String hubId) {
    /** Reads a payload; {@code hubId} is null from hubs that named only the alert. Throws when it names no alert. */
    public static Change parse(String payload) {
      int space = payload.indexOf(' ');
      return space < 0 ? new Change(java.util.UUID.fromString(payload), null)
          : new Change(java.util.UUID.fromString(payload.substring(0, space)), payload.substring(space + 1));
    }
  }

  /** Saves the alert, merged with the stored copy another hub may have changed; completes with what is stored. */
  public Future<Alert> save(Context ctx, Alert alert) {
    return db.call(ctx, c -> Database.inTransaction(c, tx -> write(tx, alert)));
  }

  /** Saves the alert and remembers the event that raised or repeated it, in one transaction. */
  public Future<Alert> save(Context ctx, Alert alert, String eventId, Instant receivedAt) {
    return db.call(ctx, c -> Database.inTransaction(c, tx -> {
      Alert stored = write(tx, alert);
      try (PreparedStatement ps = tx.prepareStatement(
          "INSERT INTO alert_events (event_id, alert_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, eventId);
        ps.setString(2, alert.id().toString());
        ps.setString(3, receivedAt.toString());
        ps.executeUpdate();
      }
      return stored;
    }));
  }

  private Alert write(Connection tx, Alert a) throws SQLException {
    return sharedBy == null ? upsert(tx, a) : merge(tx, a, sharedBy);
  }

  /** Writes one alert as a single hub does: its copy is the newest there is. Returns what is stored. */
  public static Alert upsert(Connection c, Alert a) throws SQLException {
    insertOrUpdate(c, a, a);
    return a;
  }

  /**
   * Writes one alert, merged with the stored copy ({@link Alert#merge}): another hub may have changed it since this
   * hub read it, and neither change may be lost. The row is held until the caller's transaction ends, so two hubs
   * merging at once take turns. Announces the change on {@link #CHANNEL} as {@code hubId}'s. Returns what is stored.
   */
  private static Alert merge(Connection c, Alert a, String hubId) throws SQLException {
    Dialect dialect = Dialect.of(c);
    Alert stored = null;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT json, dedup_key FROM alerts WHERE id = ?" + dialect.lockRow())) {
      ps.setString(1, a.id().toString());
      List<Alert> found = new ArrayList<>();
      read(ps, found);
      stored = found.isEmpty() ? null : found.get(0);
    }
    Alert merged = stored == null ? a : stored.merge(a);
    if (merged.equals(stored)) {
      return stored;
    }
    insertOrUpdate(c, merged, a);
    dialect.notify(c, CHANNEL, merged.id() + " " + hubId);
    return merged;
  }

  private static void insertOrUpdate(Connection c, Alert merged, Alert a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO alerts (id, type, state, post_id, dedup_key, opened_at, json) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT(id) DO UPDATE SET state = excluded.state, json = excluded.json")) {
      ps.setString(1, merged.id().toString());
      ps.setString(2, merged.type());
      ps.setString(3, merged.state().name());
      ps.setString(4, merged.postId());
      ps.setString(5, merged.dedupKey());
      ps.setString(6, merged.openedAt().toString());
      ps.setString(7, Json.write(merged));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (Dialect.isDuplicate(e)) {
        throw new DuplicateAlertException(a, e);
      }
      throw e;
    }
  }

  /** Every alert not yet resolved. */
  public Future<List<Alert>> active(Context ctx) {
    return db.call(ctx, c -> {
      List<Alert> out = new ArrayList<>();
      query(c, "SELECT json, dedup_key FROM alerts WHERE state <> 'RESOLVED'", -1, out);
      return out;
    });
  }

  /** The stored copies of the given alerts (those another hub changed). */
  public Future<List<Alert>> load(Context ctx, java.util.Collection<java.util.UUID> ids) {
    return db.call(ctx, c -> {
      List<Alert> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT json, dedup_key FROM alerts WHERE id = ?")) {
        for (java.util.UUID id : ids) {
          ps.setString(1, id.toString());
          read(ps, out);
        }
      }
      return out;
    });
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
