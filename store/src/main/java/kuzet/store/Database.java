package kuzet.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The hub's relational database (SQLite or PostgreSQL) behind a HikariCP pool, its schema brought up to date
 * by {@link Migrations} when it opens. The hub's own writes run on one dedicated thread in submission order
 * ({@link #call}), so event loops never block on JDBC and writes land in the order the hub decided them; the
 * registry and the operator store borrow pooled connections on worker threads ({@link #dataSource()}).
 */
public final class Database implements AutoCloseable {
  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final StoreSettings settings;
  private final HikariDataSource pool;
  private final ExecutorService thread;

  private Database(StoreSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kuzet-db");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens the pool and migrates the schema; a database from a newer hub is refused ({@link NewerSchemaException}). */
  public static Database open(StoreSettings settings) {
    HikariDataSource pool = null;
    try {
      pool = pool(settings);
      Migrations.apply(pool, settings);
      return new Database(settings, pool);
    } catch (NewerSchemaException e) {
      pool.close();
      throw e;
    } catch (Exception e) {
      if (pool != null) {
        pool.close();
      }
      throw new IllegalStateException("cannot open the hub database at " + settings.describe() + ": "
          + rootMessage(e), e);
    }
  }

  /** Opens the SQLite file (the embedded default). */
  public static Database open(Path sqliteFile) {
    return open(StoreSettings.sqlite(sqliteFile));
  }

  private static HikariDataSource pool(StoreSettings s) throws java.io.IOException {
    HikariConfig c = new HikariConfig();
    c.setPoolName("kuzet-store");
    c.setJdbcUrl(s.url());
    c.setMaximumPoolSize(s.poolSize());
    c.setMinimumIdle(1);
    c.setConnectionTimeout(s.connectionTimeout().toMillis());
    c.setValidationTimeout(Math.max(250, Math.min(5_000, s.connectionTimeout().toMillis())));
    if (s.dialect() == Dialect.SQLITE) {
      Path file = s.sqliteFile().toAbsolutePath();
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      // every user of the file (hub, CLI tools) the same way: readers never block the writer, and a second
      // writer waits up to 5 s instead of failing at once with SQLITE_BUSY
      c.addDataSourceProperty("journal_mode", "WAL");
      c.addDataSourceProperty("busy_timeout", "5000");
      c.addDataSourceProperty("synchronous", "NORMAL");
      c.addDataSourceProperty("foreign_keys", "true");
    } else {
      if (!s.user().isEmpty()) {
        c.setUsername(s.user());
      }
      if (!s.password().isEmpty()) {
        c.setPassword(s.password());
      }
      c.addDataSourceProperty("ApplicationName", "kuzet-hub");
      c.addDataSourceProperty("socketTimeout", Long.toString(Math.max(30, s.connectionTimeout().toSeconds() * 6)));
    }
    return new HikariDataSource(c);
  }

  /** The file was written by a newer hub: running an older one on it could lose what the newer one added. */
  public static final class NewerSchemaException extends IllegalStateException {
    NewerSchemaException(String message) {
      super(message);
    }
  }

  public StoreSettings settings() {
    return settings;
  }

  public Dialect dialect() {
    return settings.dialect();
  }

  /** The pool, for stores whose blocking calls run on worker threads. */
  public DataSource dataSource() {
    return pool;
  }

  /** Runs work on the database thread; the future completes on {@code context}. */
  public <T> Future<T> call(Context context, Work<T> work) {
    Promise<T> promise = Promise.promise();
    try {
      thread.execute(() -> {
        try {
          T result = withConnection(work);
          context.runOnContext(v -> promise.complete(result));
        } catch (Exception | Error e) {
          context.runOnContext(v -> promise.fail(e));
        }
      });
    } catch (RejectedExecutionException e) {
      promise.fail(new IllegalStateException("the database is closed"));
    }
    return promise.future();
  }

  /** Runs work and waits for it: only for start-up, tools and tests, never on an event loop. */
  public <T> T callAndWait(Work<T> work) {
    try {
      return thread.submit(() -> withConnection(work)).get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("database call failed: " + e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("database call failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs work on the calling thread with a pooled connection: for worker threads and tools. After the pool
   * could not get a connection, calls fail at once for {@link #UNAVAILABLE_PAUSE} instead of each waiting the
   * full connection timeout: the writes queued behind them during an outage then fail (and are retried by their
   * owners) in a moment, not one timeout each, so the first ones after the database returns are not held up.
   */
  public <T> T withConnection(Work<T> work) throws SQLException {
    long pausedFor = unavailableUntil - System.nanoTime();
    if (pausedFor > 0) {
      throw new SQLTransientConnectionException("the database did not answer a moment ago ("
          + settings.describe() + "); trying again in " + (pausedFor / 1_000_000) + " ms");
    }
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      unavailableUntil = System.nanoTime() + UNAVAILABLE_PAUSE.toNanos();
      throw e;
    }
    try (c) {
      return work.run(c);
    }
  }

  static final java.time.Duration UNAVAILABLE_PAUSE = java.time.Duration.ofSeconds(1);
  private volatile long unavailableUntil = System.nanoTime();

  /** Runs work in one transaction on the connection: all of it is committed, or none of it. */
  public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Finishes queued writes, then closes the pool. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.close();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** How many rows a table has (for the copies' and backups' checks); {@code table} is a name from the code. */
  public static long rows(Connection c, String table) throws SQLException {
    try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
