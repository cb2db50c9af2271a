package kuzet.hub.postconfig;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditLog;
import kuzet.store.Database;
import kuzet.store.Json;

/** Desired post settings in the hub's database (table {@code post_config}, migration V7). Blocking: database thread. */
final class PostConfigStore {
  private static final String COLUMNS = "post_id, version, command_id, settings, changed_by, changed_at, ack_version, "
      + "ack_error, ack_restart, ack_at";
  private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {};

  private PostConfigStore() {}

  static List<DesiredConfig> all(Connection c) throws SQLException {
    List<DesiredConfig> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM post_config ORDER BY post_id");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    }
    return out;
  }

  static Optional<DesiredConfig> find(Connection c, String postId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM post_config WHERE post_id = ?")) {
      ps.setString(1, postId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Applies one operator's change to each post in one transaction with its audit entries: {@code changes} maps a key to
   * its new value, or to null to give the key back to the post's own file. Each post's version grows by one.
   */
  static List<DesiredConfig> change(Connection conn, AuditKey key, List<String> postIds, Map<String, String> changes,
                                    String by, Instant at) throws SQLException {
    return Database.inTransaction(conn, c -> {
      List<DesiredConfig> out = new ArrayList<>();
      for (String post : postIds) {
        Optional<DesiredConfig> old = find(c, post);
        TreeMap<String, String> settings = new TreeMap<>(old.map(DesiredConfig::settings).orElse(Map.of()));
        changes.forEach((k, v) -> {
          if (v == null) {
            settings.remove(k);
          } else {
            settings.put(k, v);
          }
        });
        DesiredConfig next = new DesiredConfig(post, old.map(d -> d.version() + 1).orElse(1L), UUID.randomUUID(),
            settings, by, at, old.map(DesiredConfig::ackVersion).orElse(null),
            old.map(DesiredConfig::ackError).orElse(null), old.map(DesiredConfig::ackRestart).orElse(null),
            old.map(DesiredConfig::ackAt).orElse(null));
        write(c, next, old.isPresent());
        AuditLog.append(c, key, at, by, "CONFIG", post, "version " + next.version() + ": " + describe(changes));
        out.add(next);
      }
      return out;
    });
  }

  /** Records a post's answer to a version; an answer to a version that is no longer the desired one is dropped. */
  static Optional<DesiredConfig> answered(Connection c, String postId, long version, String error, String restart,
                                          Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE post_config SET ack_version = ?, ack_error = ?, "
        + "ack_restart = ?, ack_at = ? WHERE post_id = ? AND version = ?")) {
      ps.setLong(1, version);
      ps.setString(2, error);
      ps.setString(3, restart);
      ps.setString(4, at.toString());
      ps.setString(5, postId);
      ps.setLong(6, version);
      ps.executeUpdate();
    }
    return find(c, postId);
  }

  private static void write(Connection c, DesiredConfig d, boolean exists) throws SQLException {
    String sql = exists
        ? "UPDATE post_config SET version = ?, command_id = ?, settings = ?, changed_by = ?, changed_at = ? WHERE post_id = ?"
        : "INSERT INTO post_config (version, command_id, settings, changed_by, changed_at, post_id) VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, d.version());
      ps.setString(2, d.commandId().toString());
      ps.setString(3, Json.write(d.settings()));
      ps.setString(4, d.changedBy());
      ps.setString(5, d.changedAt().toString());
      ps.setString(6, d.postId());
      ps.executeUpdate();
    }
  }

  private static DesiredConfig row(ResultSet rs) throws SQLException {
    long ackVersion = rs.getLong(7);
    Long ack = rs.wasNull() ? null : ackVersion;
    String ackAt = rs.getString(10);
    try {
      return new DesiredConfig(rs.getString(1), rs.getLong(2), UUID.fromString(rs.getString(3)),
          Json.MAPPER.readValue(rs.getString(4), SETTINGS), rs.getString(5), Instant.parse(rs.getString(6)), ack,
          rs.getString(8), rs.getString(9), ackAt == null ? null : Instant.parse(ackAt));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("post_config.settings of " + rs.getString(1) + " is not a JSON object of strings", e);
    }
  }

  private static String describe(Map<String, String> changes) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(changes).forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k)
        .append(v == null ? " back to the post's file" : "=" + v));
    return b.toString();
  }
}
