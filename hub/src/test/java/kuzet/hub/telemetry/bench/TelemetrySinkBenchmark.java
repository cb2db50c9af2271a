package kuzet.hub.telemetry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.hub.telemetry.EmbeddedQuestDb;
import kuzet.hub.telemetry.InfluxTelemetryWriter;
import kuzet.hub.telemetry.TelemetryConfig;
import kuzet.hub.telemetry.TelemetrySchema;
import kuzet.hub.telemetry.TelemetryStore;
import kuzet.hub.telemetry.TelemetryStores;
import kuzet.protocol.PostId;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sustained write throughput of the telemetry sink into the embedded QuestDB, the hub's default set-up.
 * Not a unit test (its name does not end in Test, so {@code ./run test} skips it); run it with
 * <pre>
 * mvn -B -q -o -pl hub -am verify -Dtest=TelemetrySinkBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.points=2000000 -Dbench.posts=1000 -Dbench.batch=5000
 * </pre>
 * The producer offers points as fast as the sink takes them without dropping (it holds back while the
 * in-memory buffer is over half full, as a real overload would spill instead), and the clock stops when
 * QuestDB's own {@code count()} reaches the total. Results go to {@code hub/target/telemetry-bench.txt}.
 */
class TelemetrySinkBenchmark {

  private static final Instant BASE = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path dataDir;

  @Test
  void sustainedWriteThroughputIntoEmbeddedQuestDb() throws IOException, InterruptedException {
    int points = Integer.getInteger("bench.points", 1_000_000);
    int postCount = Integer.getInteger("bench.posts", 1_000);
    int batch = Integer.getInteger("bench.batch", 5_000);
    TelemetryConfig cfg = TelemetryConfig.defaults().withBuffer(batch, 100_000, 1L << 30)
        .withTiming(Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofSeconds(1));
    List<RegisteredPost> posts = IntStream.range(0, postCount).mapToObj(TelemetrySinkBenchmark::post).toList();

    double encodeMicros = encodeCostMicros(posts);
    try (TelemetryStore store = TelemetryStores.start(cfg, dataDir, new SimpleMeterRegistry())) {
      EmbeddedQuestDb questDb = store.embedded().orElseThrow();
      InfluxTelemetryWriter sink = store.sink();
      long acceptNanos = 0;
      long start = System.nanoTime();
      for (int i = 0; i < points; i++) {
        RegisteredPost post = posts.get(i % postCount);
        Telemetry t = sample(post, i / postCount);
        long a = System.nanoTime();
        sink.accept(post, t);
        acceptNanos += System.nanoTime() - a;
        if ((i & 1023) == 0) {
          while (sink.stats().buffered() > cfg.memoryPoints() / 2) {
            Thread.sleep(1);
          }
        }
      }
      long offered = System.nanoTime();
      while (sink.stats().written() < points) {
        Thread.sleep(5);
      }
      long written = System.nanoTime();
      while (questDb.queryLong("select count() from post_telemetry") < points) {
        Thread.sleep(20);
      }
      long visible = System.nanoTime();

      var stats = sink.stats();
      System.gc();
      assertThat(stats.dropped()).isZero();
      String report = String.format(Locale.ROOT,
          "points=%d posts=%d batch=%d cores=%d%n"
              + "accept() cost: %.2f us/point on the caller's thread%n"
              + "line-protocol encoding (writer thread, influxdb-client Point): %.2f us/point%n"
              + "written (HTTP 204 from QuestDB): %.0f points/s over %.1f s%n"
              + "visible to SQL count(): %.0f points/s over %.1f s%n"
              + "producer held back: %.1f s of %.1f s; dropped=%d retried=%d failedBatches=%d%n"
              + "heap used after GC, QuestDB's off-heap memory not included: %d MiB%n",
          points, postCount, batch, Runtime.getRuntime().availableProcessors(),
          acceptNanos / 1e3 / points, encodeMicros,
          points / ((written - start) / 1e9), (written - start) / 1e9,
          points / ((visible - start) / 1e9), (visible - start) / 1e9,
          (offered - start - acceptNanos) / 1e9, (offered - start) / 1e9, stats.dropped(), stats.retried(),
          stats.failedBatches(),
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
      System.out.print(report);
      Files.writeString(Path.of("target", "telemetry-bench.txt"), report);
    }
  }

  /** Time per point of the encoding the writer thread does, measured alone after a warm-up. */
  private static double encodeCostMicros(List<RegisteredPost> posts) {
    int n = 200_000;
    long sink = 0;
    long start = 0;
    for (int round = 0; round < 2; round++) {
      start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        RegisteredPost post = posts.get(i % posts.size());
        sink += TelemetrySchema.toLineProtocol(post, sample(post, i)).length();
      }
    }
    assertThat(sink).isPositive();
    return (System.nanoTime() - start) / 1e3 / n;
  }

  private static RegisteredPost post(int i) {
    return new RegisteredPost(new PostId(String.format("alatau-%05d", i)), PostType.MODULAR_POST, "Post " + i,
        "Alatau", 43.2, 76.8, BASE, null, null, null);
  }

  private static Telemetry sample(RegisteredPost post, long seq) {
    Readings r = new Readings(-5.5 + (seq % 10), 41.5, 12.62, true, false, false, seq % 3 == 0, true, false, false,
        0);
    return new Telemetry(post.id(), BASE.plusSeconds(seq), "boot-1", seq, r);
  }
}
