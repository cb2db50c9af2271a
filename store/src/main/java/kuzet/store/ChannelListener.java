package kuzet.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import kuzet.retry.Backoff;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what other hubs on a shared PostgreSQL database announce on a channel ({@link Dialect#notify}), on a thread
 * of its own with a session of its own. Notifications sent while it was not connected are gone, so after every
 * (re)connect it first calls {@code connected}, for the caller to catch up from the tables.
 */
public final class ChannelListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelListener.class);
  private static final Duration POLL = Duration.ofMillis(500);
  // the first retry within a second, as before; a database that stays away is asked less and less often
  private static final Duration RETRY_MIN = Duration.ofSeconds(1);
  private static final Duration RETRY_MAX = Duration.ofSeconds(10);

  private final Thread thread;
  private final Backoff backoff = new Backoff(RETRY_MIN, RETRY_MAX, new Random());
  private volatile boolean closed;

  private ChannelListener(StoreSettings store, String name, String channel, Runnable connected,
                          Consumer<List<String>> heard) {
    if (!channel.matches("[a-z_]{1,63}")) {
      throw new IllegalArgumentException("not a channel name: " + channel);
    }
    thread = new Thread(() -> run(store, name, channel, connected, heard), "kuzet-listen-" + channel);
    thread.setDaemon(true);
  }

  /** Listens on PostgreSQL; on SQLite (one hub per file) there is nobody to hear, and this returns null. */
  public static ChannelListener start(StoreSettings store, String name, String channel, Runnable connected,
                                      Consumer<List<String>> heard) {
    if (store.dialect() != Dialect.POSTGRESQL) {
      return null;
    }
    ChannelListener l = new ChannelListener(store, name, channel, connected, heard);
    l.thread.start();
    return l;
  }

  private void run(StoreSettings store, String name, String channel, Runnable connected, Consumer<List<String>> heard) {
    boolean told = false;
    while (!closed) {
      try (Connection c = store.openSession(name, Duration.ofSeconds(30))) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + channel);
        }
        told = false;
        backoff.reset();
        connected.run();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] batch = pg.getNotifications((int) POLL.toMillis());
          if (batch != null && batch.length > 0) {
            List<String> payloads = new ArrayList<>(batch.length);
            for (PGNotification n : batch) {
              payloads.add(n.getParameter());
            }
            heard.accept(payloads);
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!closed && !told) {
          LOG.warn("not hearing other hubs on '{}' ({}): {}; trying again, at least every {} s", channel,
              store.describe(), e.getMessage(), RETRY_MAX.toSeconds());
          told = true;
        }
      }
      try {
        Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
