package kuzet.agent.link;

import java.util.Optional;
import java.util.function.LongConsumer;
import kuzet.agent.outbox.Entry;
import kuzet.agent.outbox.Outbox;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox over the link, one message in flight at a time so the broker sees them in outbox order,
 * deleting each only after its PUBACK. A backlog is sent at a bounded rate; the head is re-read before every send,
 * so a PANIC written meanwhile goes next.
 */
public final class OutboxSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private final Outbox outbox;
  private final MqttLink link;
  private final long gapMs;
  private final LongConsumer onAcked;
  private volatile boolean running = true;
  private final Thread thread;

  /** onAcked receives the outbox id of every message the broker acknowledged (for LED state and tests). */
  public OutboxSender(Outbox outbox, MqttLink link, int ratePerS, String name, LongConsumer onAcked) {
    this.outbox = outbox;
    this.link = link;
    this.gapMs = Math.max(0, 1000 / ratePerS);
    this.onAcked = onAcked;
    this.thread = new Thread(this::run, "outbox-" + name);
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    boolean sentLast = false;
    while (running) {
      try {
        long seen = outbox.changes();
        Optional<Entry> head = link.isConnected() ? outbox.head() : Optional.empty();
        if (head.isEmpty()) {
          sentLast = false;
          outbox.awaitChange(seen, 500);
          continue;
        }
        if (sentLast && gapMs > 0) {
          // pace the backlog; a new append (such as a PANIC) ends the pause early
          outbox.awaitChange(seen, gapMs);
          head = outbox.head();
          if (head.isEmpty()) {
            continue;
          }
        }
        Entry e = head.get();
        link.publish(e.topic(), e.payload(), 1, false).waitForCompletion(10_000);
        outbox.sent(e);
        onAcked.accept(e.id());
        sentLast = true;
      } catch (MqttException ex) {
        LOG.debug("publish not acknowledged, will retry: {}", ex.getMessage());
        sentLast = false;
        pause();
      } catch (InterruptedException ex) {
        return;
      } catch (RuntimeException ex) {
        LOG.error("outbox sender: {}", ex.toString());
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
