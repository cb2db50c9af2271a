package kuzet.hub.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;

/** Posts, samples and writer settings shared by the telemetry tests. */
final class TelemetryFixtures {

  static final Instant BASE = Instant.parse("2026-11-24T06:00:00Z");
  static final String COUNT_ROWS = "select count() from " + TelemetrySchema.MEASUREMENT;

  private TelemetryFixtures() {}

  static RegisteredPost post(int i) {
    return new RegisteredPost(new PostId(String.format("alatau-%04d", i)),
        i % 2 == 0 ? PostType.MODULAR_POST : PostType.DISTRICT_POINT, "Post " + i, "Alatau district",
        43.2 + i * 0.001, 76.8, BASE, null, null, null);
  }

  /** A full sample; (post, seq) pairs give distinct timestamps, as real samples do. */
  static Telemetry sample(RegisteredPost post, long seq) {
    Readings r = new Readings(-5.5 + (seq % 10), 40.0, 12.6, true, seq % 7 == 0, false, seq % 3 == 0, true, false,
        false, (int) (seq % 5));
    return new Telemetry(post.id(), BASE.plusSeconds(seq), "boot-1", seq, r);
  }

  /** Fast retries and flushes for tests against a store that comes and goes. */
  static TelemetryConfig config(String url, int batchSize, int memoryPoints, long spillMaxBytes) {
    return TelemetryConfig.defaults().withUrl(url).withBuffer(batchSize, memoryPoints, spillMaxBytes)
        .withTiming(Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(200));
  }

  static EmbeddedQuestDb startQuestDb(Path root, int port) {
    EmbeddedQuestDb q = EmbeddedQuestDb.start(root, port, 1);
    q.exec(TelemetrySchema.QUESTDB_DDL);
    return q;
  }

  static String urlOf(int port) {
    return "http://127.0.0.1:" + port;
  }
}
