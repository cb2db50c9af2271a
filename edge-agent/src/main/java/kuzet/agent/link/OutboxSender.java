package kuzet.agent.link;

import java.util.Optional;
import java.util.function.LongConsumer;
import kuzet.agent.outbox.Entry;
import kuzet.agent.outbox.Outbox;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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
        awaitPuback(link.publish(e.topic(), e.payload(), 1, false), link.generation());
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

  /**
   * Waits for the broker's PUBACK, but gives up as soon as the link is on a new connection (a lost connection's publish
   * is never acknowledged there: the head is sent again at once) or after 10 s.
   */
  private void awaitPuback(IMqttToken token, long generation) throws MqttException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!token.isComplete()) {
      try {
        token.waitForCompletion(200);
      } catch (MqttException ex) {
        if (ex.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
          throw ex;
        }
      }
      if (!token.isComplete() && (link.generation() != generation || System.nanoTime() > deadline)) {
        throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
      }
    }
    if (token.getException() != null) {
      throw token.getException();
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
