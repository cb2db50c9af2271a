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
 * drop the oldest events, except TAMPER. PANIC and PANIC_REPEAT rows are never dropped. What was dropped is counted by
 * kind, durably, so the post can say so in its telemetry.
 *
 * <p>A row may own a <em>slot</em> (such as one incident's PANIC): storing into a slot that still has a row rewrites
 * that row in place instead of adding one, so an incident is one row however long the post stays offline.
 */
public final class Outbox implements AutoCloseable {
  private final Connection db;
  private final int maxTelemetry;
  private final int maxEvents;
  private static final String NEVER_PURGED = "('TAMPER', 'PANIC', 'PANIC_REPEAT')";
  private final Object signal = new Object();
  private final AppliedCommands applied;
  private long changes;

  public Outbox(Path file, int maxTelemetry, int maxEvents) {
    this(file, maxTelemetry, maxEvents, AppliedCommands.KEPT);
  }

  Outbox(Path file, int maxTelemetry, int maxEvents, int keptCommands) {
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
        upgrade(s);
      }
      applied = new AppliedCommands(db, this, keptCommands);
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the outbox at " + file + ": " + e.getMessage(), e);
    }
  }

  /** Schema 1 (an outbox written by an older agent is upgraded in place): kinds, slots, purge counts, applied commands. */
  private static void upgrade(Statement s) throws SQLException {
    int version;
    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version >= 1) {
      return;
    }
    s.execute("ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'UNKNOWN'");
    s.execute("ALTER TABLE outbox ADD COLUMN slot TEXT");
    s.execute("ALTER TABLE outbox ADD COLUMN version INTEGER NOT NULL DEFAULT 0");
    s.execute("CREATE UNIQUE INDEX outbox_slot ON outbox (slot)");
    s.execute("CREATE TABLE IF NOT EXISTS purged (kind TEXT PRIMARY KEY, n INTEGER NOT NULL)");
    s.execute("CREATE TABLE IF NOT EXISTS applied_commands (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        + " command_id TEXT NOT NULL UNIQUE, error TEXT, expired INTEGER NOT NULL)");
    s.execute("PRAGMA user_version = 1");
  }

  /** Stores a message durably; returns once it is on disk. kind: the event kind, COMMAND_ACK or TELEMETRY. */
  public long append(Priority priority, String kind, String topic, byte[] payload) {
    return store(null, priority, kind, topic, payload);
  }

  /**
   * Stores a message into a slot: while the slot's row is still waiting, it is rewritten in place (same place in the
   * queue, version + 1); otherwise a new row takes the slot.
   */
  public synchronized long put(String slot, Priority priority, String kind, String topic, byte[] payload) {
    try (PreparedStatement ps = db.prepareStatement("UPDATE outbox SET payload = ?, topic = ?, version = version + 1"
        + " WHERE slot = ?")) {
      ps.setBytes(1, payload);
      ps.setString(2, topic);
      ps.setString(3, slot);
      if (ps.executeUpdate() == 1) {
        wake();
        return -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("outbox write failed: " + e.getMessage(), e);
    }
    return store(slot, priority, kind, topic, payload);
  }

  /** Whether a slot's row is still waiting to be sent. */
  public synchronized boolean holds(String slot) {
    try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM outbox WHERE slot = ?")) {
      ps.setString(1, slot);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("outbox read failed: " + e.getMessage(), e);
    }
  }

  private synchronized long store(String slot, Priority priority, String kind, String topic, byte[] payload) {
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO outbox (priority, kind, slot, topic, payload)"
        + " VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setInt(1, priority.rank());
      ps.setString(2, kind);
      ps.setString(3, slot);
      ps.setString(4, topic);
      ps.setBytes(5, payload);
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

  /** Deletes the oldest purgeable rows of one priority beyond max, counting them by kind in the same transaction. */
  private void trim(Priority p, int max) throws SQLException {
    long excess = count("SELECT count(*) FROM outbox WHERE priority = " + p.rank()) - max;
    if (excess <= 0) {
      return;
    }
    String victims = "SELECT id, kind FROM outbox WHERE priority = " + p.rank() + " AND kind NOT IN " + NEVER_PURGED
        + " ORDER BY id LIMIT " + excess;
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false);
    try (Statement s = db.createStatement()) {
      // WHERE true: SQLite's upsert after INSERT ... SELECT needs it to parse ON CONFLICT
      s.executeUpdate("INSERT INTO purged (kind, n) SELECT kind, count(*) FROM (" + victims + ") WHERE true GROUP BY kind"
          + " ON CONFLICT (kind) DO UPDATE SET n = n + excluded.n");
      s.executeUpdate("DELETE FROM outbox WHERE id IN (SELECT id FROM (" + victims + "))");
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(auto);
    }
  }

  private long count(String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** How many rows were dropped for lack of room since this outbox was created, by kind (TELEMETRY, MOTION, ...). */
  public synchronized java.util.Map<String, Long> purged() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT kind, n FROM purged")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("outbox read failed: " + e.getMessage(), e);
    }
  }

  /** Writes a token and reads it back, as the self-test does: empty when the database works, else the error. */
  public synchronized Optional<String> selfCheck() {
    String token = java.util.UUID.randomUUID().toString();
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS selftest (id INTEGER PRIMARY KEY, token TEXT NOT NULL)");
      s.executeUpdate("INSERT OR REPLACE INTO selftest (id, token) VALUES (1, '" + token + "')");
      try (ResultSet rs = s.executeQuery("SELECT token FROM selftest WHERE id = 1")) {
        return rs.next() && rs.getString(1).equals(token) ? Optional.empty()
            : Optional.of("outbox read back something else than it wrote");
      }
    } catch (SQLException e) {
      return Optional.of("outbox write/read failed: " + e.getMessage());
    }
  }

  /** The ids of the commands this post has applied, kept with the outbox so they survive a restart. */
  public AppliedCommands appliedCommands() {
    return applied;
  }

  /** The next message to send: PANIC first, then events, then telemetry, each oldest first. */
  public synchronized Optional<Entry> head() {
    try (PreparedStatement ps = db.prepareStatement("SELECT id, priority, topic, payload, version FROM outbox"
        + " ORDER BY priority, id LIMIT 1");
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(new Entry(rs.getLong(1), Priority.values()[rs.getInt(2)], rs.getString(3), rs.getBytes(4),
          rs.getLong(5)));
    } catch (SQLException e) {
      throw new IllegalStateException("outbox read failed: " + e.getMessage(), e);
    }
  }

  /** Removes a message after its PUBACK, unless it was rewritten in place meanwhile: then the newer text goes next. */
  public synchronized void sent(Entry e) {
    try (PreparedStatement ps = db.prepareStatement("DELETE FROM outbox WHERE id = ? AND version = ?")) {
      ps.setLong(1, e.id());
      ps.setLong(2, e.version());
      ps.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException("outbox delete failed: " + ex.getMessage(), ex);
    }
  }

  /** Removes a message whatever its version. */
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
