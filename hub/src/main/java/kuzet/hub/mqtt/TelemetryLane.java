package kuzet.hub.mqtt;

import io.vertx.core.Context;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Telemetry's own way from Paho's thread to the hub's event loop. Without it every message was one
 * event-loop task in an unbounded queue: past the hub's capacity that queue grew until memory ran out,
 * and a PANIC waited behind every telemetry message already queued. Here telemetry waits in a bounded
 * queue drained in small slices, so events and acks (their own tasks) overtake a telemetry backlog, and
 * telemetry that finds the queue full is dropped and counted ({@link #dropped()}), never lost silently.
 */
final class TelemetryLane<T> {
  /** About two seconds of the hub's capacity: a burst fits, an overload does not grow memory. */
  static final int MAX_WAITING = 50_000;
  /** Messages handled per event-loop task: a PANIC waits for at most this many telemetry messages. */
  static final int SLICE = 32;

  private final Context context;
  private final Consumer<T> handler;
  private final int capacity;
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TelemetryLane.class);

  TelemetryLane(Context context, Consumer<T> handler, int capacity) {
    this.context = context;
    this.handler = handler;
    this.capacity = capacity;
  }

  /** From Paho's thread; false when the queue is full and the message was counted as dropped. */
  boolean offer(T message) {
    if (waiting.incrementAndGet() > capacity) {
      waiting.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    queue.add(message);
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
    return true;
  }

  private void drain() {
    for (int i = 0; i < SLICE; i++) {
      T m = queue.poll();
      if (m == null) {
        break;
      }
      waiting.decrementAndGet();
      try {
        handler.accept(m);
      } catch (RuntimeException e) {
        // one bad message must not leave the lane scheduled forever with nobody draining it
        failed.incrementAndGet();
        LOG.warn("telemetry handler failed: {}", e.toString());
      }
    }
    if (!queue.isEmpty()) {
      context.runOnContext(v -> drain());
      return;
    }
    scheduled.set(false);
    // a message offered between the last poll and the reset above would otherwise wait for the next one
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  /** Messages waiting for the event loop. */
  int waiting() {
    return waiting.get();
  }

  /** Messages whose handler threw. */
  long failed() {
    return failed.get();
  }

  /** Messages dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }
}
