package kuzet.agent.load;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A simulated fleet's traffic, as the protocol has it: TELEMETRY for every post in turn, paced to an aggregate
 * rate, and PANIC presses (QoS 1, a new incident each) spread over the run. Each connection publishes for its own
 * share of the posts from one thread, so a post's {@code seq} grows by one per message across both topics and its
 * timestamps strictly increase, as a real post's do. Every payload is a protocol record encoded by the codec.
 */
public final class LoadGenerator implements AutoCloseable {
  /** A publisher sleeps only when it is this far ahead: a wake-up per message would cost more than the message. */
  private static final long MIN_PARK_NANOS = 1_000_000;

  private final LoadPlan plan;
  private final Clock clock;
  private final ProtocolCodec codec;
  private final String bootId = "load-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final List<Connection> connections = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong telemetry = new AtomicLong();
  private final AtomicLong panics = new AtomicLong();
  private volatile long startNanos;
  private volatile boolean stopping;

  /** Connects every connection; throws if the broker refuses or cannot be reached. */
  public LoadGenerator(LoadPlan plan, Clock clock) throws MqttException {
    this.plan = plan;
    this.clock = clock;
    this.codec = new ProtocolCodec(kuzet.protocol.Topics.defaults(), clock);
    try {
      for (int c = 0; c < plan.connections(); c++) {
        Connection conn = new Connection(plan, plan.idPrefix() + "-load-" + c);
        connections.add(conn);
        List<PostId> mine = new ArrayList<>();
        for (int p = c; p < plan.posts(); p += plan.connections()) {
          mine.add(PostId.of(LoadPlan.postId(plan.idPrefix(), p)));
        }
        double share = plan.rate() / (double) plan.connections();
        threads.add(new Thread(() -> publish(conn, mine, share), "load-" + c));
      }
    } catch (MqttException | RuntimeException e) {
      close();
      throw e;
    }
  }

  public LoadGenerator start() {
    startNanos = System.nanoTime();
    threads.forEach(Thread::start);
    return this;
  }

  private void publish(Connection conn, List<PostId> posts, double rate) {
    int n = posts.size();
    String[] topics = posts.stream().map(p -> codec.topics().topic(p, kuzet.protocol.Channel.TELEMETRY)).toArray(String[]::new);
    long[] seq = new long[n];
    long[] lastMicros = new long[n];
    long sent = 0;
    try {
      while (!stopping) {
        if (rate > 0) {
          long wait = startNanos + (long) (sent * 1e9 / rate) - System.nanoTime();
          if (wait > MIN_PARK_NANOS) {
            LockSupport.parkNanos(wait);
            continue;
          }
        }
        int i = (int) (sent % n);
        Instant ts = nextTs(lastMicros, i);
        if (panicDue()) {
          Event panic = new Event(posts.get(i), ts, bootId, seq[i]++, UUID.randomUUID(), EventKind.PANIC,
              UUID.randomUUID(), Map.of());
          conn.publish(codec.topicFor(panic), codec.encode(panic), 1);
          ts = nextTs(lastMicros, i);
        }
        conn.publish(topics[i], codec.encode(new Telemetry(posts.get(i), ts, bootId, seq[i]++, readings(i, seq[i]))), plan.qos());
        sent++;
        telemetry.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A post's timestamps strictly increase (by at least 1 µs), so a store that deduplicates on (time, post) keeps all. */
  private Instant nextTs(long[] lastMicros, int i) {
    long micros = Math.max(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()), lastMicros[i] + 1);
    lastMicros[i] = micros;
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** Whether this thread should press a PANIC now: the presses so far lag the run's elapsed time. */
  private boolean panicDue() {
    if (plan.panicsPerMinute() == 0) {
      return false;
    }
    long due = (long) ((System.nanoTime() - startNanos) / 60e9 * plan.panicsPerMinute()) + 1;
    long made = panics.get();
    return made < due && panics.compareAndSet(made, made + 1);
  }

  /** Plausible readings that differ between posts and drift a little with each sample. */
  private static Readings readings(int post, long seq) {
    double temperature = -5 + post % 20 + (seq % 10) * 0.1;
    return new Readings(temperature, 40.0 + post % 30, 12.6, true, false, false, false, seq % 2 == 0, false, false, 0);
  }

  /** TELEMETRY messages handed to the MQTT client. */
  public long telemetrySent() {
    return telemetry.get();
  }

  /** PANIC events handed to the MQTT client. */
  public long panicsSent() {
    return panics.get();
  }

  /** Messages the broker has: acknowledged (QoS 1) or written to its socket (QoS 0). */
  public long acked() {
    return connections.stream().mapToLong(Connection::acked).sum();
  }

  /** Messages still in the clients: not yet written (QoS 0) or not yet acknowledged (QoS 1). */
  public long pending() {
    return connections.stream().mapToLong(Connection::pending).sum();
  }

  /** Publishes the client refused or the broker did not acknowledge (for example while a connection was down). */
  public long failed() {
    return connections.stream().mapToLong(Connection::failed).sum();
  }

  /** Stops publishing and waits (up to 30 s) for the last acknowledgements and the last QoS 0 writes. */
  public void stop() throws InterruptedException {
    stopping = true;
    for (Thread t : threads) {
      t.join(10_000);
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    for (Connection c : connections) {
      c.drain(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    while (pending() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000);
    }
  }

  @Override
  public void close() {
    stopping = true;
    connections.forEach(Connection::close);
  }
}
