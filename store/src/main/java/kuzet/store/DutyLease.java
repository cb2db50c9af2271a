package kuzet.store;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty among several active hubs on one PostgreSQL database: the same advisory lock as {@link ActiveLease}, but
 * a hub without it keeps running (ingesting its share, serving its board) and only leaves the timed work (offline
 * checks, escalation reminders) to the holder. When the holder stops or goes silent, another hub takes the duty
 * within three checks; a holder that loses its session drops the duty and competes for it again.
 */
public final class DutyLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DutyLease.class);

  private final AtomicReference<ActiveLease> held = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean closed;

  private DutyLease(StoreSettings store, String hubId, Duration check) {
    thread = new Thread(() -> run(store, hubId, check), "kuzet-duty-lease");
    thread.setDaemon(true);
  }

  public static DutyLease start(StoreSettings store, String hubId, Duration check) {
    DutyLease d = new DutyLease(store, hubId, check);
    d.thread.start();
    return d;
  }

  private void run(StoreSettings store, String hubId, Duration check) {
    while (!closed) {
      CountDownLatch lost = new CountDownLatch(1);
      try {
        ActiveLease lease = ActiveLease.acquire(store, hubId, check, lost::countDown);
        held.set(lease);
        LOG.info("hub {} holds the duty: it runs the offline checks and escalation reminders", hubId);
        lost.await();
        held.set(null);
        lease.close();
        LOG.warn("hub {} lost the duty with its database session; competing for it again", hubId);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Whether this hub holds the duty now. */
  public boolean held() {
    ActiveLease l = held.get();
    return l != null && l.held();
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    ActiveLease l = held.getAndSet(null);
    if (l != null) {
      l.close();
    }
  }
}
