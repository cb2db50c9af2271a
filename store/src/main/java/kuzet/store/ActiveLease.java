package kuzet.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which hub on a shared PostgreSQL database is the active one: the holder of a session-level advisory lock.
 * A second hub started on the same database waits as a standby and takes over when the holder's session ends
 * (its process died: at once; its server lost power or network: when PostgreSQL ends the silent session,
 * {@code idle_session_timeout} = three checks). The holder checks its session every {@code check}; if the
 * database no longer answers on it, the lock may be gone, so it calls {@code onLost} (the hub stops, and its
 * service manager starts it again as a standby) rather than risk two active hubs. On SQLite there is one hub
 * per file and nothing to hold.
 */
public final class ActiveLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveLease.class);
  /** Any fixed number, the same on every hub; spells "KUZH". */
  static final long LOCK = 0x4B555A48L;
  private static final String SESSION_PREFIX = "kuzet-hub-lease ";

  private final Connection session;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Thread watchdog;

  private ActiveLease(Connection session) {
    this.session = session;
  }

  /** Blocks until this hub holds the lease (at once on SQLite, or when no other hub holds it). */
  public static ActiveLease acquire(StoreSettings store, String hubId, Duration check, Runnable onLost)
      throws InterruptedException {
    if (store.dialect() != Dialect.POSTGRESQL) {
      return new ActiveLease(null);
    }
    boolean told = false;
    Connection c = null;
    while (true) {
      try {
        if (c == null) {
          // one session for the whole wait: the standby is then visible to the others (roster)
          c = connect(store, hubId, check);
          try (Statement s = c.createStatement()) {
            s.execute("SET idle_session_timeout = '" + check.multipliedBy(3).toMillis() + "ms'");
          }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
          rs.next();
          if (rs.getBoolean(1)) {
            LOG.info("hub {} is the active hub on {}", hubId, store.describe());
            ActiveLease lease = new ActiveLease(c);
            lease.watch(check, onLost, hubId);
            return lease;
          }
        }
        if (!told) {
          try (Statement s = c.createStatement()) {
            LOG.warn("standby: another hub ({}) is active on {}; hub {} takes over when it stops",
                holder(s), store.describe(), hubId);
          }
          told = true;
        }
      } catch (SQLException e) {
        LOG.warn("standby: cannot reach {} ({}); trying again", store.describe(), e.getMessage());
        closeQuietly(c);
        c = null;
      }
      Thread.sleep(check.toMillis());
    }
  }

  /** A hub on the database, from its lease session: the active one holds the lock, the standbys wait for it. */
  public record Member(String hubId, boolean active, java.time.Instant since) {}

  /**
   * The hubs whose lease sessions are on this database now, the active one first; on SQLite, none (one hub per
   * file, which the caller knows is itself).
   */
  public static java.util.List<Member> roster(Connection c) throws SQLException {
    java.util.List<Member> out = new java.util.ArrayList<>();
    if (!c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
      return out;
    }
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT substr(a.application_name, length('" + SESSION_PREFIX + "') + 1),"
             + " bool_or(l.granted IS TRUE), min(a.backend_start) FROM pg_stat_activity a LEFT JOIN pg_locks l"
             + " ON l.pid = a.pid AND l.locktype = 'advisory' AND l.objid = " + (LOCK & 0xFFFFFFFFL)
             + " WHERE a.datname = current_database() AND a.application_name LIKE '" + SESSION_PREFIX + "%'"
             + " GROUP BY 1 ORDER BY 2 DESC, 1")) {
      while (rs.next()) {
        out.add(new Member(rs.getString(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant()));
      }
    }
    return out;
  }

  private void watch(Duration check, Runnable onLost, String hubId) {
    Thread t = new Thread(() -> {
      while (!closed.get()) {
        try {
          Thread.sleep(check.toMillis());
          try (Statement s = session.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, check.toSeconds()));
            s.execute("SELECT 1");
          }
        } catch (InterruptedException e) {
          return;
        } catch (SQLException e) {
          if (!closed.get()) {
            LOG.error("hub {} lost its session with the database ({}): another hub may be active now; stopping",
                hubId, e.getMessage());
            onLost.run();
          }
          return;
        }
      }
    }, "kuzet-active-lease");
    t.setDaemon(true);
    watchdog = t;
    t.start();
  }

  /** Whether this process holds the lease (always on SQLite). */
  public boolean held() {
    return !closed.get();
  }

  private static Connection connect(StoreSettings store, String hubId, Duration check) throws SQLException {
    // a silent network must fail the holder's check by itself: a query timeout's cancel would need the network too
    return store.openSession(SESSION_PREFIX + hubId, check.multipliedBy(2));
  }

  private static String holder(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a"
        + " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.objid = " + (LOCK & 0xFFFFFFFFL) + " AND l.granted"
        + " AND a.datname = current_database()")) {
      return rs.next() ? rs.getString(1) : "unknown";
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // it is being thrown away
      }
    }
  }

  /** Gives the lease up (the session ends, so the lock goes with it). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (watchdog != null) {
        watchdog.interrupt();
      }
      closeQuietly(session);
    }
  }
}
