package kuzet.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the hub keeps what must never be lost: a SQLite file (one district hub) or a PostgreSQL database
 * shared by several hubs. Built from the {@code store.*} config keys; a nonsense value fails here, with the
 * reason, before anything is opened.
 */
public record StoreSettings(String url, String user, String password, int poolSize, Duration connectionTimeout) {
  public static final int MAX_POOL = 64;

  public StoreSettings {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the store URL is empty");
    }
    if (Dialect.of(url) == Dialect.SQLITE && url.substring("jdbc:sqlite:".length()).isBlank()) {
      throw new IllegalArgumentException("'" + url + "' names no file: use jdbc:sqlite:/path/to/hub.db");
    }
    if (poolSize < 1 || poolSize > MAX_POOL) {
      throw new IllegalArgumentException("the pool size must be 1.." + MAX_POOL + ", not " + poolSize);
    }
    if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("the connection timeout must be at least 250 ms");
    }
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** The embedded default: a SQLite file, written by one hub and the command-line tools beside it. */
  public static StoreSettings sqlite(Path file) {
    return new StoreSettings("jdbc:sqlite:" + file.toAbsolutePath(), "", "", 4, Duration.ofSeconds(5));
  }

  public Dialect dialect() {
    return Dialect.of(url);
  }

  /** The SQLite file, or null for a server database. */
  public Path sqliteFile() {
    return dialect() == Dialect.SQLITE ? Path.of(url.substring("jdbc:sqlite:".length())) : null;
  }

  /**
   * A session of its own outside the pool, named {@code name} in {@code pg_stat_activity}, for work that holds its
   * session for long (the active-hub lease, listening to other hubs). A silent network fails its reads after
   * {@code socketTimeout}.
   */
  public java.sql.Connection openSession(String name, Duration socketTimeout) throws java.sql.SQLException {
    java.util.Properties p = new java.util.Properties();
    if (!user.isEmpty()) {
      p.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", name);
    p.setProperty("connectTimeout", Long.toString(Math.max(1, connectionTimeout.toSeconds())));
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("socketTimeout", Long.toString(Math.max(2, socketTimeout.toSeconds())));
    return java.sql.DriverManager.getConnection(url, p);
  }

  /** The URL without anything secret, for logs and errors. */
  public String describe() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  @Override
  public String toString() {
    return "StoreSettings[" + describe() + ", user=" + user + ", pool=" + poolSize + "]";
  }
}
