package kuzet.hub.telemetry;

import static kuzet.hub.telemetry.TelemetryFixtures.config;
import static kuzet.hub.telemetry.TelemetryFixtures.post;
import static kuzet.hub.telemetry.TelemetryFixtures.sample;
import static kuzet.hub.telemetry.TelemetryFixtures.urlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import kuzet.registry.RegisteredPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, health and close, against a port where nothing listens. */
class InfluxTelemetryWriterLifecycleTest {

  @TempDir Path dir;

  @Test
  void writerWithoutAUrlIsRefused() {
    assertThatThrownBy(() -> new InfluxTelemetryWriter(TelemetryConfig.defaults(), dir, new SimpleMeterRegistry()))
        .hasMessage("telemetry.url is needed to open a writer");
  }

  @Test
  void deadStoreIsUnhealthyAndAcceptStillReturnsAtOnce() {
    int deadPort = TelemetryStores.freeLoopbackPort();
    RegisteredPost post = post(1);
    try (var writer = new InfluxTelemetryWriter(config(urlOf(deadPort), 10, 1_000, 0), dir, new SimpleMeterRegistry())) {
      for (int seq = 0; seq < 500; seq++) {
        writer.accept(post, sample(post, seq));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> writer.stats().failedBatches() > 0);
      assertThat(writer.healthy()).isFalse();
      assertThat(writer.stats().buffered()).isEqualTo(500);
      assertThat(writer.stats().written()).isZero();
    }
  }

  @Test
  void withoutSpillClosingCountsTheUnwrittenPointsAsDropped() {
    int deadPort = TelemetryStores.freeLoopbackPort();
    RegisteredPost post = post(1);
    var writer = new InfluxTelemetryWriter(config(urlOf(deadPort), 10, 1_000, 0), dir, new SimpleMeterRegistry());
    for (int seq = 0; seq < 300; seq++) {
      writer.accept(post, sample(post, seq));
    }
    writer.close();
    writer.close(); // twice is harmless
    writer.accept(post, sample(post, 300));
    assertThat(writer.stats().dropped()).isEqualTo(301);
    assertThat(writer.stats().buffered()).isZero();
  }

  @Test
  void batchAsLargeAsMemoryStillSpillsAtHalfMemory() {
    int deadPort = TelemetryStores.freeLoopbackPort();
    RegisteredPost post = post(1);
    try (var writer = new InfluxTelemetryWriter(config(urlOf(deadPort), 10, 10, 1L << 20), dir.resolve("spill"),
        new SimpleMeterRegistry())) {
      for (int seq = 0; seq < 5; seq++) {
        writer.accept(post, sample(post, seq));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> writer.stats().spilled() == 5);
      assertThat(writer.stats().buffered()).isEqualTo(5);
      assertThat(writer.stats().dropped()).isZero();
    }
  }
}
