package kuzet.agent.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The durable store-and-forward queue on the SD card (SQLite, WAL, synchronous=FULL so an acknowledged write
 * survives a power cut). A message is written here before it is published and deleted only after PUBACK.
 *
 * <p>Bounds: telemetry beyond {@code maxTelemetry} rows drops the oldest telemetry; events beyond {@code maxEvents}
 * drop the oldest non-PANIC event. PANIC rows are never dropped.
 */
public final class Outbox implements AutoCloseable {
  private final Connection db;
  private final int maxTelemetry;
  private final int maxEvents;
  private final Object signal = new Object();
  private long changes;

  public Outbox(Path file, int maxTelemetry, int maxEvents) {
    this.maxTelemetry = maxTelemetry;
    this.maxEvents = maxEvents;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, priority INTEGER NOT NULL,"
            + " topic TEXT NOT NULL, payload BLOB NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS outbox_order ON outbox (priority, id)");
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the outbox at " + file + ": " + e.getMessage(), e);
    }
  }

  /** Stores a message durably; returns once it is on disk. */
  public synchronized long append(Priority priority, String topic, byte[] payload) {
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO outbox (priority, topic, payload) VALUES (?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setInt(1, priority.rank());
      ps.setString(2, topic);
      ps.setBytes(3, payload);
      ps.executeUpdate();
      long id;
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        id = rs.getLong(1);
      }
      enforceBounds(priority);
      wake();
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException("outbox write failed: " + e.getMessage(), e);
    }
  }

  private void enforceBounds(Priority written) throws SQLException {
    if (written == Priority.TELEMETRY) {
      trim(Priority.TELEMETRY, maxTelemetry);
    } else if (written == Priority.EVENT) {
      trim(Priority.EVENT, maxEvents);
    }
  }

  private void trim(Priority p, int max) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE priority = ?"
        + " ORDER BY id LIMIT max(0, (SELECT count(*) FROM outbox WHERE priority = ?) - ?))")) {
      ps.setInt(1, p.rank());
      ps.setInt(2, p.rank());
      ps.setInt(3, max);
      ps.executeUpdate();
    }
  }

  /** The next message to send: PANIC first, then events, then telemetry, each oldest first. */
  public synchronized Optional<Entry> head() {
    try (PreparedStatement ps = db.prepareStatement("SELECT id, priority, topic, payload FROM outbox ORDER BY priority, id LIMIT 1");
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(new Entry(rs.getLong(1), Priority.values()[rs.getInt(2)], rs.getString(3), rs.getBytes(4)));
    } catch (SQLException e) {
      throw new IllegalStateException("outbox read failed: " + e.getMessage(), e);
    }
  }

  /** Removes a message after its PUBACK. */
  public synchronized void remove(long id) {
    try (PreparedStatement ps = db.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("outbox delete failed: " + e.getMessage(), e);
    }
  }

  public synchronized int depth() {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("outbox count failed: " + e.getMessage(), e);
    }
  }

  /** A counter that grows on every append or wake; read it before {@link #head()} and pass it to {@link #awaitChange}. */
  public long changes() {
    synchronized (signal) {
      return changes;
    }
  }

  /** Waits until something was appended (or woken) since {@code seen}, or the timeout passes; no lost wake-ups. */
  public void awaitChange(long seen, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    synchronized (signal) {
      while (changes == seen) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        signal.wait(left);
      }
    }
  }

  /** Wakes a waiting sender without appending (e.g. the link came up). */
  public void wake() {
    synchronized (signal) {
      changes++;
      signal.notifyAll();
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("outbox close failed: " + e.getMessage(), e);
    }
  }
}
