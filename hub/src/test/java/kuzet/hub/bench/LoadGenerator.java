package kuzet.hub.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kuzet.hub.testing.Publisher;
import kuzet.hub.testing.TelemetryTemplate;
import kuzet.hub.testing.TestPosts;
import kuzet.protocol.Channel;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;

/**
 * The simulated fleet's telemetry: {@code connections} MQTT connections, each one thread publishing
 * TELEMETRY (QoS 0 as the protocol has it, or QoS 1) for its share of the posts in turn, paced to an aggregate rate (or unpaced). Every post's
 * timestamps strictly increase (by at least 1 µs), so the store's deduplication on (time, post) never
 * merges two messages.
 */
final class LoadGenerator implements AutoCloseable {
  static final String PREFIX = "bench";
  static final String BOOT = "boot-bench";
  private static final int MAX_PENDING = 20_000;

  private final List<Publisher> publishers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong published = new AtomicLong();
  private volatile boolean stopping;
  private final int qos;

  LoadGenerator(String brokerUrl, int posts, int connections, int rate, int qos) throws Exception {
    ProtocolCodec codec = ProtocolCodec.defaults();
    this.qos = qos;
    for (int c = 0; c < connections; c++) {
      Publisher pub = new Publisher(brokerUrl, "bench-load-" + c);
      publishers.add(pub);
      List<Integer> mine = new ArrayList<>();
      for (int p = c; p < posts; p += connections) {
        mine.add(p);
      }
      double perThread = rate / (double) connections;
      threads.add(new Thread(() -> run(pub, codec, mine, perThread, qos), "load-" + c));
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  private void run(Publisher pub, ProtocolCodec codec, List<Integer> posts, double rate, int qos) {
    int n = posts.size();
    String[] topics = new String[n];
    TelemetryTemplate[] templates = new TelemetryTemplate[n];
    long[] seq = new long[n];
    long[] lastMicros = new long[n];
    for (int i = 0; i < n; i++) {
      PostId id = TestPosts.id(PREFIX, posts.get(i));
      topics[i] = codec.topics().topic(id, Channel.TELEMETRY);
      templates[i] = new TelemetryTemplate(codec, id, BOOT);
    }
    long start = System.nanoTime();
    long sent = 0;
    try {
      while (!stopping) {
        if (rate > 0) {
          long due = start + (long) (sent * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
            continue;
          }
        }
        if (qos == 0 && sent % 1_000 == 0) {
          // Paho queues QoS 0 without bound: hold back while the broker is not reading, as a device would
          while (pub.pending() > MAX_PENDING && !stopping) {
            LockSupport.parkNanos(1_000_000);
          }
        }
        int i = (int) (sent % n);
        long micros = Math.max(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()), lastMicros[i] + 1);
        lastMicros[i] = micros;
        Instant ts = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        pub.publish(topics[i], templates[i].payload(seq[i]++, ts), qos);
        sent++;
        published.incrementAndGet();
      }
    } catch (Exception e) {
      if (!stopping) {
        System.err.println("load thread stopped: " + e);
      }
    }
  }

  /** Messages waiting in the clients (not yet on the wire). */
  long pending() {
    return publishers.stream().mapToLong(Publisher::pending).sum();
  }

  /** Messages handed to the MQTT client. */
  long published() {
    return published.get();
  }

  /** Messages the broker has: acknowledged (QoS 1) or written to its socket (QoS 0). */
  long acked() {
    long handed = publishers.stream().mapToLong(Publisher::acked).sum();
    return qos == 0 ? handed - pending() : handed;
  }

  long failed() {
    return publishers.stream().mapToLong(Publisher::failed).sum();
  }

  /** Stops publishing and waits for the last acknowledgements. */
  void stop() throws InterruptedException {
    stopping = true;
    for (Thread t : threads) {
      t.join(10_000);
    }
    for (Publisher p : publishers) {
      p.drain(30_000);
    }
  }

  @Override
  public void close() {
    stopping = true;
    publishers.forEach(Publisher::close);
  }
}
