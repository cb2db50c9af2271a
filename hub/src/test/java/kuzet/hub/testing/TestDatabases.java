package kuzet.hub.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;

/**
 * Real databases for the store tests, one fresh database per call: a SQLite file in the test's folder, or a
 * new database on the PostgreSQL server that {@code ./run test} starts (KUZET_TEST_PG_URL, _USER, _PASSWORD;
 * the defaults are what it sets up). Databases made here are dropped when the test JVM ends.
 */
public final class TestDatabases {
  private static final String ADMIN_URL = env("KUZET_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = env("KUZET_TEST_PG_USER", "kuzet_test");
  private static final String PASSWORD = env("KUZET_TEST_PG_PASSWORD", "kuzet_test");
  private static final List<String> CREATED = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
  }

  private TestDatabases() {
  }

  /** A fresh, empty database of the dialect. */
  public static StoreSettings fresh(Dialect dialect, Path dir) {
    return dialect == Dialect.SQLITE ? StoreSettings.sqlite(dir.resolve("hub-" + UUID.randomUUID() + ".db")) : postgres();
  }

  /** A fresh, empty PostgreSQL database. */
  public static StoreSettings postgres() {
    String name = "kuzet_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    admin("CREATE DATABASE " + name);
    CREATED.add(name);
    return new StoreSettings(ADMIN_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), USER, PASSWORD, 4,
        Duration.ofSeconds(5));
  }

  /** The hub config keys that point a hub at the database. */
  public static java.util.Map<String, String> configKeys(StoreSettings s) {
    return java.util.Map.of("store.url", s.url(), "store.user", s.user(), "store.password", s.password());
  }

  /** The same database reached through a local port (a {@link TcpProxy} in front of the server). */
  public static StoreSettings through(StoreSettings s, int localPort, Duration connectionTimeout) {
    return new StoreSettings(s.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + localPort + "/"), s.user(), s.password(),
        s.poolSize(), connectionTimeout);
  }

  /** The PostgreSQL server's port. */
  public static int serverPort() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(ADMIN_URL);
    return m.find() ? Integer.parseInt(m.group(1)) : 5432;
  }

  /** The same database as another user of it (a second hub) would open it. */
  public static StoreSettings sameDatabase(StoreSettings s, int poolSize) {
    return new StoreSettings(s.url(), s.user(), s.password(), poolSize, s.connectionTimeout());
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("the PostgreSQL store tests need the server ./run test starts (" + ADMIN_URL
          + " as " + USER + "): " + e.getMessage(), e);
    }
  }

  private static void dropAll() {
    for (String name : CREATED) {
      try {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException e) {
        // the server may be gone already; the next run's databases have other names
      }
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
