package kuzet.hub.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The hub's SQLite database. Every statement runs on one dedicated thread, in submission order, so
 * event-loop threads never block on JDBC and writes land in the order the hub decided them.
 */
public final class Database implements AutoCloseable {
  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Connection connection;
  private final ExecutorService thread;

  public Database(Path file) {
    try {
      connection = SqliteFile.open(file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA synchronous=NORMAL");
      }
      migrate(connection, file);
    } catch (NewerSchemaException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the hub database at " + file + ": " + e.getMessage(), e);
    }
    thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kuzet-db");
      t.setDaemon(true);
      return t;
    });
  }

  /** The file was written by a newer hub: running an older one on it could lose what the newer one added. */
  public static final class NewerSchemaException extends IllegalStateException {
    NewerSchemaException(String message) {
      super(message);
    }
  }

  private static void migrate(Connection c, Path file) throws SQLException {
    int version;
    try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > Schema.CURRENT) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the refusal below is what matters
      }
      throw new NewerSchemaException("the hub database at " + file + " has schema version " + version
          + ", written by a newer hub; this hub knows up to version " + Schema.CURRENT
          + ". Run the newer hub, or restore a backup taken before the upgrade (hub backup).");
    }
    for (int next = version + 1; next <= Schema.CURRENT; next++) {
      int target = next;
      SqliteFile.inTransaction(c, tx -> {
        try (Statement s = tx.createStatement()) {
          for (String ddl : Schema.VERSIONS.get(target - 1)) {
            s.execute(ddl);
          }
          s.execute("PRAGMA user_version = " + target);
        }
        return null;
      });
    }
  }

  /** Runs work on the database thread; the future completes on {@code context}. */
  public <T> Future<T> call(Context context, Work<T> work) {
    Promise<T> promise = Promise.promise();
    try {
      thread.execute(() -> {
        try {
          T result = work.run(connection);
          context.runOnContext(v -> promise.complete(result));
        } catch (Exception | Error e) {
          context.runOnContext(v -> promise.fail(e));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      promise.fail(new IllegalStateException("the database is closed"));
    }
    return promise.future();
  }

  /** Runs work and waits for it: only for start-up and tests, never on an event loop. */
  public <T> T callAndWait(Work<T> work) {
    try {
      return thread.submit(() -> work.run(connection)).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("database call failed: " + e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("database call failed: " + e.getMessage(), e);
    }
  }

  /** Finishes queued writes, then closes the connection. */
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
    try {
      connection.close();
    } catch (SQLException e) {
      // shutting down: nothing useful left to do with it
    }
  }
}
