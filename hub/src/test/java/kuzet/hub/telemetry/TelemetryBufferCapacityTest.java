package kuzet.hub.telemetry;

import static kuzet.hub.telemetry.TelemetryFixtures.sample;
import static kuzet.hub.telemetry.TelemetryFixtures.urlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import kuzet.registry.RegisteredPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default bound, checked by filling it rather than by arithmetic on it. */
class TelemetryBufferCapacityTest {

  private static final int TEN_MINUTES_AT_1000_PER_SECOND = 600_000;

  @TempDir Path dir;

  @Test
  void defaultBufferCarriesTenMinutesOfTheFleetAtOneThousandMessagesPerSecondWithoutLoss() {
    int deadPort = TelemetryStores.freeLoopbackPort();
    TelemetryConfig cfg = TelemetryConfig.defaults().withUrl(urlOf(deadPort));
    List<RegisteredPost> fleet = IntStream.range(0, 1_000).mapToObj(TelemetryFixtures::post).toList();
    try (var writer = new InfluxTelemetryWriter(cfg, dir.resolve("spill"), new SimpleMeterRegistry())) {
      int accepted = 0;
      for (int second = 0; second < TEN_MINUTES_AT_1000_PER_SECOND / fleet.size(); second++) {
        for (RegisteredPost post : fleet) {
          writer.accept(post, sample(post, second));
          accepted++;
        }
        if (writer.stats().buffered() - writer.stats().spilled() >= cfg.memoryPoints() / 2) {
          // a minute of fleet time has passed by now: the writer spills well within it
          await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
              .until(() -> writer.stats().buffered() - writer.stats().spilled() < cfg.memoryPoints() / 2);
        }
      }
      assertThat(accepted).isEqualTo(TEN_MINUTES_AT_1000_PER_SECOND);
      TelemetryStats stats = writer.stats();
      assertThat(stats.dropped()).isZero();
      assertThat(stats.buffered()).isEqualTo(TEN_MINUTES_AT_1000_PER_SECOND);
      assertThat(stats.spilled()).isGreaterThan(TEN_MINUTES_AT_1000_PER_SECOND - cfg.memoryPoints());
    }
  }
}
