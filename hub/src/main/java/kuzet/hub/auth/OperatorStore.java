package kuzet.hub.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;

/**
 * Operators and their sessions in the hub's database. Every method blocks on JDBC with a pooled connection:
 * call it from a worker thread (executeBlocking), never from an event loop.
 */
public final class OperatorStore implements AutoCloseable {
  private static final String COLUMNS = "username, role, password_hash, created_at, failed_attempts, last_failure_at, locked_until";

  private final Database db;
  private final boolean ownsDatabase;

  /** A store on the hub's open database; closing the store leaves the database open. */
  public OperatorStore(Database db) {
    this(db, false);
  }

  private OperatorStore(Database db, boolean ownsDatabase) {
    this.db = db;
    this.ownsDatabase = ownsDatabase;
  }

  /** Opens (and migrates) the database for a tool; closing the store closes it. */
  public static OperatorStore open(StoreSettings settings) {
    return new OperatorStore(Database.open(settings), true);
  }

  public Optional<Operator> find(String username) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM operators WHERE username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("operator lookup", e);
    }
  }

  public List<Operator> all() {
    try (Connection c = db.dataSource().getConnection();
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM operators ORDER BY username")) {
      List<Operator> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw failure("operator listing", e);
    }
  }

  /** Throws IllegalArgumentException when the username is taken. */
  public void insert(Operator op) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO operators (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, op.username());
      bindState(ps, op, 2);
      ps.executeUpdate();
    } catch (SQLException e) {
      if (Dialect.isDuplicate(e)) {
        throw new IllegalArgumentException("an operator named '" + op.username() + "' already exists", e);
      }
      throw failure("adding an operator", e);
    }
  }

  public void update(Operator op) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE operators SET role = ?, password_hash = ?, created_at = ?,"
        + " failed_attempts = ?, last_failure_at = ?, locked_until = ? WHERE username = ?")) {
      bindState(ps, op, 1);
      ps.setString(7, op.username());
      if (ps.executeUpdate() == 0) {
        throw new IllegalArgumentException("no operator named '" + op.username() + "'");
      }
    } catch (SQLException e) {
      throw failure("updating an operator", e);
    }
  }

  /** Removes the operator and all their sessions; false when there was no such operator. */
  public boolean delete(String username) {
    deleteSessionsOf(username);
    return execute("DELETE FROM operators WHERE username = ?", username) > 0;
  }

  public int countWithRole(Role role) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM operators WHERE role = ?")) {
      ps.setString(1, role.name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw failure("counting operators", e);
    }
  }

  public void saveSession(Session s) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO operator_sessions (token_hash, username, role, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, s.tokenHash());
      ps.setString(2, s.username());
      ps.setString(3, s.role().name());
      ps.setString(4, s.csrfToken());
      ps.setString(5, s.createdAt().toString());
      ps.setString(6, s.expiresAt().toString());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("saving a session", e);
    }
  }

  public void deleteSession(String tokenHash) {
    execute("DELETE FROM operator_sessions WHERE token_hash = ?", tokenHash);
  }

  public void deleteSessionsOf(String username) {
    execute("DELETE FROM operator_sessions WHERE username = ?", username);
  }

  /** Sessions still valid at {@code now}; expired ones are purged on the way. */
  public List<Session> liveSessions(Instant now) {
    execute("DELETE FROM operator_sessions WHERE expires_at <= ?", now.toString());
    try (Connection c = db.dataSource().getConnection();
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(
             "SELECT token_hash, username, role, csrf_token, created_at, expires_at FROM operator_sessions")) {
      List<Session> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Session(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4),
            Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6))));
      }
      return out;
    } catch (SQLException e) {
      throw failure("loading sessions", e);
    }
  }

  /** The stored session with this token hash, unless it expired (another hub may have opened it). */
  public java.util.Optional<Session> session(String tokenHash, Instant now) {
    try (Connection c = db.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT token_hash, username, role, csrf_token, created_at, expires_at"
             + " FROM operator_sessions WHERE token_hash = ? AND expires_at > ?")) {
      ps.setString(1, tokenHash);
      ps.setString(2, now.toString());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? java.util.Optional.of(new Session(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                rs.getString(4), Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6))))
            : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("loading a session", e);
    }
  }

  private int execute(String sql, String param) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("operators database", e);
    }
  }

  private static void bindState(PreparedStatement ps, Operator op, int from) throws SQLException {
    ps.setString(from, op.role().name());
    ps.setString(from + 1, op.passwordHash());
    ps.setString(from + 2, op.createdAt().toString());
    ps.setInt(from + 3, op.failedAttempts());
    ps.setString(from + 4, op.lastFailureAt() == null ? null : op.lastFailureAt().toString());
    ps.setString(from + 5, op.lockedUntil() == null ? null : op.lockedUntil().toString());
  }

  private static Operator read(ResultSet rs) throws SQLException {
    String lastFailure = rs.getString(6);
    String locked = rs.getString(7);
    return new Operator(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3), Instant.parse(rs.getString(4)),
        rs.getInt(5), lastFailure == null ? null : Instant.parse(lastFailure), locked == null ? null : Instant.parse(locked));
  }

  private static IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException(what + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    if (ownsDatabase) {
      db.close();
    }
  }
}
