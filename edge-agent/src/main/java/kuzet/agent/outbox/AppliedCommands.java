package kuzet.agent.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The commands this post has applied and what came of each (the last {@value #KEPT}), in the outbox's database: a
 * command the broker redelivers after a reboot is acknowledged again with its first outcome, not applied twice.
 */
public final class AppliedCommands {
  static final int KEPT = 4096;
  private final Connection db;
  private final Object lock;
  private final int kept;

  /** The outcome of an applied command: the error of its ack (null: ok), and whether it was refused as too old. */
  public record Outcome(String error, boolean expired) {}

  AppliedCommands(Connection db, Object lock, int kept) {
    this.db = db;
    this.lock = lock;
    this.kept = kept;
  }

  public Optional<Outcome> find(UUID commandId) {
    synchronized (lock) {
      try (PreparedStatement ps = db.prepareStatement("SELECT error, expired FROM applied_commands WHERE command_id = ?")) {
        ps.setString(1, commandId.toString());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Outcome(rs.getString(1), rs.getInt(2) != 0)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("applied commands read failed: " + e.getMessage(), e);
      }
    }
  }

  public void record(UUID commandId, Outcome outcome) {
    synchronized (lock) {
      try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO applied_commands (command_id, error, expired)"
          + " VALUES (?, ?, ?)");
           PreparedStatement trim = db.prepareStatement("DELETE FROM applied_commands WHERE seq <= "
               + "(SELECT max(seq) FROM applied_commands) - " + kept)) {
        ps.setString(1, commandId.toString());
        ps.setString(2, outcome.error());
        ps.setInt(3, outcome.expired() ? 1 : 0);
        ps.executeUpdate();
        trim.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("applied commands write failed: " + e.getMessage(), e);
      }
    }
  }
}
