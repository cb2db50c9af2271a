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
        for (String ddl : Schema.STATEMENTS) {
          s.execute(ddl);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the hub database at " + file + ": " + e.getMessage(), e);
    }
    thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kuzet-db");
      t.setDaemon(true);
      return t;
    });
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
