package kuzet.hub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import kuzet.hub.ProcessingRig;
import kuzet.hub.telemetry.TelemetrySchema;
import kuzet.hub.telemetry.TelemetrySink;
import kuzet.protocol.Message;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import kuzet.registry.RegisteredPost;

/**
 * CPU per telemetry message after it leaves MQTT, for before/after comparisons of the hub's processing code. Not a
 * test and not the benchmark harness: a main class, run by hand for a few seconds, single-threaded, whose figures are
 * only comparable with each other on the same machine. Prints the event loop's thread CPU per message through
 * {@code Ingest.handle} (decode, registry, fleet state, rules, live stream, sink hand-off, and the timers between),
 * then the decoder alone and the line-protocol encoding alone (the writer thread's share), each on this thread.
 *
 * <p>{@code java -cp ... kuzet.hub.bench.ProcessingMicrobench [messages=300000] [posts=1000] [rounds=3] [skewSeconds=0]}
 */
public final class ProcessingMicrobench {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ProcessingMicrobench() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int postCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    // e.g. 3600: every post's clock an hour behind, so each has an open CLOCK_SKEW alert, as in a fleet in trouble
    long skewSeconds = args.length > 3 ? Long.parseLong(args[3]) : 0;
    AtomicLong stored = new AtomicLong();
    TelemetrySink sink = new CountingSink(stored);
    Path dir = Files.createTempDirectory("kuzet-microbench");
    try (ProcessingRig rig = new ProcessingRig(dir, postCount, sink)) {
      ProtocolCodec codec = ProtocolCodec.defaults();
      long seq = 0;
      for (int round = 0; round < rounds; round++) {
        // timestamps of now, as a live fleet sends them (the clock-skew rule watches them), rising per post
        Instant base = Instant.now().minusSeconds(skewSeconds);
        String[] topics = new String[messages];
        byte[][] payloads = new byte[messages][];
        for (int i = 0; i < messages; i++, seq++) {
          RegisteredPost post = rig.posts.get(i % postCount);
          Telemetry t = telemetry(post, seq / postCount, base.plusNanos(i * 1_000L));
          topics[i] = codec.topicFor(t);
          payloads[i] = codec.encode(t);
        }
        long before = stored.get();
        double ingestUs = ingest(rig, topics, payloads);
        double decodeUs = decode(codec, topics, payloads);
        double encodeUs = encode(rig.posts, codec, topics, payloads);
        System.out.printf("round %d: %d msgs, stored %d; CPU us/msg: Ingest.handle on the event loop %.2f,"
                + " decode alone %.2f, line protocol alone %.2f%n", round, messages, stored.get() - before,
            ingestUs, decodeUs, encodeUs);
      }
    }
  }

  private static Telemetry telemetry(RegisteredPost post, long seq, Instant ts) {
    double temperature = 15 + (post.id().hashCode() & 15) + Math.sin(seq / 50.0) * 3;
    Readings r = new Readings(Math.round(temperature * 10) / 10.0, 40.0 + (seq % 30), 12.6, true, false, false,
        false, seq % 2 == 0, false, false, 0);
    return new Telemetry(post.id(), ts, "boot-1", seq, r, List.of(), 3L);
  }

  /**
   * Event-loop thread CPU per message over the whole round, fed in batches of 1,000 so that the timers (post events
   * on the live stream, rule ticks) run between them, as they would in the hub: their CPU is counted too.
   */
  private static double ingest(ProcessingRig rig, String[] topics, byte[][] payloads) throws Exception {
    CompletableFuture<Long> loop = new CompletableFuture<>();
    rig.context.runOnContext(v -> loop.complete(Thread.currentThread().getId()));
    long thread = loop.get();
    long before = CPU.getThreadCpuTime(thread);
    for (int from = 0; from < topics.length; from += 1_000) {
      int start = from;
      CompletableFuture<Void> done = new CompletableFuture<>();
      rig.context.runOnContext(v -> {
        for (int i = start; i < Math.min(topics.length, start + 1_000); i++) {
          rig.ingest.handle(topics[i], payloads[i]);
        }
        done.complete(null);
      });
      done.get();
    }
    return (CPU.getThreadCpuTime(thread) - before) / 1_000.0 / topics.length;
  }

  private static double decode(ProtocolCodec codec, String[] topics, byte[][] payloads) throws Exception {
    long t0 = CPU.getCurrentThreadCpuTime();
    long sum = 0;
    for (int i = 0; i < topics.length; i++) {
      Message m = codec.decode(topics[i], payloads[i]);
      sum += m.seq();
    }
    return sum == -1 ? 0 : (CPU.getCurrentThreadCpuTime() - t0) / 1_000.0 / topics.length;
  }

  private static double encode(List<RegisteredPost> posts, ProtocolCodec codec, String[] topics, byte[][] payloads)
      throws Exception {
    Telemetry[] decoded = new Telemetry[topics.length];
    for (int i = 0; i < topics.length; i++) {
      decoded[i] = (Telemetry) codec.decode(topics[i], payloads[i]);
    }
    long t0 = CPU.getCurrentThreadCpuTime();
    long length = 0;
    for (int i = 0; i < decoded.length; i++) {
      length += TelemetrySchema.toLineProtocol(posts.get(i % posts.size()), decoded[i]).length();
    }
    return length == -1 ? 0 : (CPU.getCurrentThreadCpuTime() - t0) / 1_000.0 / decoded.length;
  }

  private record CountingSink(AtomicLong stored) implements TelemetrySink {
    @Override
    public void accept(RegisteredPost post, Telemetry telemetry) {
      stored.incrementAndGet();
    }

    @Override
    public boolean healthy() {
      return true;
    }

    @Override
    public void close() {
      // nothing held
    }
  }
}
