package kuzet.hub.mqtt;

import io.vertx.core.Context;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Telemetry's own way to the hub's event loop. Without it every message was one event-loop task in an
 * unbounded queue: past the hub's capacity that queue grew until memory ran out, and a PANIC waited behind
 * every telemetry message already queued. Here telemetry waits in a bounded queue drained in small slices,
 * so events and acks (their own tasks) overtake a telemetry backlog. What a full queue does depends on who
 * offers: a connection that carries only telemetry waits ({@link #put}), so the broker holds the rest; the
 * embedded broker's intake parks the publish ({@link #park}); the main connection, which must never
 * hold back events, drops and counts ({@link #offer}, {@link #dropped()}), so nothing is lost silently.
 */
final class TelemetryLane<T> {
  /**
   * About two seconds of the hub's capacity, where a full lane drops (telemetry on the main connection): a burst
   * fits, an overload does not grow memory.
   */
  static final int MAX_WAITING = 50_000;
  /**
   * Where a full lane holds the senders back instead (the embedded broker's intake, telemetry-only connections) it
   * only has to keep the event loop fed. A longer one only makes each message wait longer, survive more garbage
   * collections and fill the heap: at 30,000 msgs/s a full 50,000 was 30 MB of the 320 MiB heap's live data, and G1
   * ran full collections.
   */
  static final int FLOW_CONTROLLED = 8_192;
  /** Messages handled per event-loop task: a PANIC waits for at most this many telemetry messages. */
  static final int SLICE = 32;
  /** How often a waiting reader looks whether the hub stops. */
  private static final long POLL_MS = 100;

  private final Context context;
  private final Consumer<T> handler;
  private volatile int capacity;
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final Semaphore slots;
  private final ConcurrentLinkedQueue<Parked<T>> parked = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong waited = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TelemetryLane.class);

  /** A message waiting for room; {@code admit} says whether its sender still wants it taken. */
  private record Parked<T>(T message, BooleanSupplier admit) {}

  TelemetryLane(Context context, Consumer<T> handler, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.context = context;
    this.handler = handler;
    this.capacity = capacity;
    this.slots = new Semaphore(capacity);
  }

  /** Lowers the capacity to {@code max} (if it is higher); before any message is offered. */
  void shrinkTo(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + max);
    }
    if (max < capacity) {
      if (!slots.tryAcquire(capacity - max)) {
        throw new IllegalStateException("the lane is in use: it can only be shrunk before the first message");
      }
      capacity = max; // the permits taken above are never given back
    }
  }

  /** Never waits; false when the queue is full and the message was counted as dropped. */
  boolean offer(T message) {
    if (!slots.tryAcquire()) {
      dropped.incrementAndGet();
      return false;
    }
    enqueue(message);
    return true;
  }

  /**
   * Waits while the queue is full, so that a reader thread stops reading its socket and the broker keeps
   * the messages. False only when {@code stopping} said so while it waited (the message is then counted as
   * dropped: the hub is going away).
   */
  boolean put(T message, BooleanSupplier stopping) {
    if (slots.tryAcquire()) {
      enqueue(message);
      return true;
    }
    waited.incrementAndGet();
    try {
      while (!slots.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
        if (stopping.getAsBoolean()) {
          dropped.incrementAndGet();
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      dropped.incrementAndGet();
      return false;
    }
    enqueue(message);
    return true;
  }

  /** Takes the message if there is room and nothing is parked (which it must not overtake); never counts. */
  boolean tryOffer(T message) {
    if (parked.isEmpty() && slots.tryAcquire()) {
      enqueue(message);
      return true;
    }
    return false;
  }

  /**
   * Parks the message until there is room, behind those parked before it: then {@code admit} runs on the event
   * loop and the message is queued if it returns true (its sender may have given up waiting).
   */
  void park(T message, BooleanSupplier admit) {
    waited.incrementAndGet();
    parked.add(new Parked<>(message, admit));
    // room may have come free before the add above, with nobody left to admit it
    context.runOnContext(v -> admitParked());
  }

  private void enqueue(T message) {
    queue.add(message);
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  private void drain() {
    for (int i = 0; i < SLICE; i++) {
      T m = queue.poll();
      if (m == null) {
        break;
      }
      slots.release();
      try {
        handler.accept(m);
      } catch (RuntimeException e) {
        // one bad message must not leave the lane scheduled forever with nobody draining it
        failed.incrementAndGet();
        LOG.warn("telemetry handler failed: {}", e.toString());
      }
    }
    admitParked();
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

  /** Moves parked messages into the queue while there is room. */
  private void admitParked() {
    while (!parked.isEmpty() && slots.tryAcquire()) {
      Parked<T> p = parked.poll();
      if (p == null || !p.admit().getAsBoolean()) {
        slots.release();
        continue;
      }
      enqueue(p.message());
    }
  }

  /** Messages waiting for the event loop. */
  int waiting() {
    return capacity - slots.availablePermits();
  }

  /** Messages whose handler threw. */
  long failed() {
    return failed.get();
  }

  /** Messages dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  /** Messages that found the queue full and waited for room instead of being dropped. */
  long waited() {
    return waited.get();
  }
}
