package kuzet.hub.telemetry;

import static kuzet.hub.telemetry.TelemetryFixtures.COUNT_ROWS;
import static kuzet.hub.telemetry.TelemetryFixtures.post;
import static kuzet.hub.telemetry.TelemetryFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import kuzet.registry.RegisteredPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default set-up the hub starts with: embedded QuestDB behind the InfluxDB write path. */
class TelemetryStoresTest {

  @TempDir Path dataDir;

  @Test
  void tenThousandMessagesGiveTenThousandRowsCountedByQuestDb() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TelemetryConfig cfg = TelemetryConfig.defaults().withTiming(Duration.ofMillis(100), Duration.ofMillis(50),
        Duration.ofSeconds(1));
    try (TelemetryStore store = TelemetryStores.start(cfg, dataDir, registry)) {
      EmbeddedQuestDb questDb = store.embedded().orElseThrow();
      List<RegisteredPost> fleet = IntStream.range(0, 100).mapToObj(TelemetryFixtures::post).toList();
      for (int seq = 0; seq < 100; seq++) {
        for (RegisteredPost post : fleet) {
          store.sink().accept(post, sample(post, seq));
        }
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> questDb.queryLong(COUNT_ROWS) == 10_000);
      assertThat(questDb.queryLong("select count_distinct(post_id) from post_telemetry")).isEqualTo(100);
      assertThat(store.sink().stats().written()).isEqualTo(10_000);
      assertThat(store.sink().stats().dropped()).isZero();
      assertThat(registry.get("kuzet.telemetry.points.written").counter().count()).isEqualTo(10_000.0);
      assertThat(store.sink().healthy()).isTrue();
      assertThat(questDb.root()).isEqualTo(dataDir.resolve("questdb"));

      // the console the demo banner points at is served on loopback
      HttpResponse<String> console = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(store.consoleUrl().orElseThrow())).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(console.statusCode()).isEqualTo(200);
      assertThat(console.body()).containsIgnoringCase("questdb");
    }
  }

  @Test
  void aBatchTheStoreRefusesIsCountedAsRejectedAndDoesNotHoldUpTheRest() throws Exception {
    // a segment left on disk whose line QuestDB cannot parse, as a damaged file would be
    Path spill = Files.createDirectories(dataDir.resolve("telemetry-spill"));
    Files.writeString(spill.resolve("0000000000000000000.lp"), "post_telemetry,post_id=x seq=notanumber 1\n");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TelemetryStore store = TelemetryStores.start(TelemetryConfig.defaults(), dataDir, registry)) {
      EmbeddedQuestDb questDb = store.embedded().orElseThrow();
      RegisteredPost post = post(8);
      for (int seq = 0; seq < 10; seq++) {
        store.sink().accept(post, sample(post, seq));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> store.sink().stats().written() == 10);
      await().atMost(Duration.ofSeconds(30)).until(() -> questDb.queryLong(COUNT_ROWS) == 10);
      assertThat(store.sink().stats().rejected()).isEqualTo(1);
      assertThat(registry.get("kuzet.telemetry.points.rejected").counter().count()).isEqualTo(1.0);
      assertThat(store.sink().stats().buffered()).isZero();
      assertThat(spill).isEmptyDirectory();
    }
  }

  @Test
  void schemaColumnsAreTypedAsDocumented() {
    try (TelemetryStore store = TelemetryStores.start(TelemetryConfig.defaults(), dataDir, new SimpleMeterRegistry())) {
      EmbeddedQuestDb questDb = store.embedded().orElseThrow();
      RegisteredPost post = post(7);
      store.sink().accept(post, sample(post, 0));
      await().atMost(Duration.ofSeconds(30)).until(() -> questDb.queryLong(COUNT_ROWS) == 1);
      var row = questDb.exec("select post_id, district, post_type, temperature_c, door_open, outbox_depth"
          + " from post_telemetry").path("dataset").path(0);
      assertThat(row.path(0).asText()).isEqualTo("alatau-0007");
      assertThat(row.path(1).asText()).isEqualTo("Alatau district");
      assertThat(row.path(2).asText()).isEqualTo("district-point");
      assertThat(row.path(3).asDouble()).isEqualTo(-5.5);
      assertThat(row.path(4).asBoolean()).isTrue();
      assertThat(row.path(5).asLong()).isZero();

      // the queries docs/telemetry-schema.md shows for the console
      assertThat(questDb.exec("SELECT count(), count_distinct(post_id) FROM post_telemetry").path("count").asLong())
          .isEqualTo(1);
      assertThat(questDb.exec("SELECT * FROM post_telemetry LATEST ON timestamp PARTITION BY post_id")
          .path("count").asLong()).isEqualTo(1);
      questDb.exec("SELECT timestamp, district, avg(temperature_c), min(battery_v) FROM post_telemetry"
          + " WHERE timestamp > dateadd('d', -1, now()) SAMPLE BY 1h");
      questDb.exec("SELECT post_id, count() FROM post_telemetry"
          + " WHERE (door_open OR tamper) AND timestamp > dateadd('h', -1, now())");
    }
  }
}
