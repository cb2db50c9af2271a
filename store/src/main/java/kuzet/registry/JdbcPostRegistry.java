package kuzet.registry;

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
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;
import kuzet.protocol.PostId;

/**
 * The registry in the hub's database (SQLite or PostgreSQL). Each call borrows a pooled connection, so the
 * hub, its broker's access checks and the installer's CLI can use it at the same time.
 */
public final class JdbcPostRegistry implements PostRegistry {
  private static final String COLUMNS =
      "id, type, name, district, latitude, longitude, registered_at, mqtt_password_hash, certificate_serial, revoked_at";

  private final Database db;
  private final boolean ownsDatabase;

  /** A registry on the hub's open database; closing the registry leaves the database open. */
  public JdbcPostRegistry(Database db) {
    this(db, false);
  }

  private JdbcPostRegistry(Database db, boolean ownsDatabase) {
    this.db = db;
    this.ownsDatabase = ownsDatabase;
  }

  /** Opens (and migrates) the database for a tool; closing the registry closes it. */
  public static JdbcPostRegistry open(StoreSettings settings) {
    return new JdbcPostRegistry(Database.open(settings), true);
  }

  @Override
  public Optional<RegisteredPost> find(PostId id) {
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM posts WHERE id = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("registry lookup failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<RegisteredPost> all() {
    try (Connection c = db.dataSource().getConnection();
         Statement s = c.createStatement();
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
  public void registerAll(Collection<RegisteredPost> posts) {
    try (Connection c = db.dataSource().getConnection()) {
      Database.inTransaction(c, tx -> {
        try (PreparedStatement ps = tx.prepareStatement(
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
        }
        return null;
      });
    } catch (SQLException e) {
      if (Dialect.isDuplicate(e) || (e.getNextException() != null && Dialect.isDuplicate(e.getNextException()))) {
        throw new IllegalArgumentException("a post with that id is already registered: " + e.getMessage(), e);
      }
      throw new IllegalStateException("registering posts failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void updateCredentials(PostId id, String mqttPasswordHash, String certificateSerial) {
    update("UPDATE posts SET mqtt_password_hash = ?, certificate_serial = ? WHERE id = ?",
        mqttPasswordHash, certificateSerial, id.value());
  }

  @Override
  public void revoke(PostId id, Instant at) {
    update("UPDATE posts SET mqtt_password_hash = NULL, revoked_at = ? WHERE id = ?", at.toString(), id.value());
  }

  @Override
  public List<String> revokedCertificateSerials() {
    try (Connection c = db.dataSource().getConnection();
         Statement s = c.createStatement();
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
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
  public void close() {
    if (ownsDatabase) {
      db.close();
    }
  }
}
