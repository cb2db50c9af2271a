package kuzet.hub.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import kuzet.protocol.PostId;

/** The registry in a SQLite file (WAL mode, so the hub and the CLI can use it at the same time). */
public final class SqlitePostRegistry implements PostRegistry {
  private static final String COLUMNS =
      "id, type, name, district, latitude, longitude, registered_at, mqtt_password_hash, certificate_serial, revoked_at";

  private final Connection connection;

  public SqlitePostRegistry(Path databaseFile) {
    try {
      connection = kuzet.hub.store.SqliteFile.open(databaseFile);
      try (Statement s = connection.createStatement()) {
        s.execute("""
            CREATE TABLE IF NOT EXISTS posts (
              id TEXT PRIMARY KEY,
              type TEXT NOT NULL,
              name TEXT NOT NULL,
              district TEXT NOT NULL,
              latitude REAL NOT NULL,
              longitude REAL NOT NULL,
              registered_at TEXT NOT NULL,
              mqtt_password_hash TEXT,
              certificate_serial TEXT,
              revoked_at TEXT)""");
        s.execute("CREATE INDEX IF NOT EXISTS posts_district ON posts(district)");
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the post registry at " + databaseFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<RegisteredPost> find(PostId id) {
    try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM posts WHERE id = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("registry lookup failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<RegisteredPost> all() {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM posts ORDER BY id")) {
      List<RegisteredPost> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("registry listing failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void register(RegisteredPost post) {
    registerAll(List.of(post));
  }

  @Override
  public synchronized void registerAll(Collection<RegisteredPost> posts) {
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO posts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (RegisteredPost p : posts) {
          ps.setString(1, p.id().value());
          ps.setString(2, p.type().id());
          ps.setString(3, p.name());
          ps.setString(4, p.district());
          ps.setDouble(5, p.latitude());
          ps.setDouble(6, p.longitude());
          ps.setString(7, p.registeredAt().toString());
          ps.setString(8, p.mqttPasswordHash());
          ps.setString(9, p.certificateSerial());
          ps.setString(10, p.revokedAt() == null ? null : p.revokedAt().toString());
          ps.addBatch();
        }
        ps.executeBatch();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
          throw new IllegalArgumentException("a post with that id is already registered: " + e.getMessage(), e);
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("registering posts failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void updateCredentials(PostId id, String mqttPasswordHash, String certificateSerial) {
    update("UPDATE posts SET mqtt_password_hash = ?, certificate_serial = ? WHERE id = ?",
        mqttPasswordHash, certificateSerial, id.value());
  }

  @Override
  public synchronized void revoke(PostId id, Instant at) {
    update("UPDATE posts SET mqtt_password_hash = NULL, revoked_at = ? WHERE id = ?", at.toString(), id.value());
  }

  @Override
  public synchronized List<String> revokedCertificateSerials() {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT certificate_serial FROM posts WHERE revoked_at IS NOT NULL AND certificate_serial IS NOT NULL")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("registry query failed: " + e.getMessage(), e);
    }
  }

  private void update(String sql, String... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      if (ps.executeUpdate() == 0) {
        throw new IllegalArgumentException("no post '" + params[params.length - 1] + "' is registered");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("registry update failed: " + e.getMessage(), e);
    }
  }

  private static RegisteredPost read(ResultSet rs) throws SQLException {
    String revoked = rs.getString(10);
    return new RegisteredPost(
        new PostId(rs.getString(1)),
        PostType.fromId(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getDouble(5),
        rs.getDouble(6),
        Instant.parse(rs.getString(7)),
        rs.getString(8),
        rs.getString(9),
        revoked == null ? null : Instant.parse(revoked));
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing on shutdown: nothing useful to do with the error
    }
  }
}
