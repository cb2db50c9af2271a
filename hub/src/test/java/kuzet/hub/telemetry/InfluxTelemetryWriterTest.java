package kuzet.hub.telemetry;

import static kuzet.hub.telemetry.TelemetryFixtures.COUNT_ROWS;
import static kuzet.hub.telemetry.TelemetryFixtures.config;
import static kuzet.hub.telemetry.TelemetryFixtures.post;
import static kuzet.hub.telemetry.TelemetryFixtures.sample;
import static kuzet.hub.telemetry.TelemetryFixtures.startQuestDb;
import static kuzet.hub.telemetry.TelemetryFixtures.urlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import kuzet.registry.RegisteredPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real QuestDB that goes away and comes back on the same port and data. */
class InfluxTelemetryWriterTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void everyBufferedPointIsWrittenWhenQuestDbReturns() {
    int port = TelemetryStores.freeLoopbackPort();
    Path root = dir.resolve("questdb");
    RegisteredPost post = post(1);
    EmbeddedQuestDb questDb = startQuestDb(root, port);
    try (var writer = new InfluxTelemetryWriter(config(urlOf(port), 500, 20_000, 0), dir.resolve("spill"),
        new SimpleMeterRegistry())) {
      for (int seq = 0; seq < 2_000; seq++) {
        writer.accept(post, sample(post, seq));
      }
      EmbeddedQuestDb before = questDb;
      await().atMost(PATIENCE).until(() -> before.queryLong(COUNT_ROWS) == 2_000);
      questDb.close();

      for (int seq = 2_000; seq < 5_000; seq++) {
        writer.accept(post, sample(post, seq));
      }
      await().atMost(PATIENCE).until(() -> writer.stats().failedBatches() > 0 && !writer.healthy());
      assertThat(writer.stats().buffered()).isEqualTo(3_000);

      questDb = startQuestDb(root, port);
      EmbeddedQuestDb after = questDb;
      await().atMost(PATIENCE).until(() -> after.queryLong(COUNT_ROWS) == 5_000);
      assertThat(writer.stats()).satisfies(s -> {
        assertThat(s.written()).isEqualTo(5_000);
        assertThat(s.dropped()).isZero();
        assertThat(s.rejected()).isZero();
        assertThat(s.retried()).isPositive();
      });
      assertThat(writer.healthy()).isTrue();
    } finally {
      questDb.close();
    }
  }

  @Test
  void pastTheBoundTheOldestPointsAreDroppedAndCountedExactly() {
    int port = TelemetryStores.freeLoopbackPort(); // nothing listens yet: the store is down
    RegisteredPost post = post(2);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (var writer = new InfluxTelemetryWriter(config(urlOf(port), 5, 10, 0), dir.resolve("spill"), registry)) {
      for (int seq = 0; seq < 100; seq++) {
        writer.accept(post, sample(post, seq));
      }
      // a failed batch goes back in front, so the count settles once the writer has retried
      await().atMost(PATIENCE).until(() -> writer.stats().failedBatches() > 0 && writer.stats().buffered() == 10);
      assertThat(writer.stats().dropped()).isEqualTo(90);
      assertThat(registry.get("kuzet.telemetry.points.dropped").counter().count()).isEqualTo(90.0);

      try (EmbeddedQuestDb questDb = startQuestDb(dir.resolve("questdb"), port)) {
        await().atMost(PATIENCE).until(() -> questDb.queryLong(COUNT_ROWS) == 10);
        assertThat(questDb.queryLong("select min(seq) from post_telemetry")).isEqualTo(90);
        assertThat(questDb.queryLong("select max(seq) from post_telemetry")).isEqualTo(99);
        assertThat(writer.stats().dropped()).isEqualTo(90);
        assertThat(writer.stats().written()).isEqualTo(10);
      }
    }
  }

  @Test
  void spilledPointsAreWrittenByTheNextWriterAfterARestart() {
    int port = TelemetryStores.freeLoopbackPort();
    Path spill = dir.resolve("spill");
    RegisteredPost post = post(3);
    TelemetryConfig cfg = config(urlOf(port), 10, 100, 10L << 20);
    var first = new InfluxTelemetryWriter(cfg, spill, new SimpleMeterRegistry());
    feedPaced(first, post, 1_000, cfg);
    first.close();
    assertThat(first.stats().spilled()).isEqualTo(1_000);
    assertThat(first.stats().dropped()).isZero();

    try (EmbeddedQuestDb questDb = startQuestDb(dir.resolve("questdb"), port);
        var second = new InfluxTelemetryWriter(cfg, spill, new SimpleMeterRegistry())) {
      assertThat(second.stats().spilled()).isEqualTo(1_000);
      assertThat(second.stats().buffered()).isEqualTo(1_000);
      await().atMost(PATIENCE).until(() -> questDb.queryLong(COUNT_ROWS) == 1_000);
      assertThat(second.stats().written()).isEqualTo(1_000);
      assertThat(second.stats().spilled()).isZero();
      assertThat(second.stats().buffered()).isZero();
    }
  }

  @Test
  void pastTheDiskBoundTheOldestSegmentsAreDroppedAndCountedExactly() {
    int port = TelemetryStores.freeLoopbackPort();
    RegisteredPost post = post(4);
    // about 4 segments of 10 points fit; the rest of 1,000 points must go, oldest first
    TelemetryConfig cfg = config(urlOf(port), 10, 20, 10_000);
    try (var writer = new InfluxTelemetryWriter(cfg, dir.resolve("spill"), new SimpleMeterRegistry())) {
      feedPaced(writer, post, 1_000, cfg);
      TelemetryStats held = writer.stats();
      assertThat(held.dropped() + held.buffered()).isEqualTo(1_000);

      try (EmbeddedQuestDb questDb = startQuestDb(dir.resolve("questdb"), port)) {
        await().atMost(PATIENCE).until(() -> questDb.queryLong(COUNT_ROWS) == 1_000 - held.dropped());
        assertThat(questDb.queryLong("select min(seq) from post_telemetry")).isEqualTo(held.dropped());
        assertThat(writer.stats().dropped()).isEqualTo(held.dropped());
      }
    }
  }

  /**
   * Feeds half a memory's worth at a time and lets the writer spill it: the pace of a real fleet
   * against a real memory bound, in a test whose memory holds a few dozen points.
   */
  private static void feedPaced(InfluxTelemetryWriter writer, RegisteredPost post, int points, TelemetryConfig cfg) {
    int chunk = cfg.memoryPoints() / 2;
    for (int seq = 0; seq < points; seq++) {
      writer.accept(post, sample(post, seq));
      if ((seq + 1) % chunk == 0) {
        await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
            .until(() -> writer.stats().buffered() - writer.stats().spilled() < chunk);
      }
    }
  }
}
