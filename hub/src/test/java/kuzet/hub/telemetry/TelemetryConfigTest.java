package kuzet.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TelemetryConfigTest {

  @ParameterizedTest(name = "{0}={1} is refused")
  @CsvSource(delimiter = '|', value = {
      "telemetry.url|ftp://influx:8086|must start with http:// or https://",
      "telemetry.url|http://|is not a valid URL",
      "telemetry.url|http:///api|has no host",
      "telemetry.org|'  '|must not be blank",
      "telemetry.bucket|''|must not be blank",
      "telemetry.embedded.port|70000|port in [1, 65535]",
      "telemetry.embedded.port|ninety|is not a whole number",
      "telemetry.batch.size|0|must be in [1, 100000]",
      "telemetry.batch.size|200000|must be in [1, 100000]",
      "telemetry.flush.interval|0s|must be a positive duration",
      "telemetry.flush.interval|soon|is not a duration",
      "telemetry.buffer.memory.points|-1|must be at least 1",
      "telemetry.buffer.memory.points|1.5|is not a whole number",
      "telemetry.spill.max.bytes|-5|is not a size",
      "telemetry.spill.max.bytes|10 parsecs|is not a size",
      "telemetry.spill.max.bytes|99999999999999999GiB|is too large",
      "telemetry.retry.initial|-PT1S|must be a positive duration",
      "telemetry.retry.max|5ms|must be at least retry.initial",
      "telemetry.write.timeout|10 minutes|is not a duration",
      "telemetry.spill.dir|bad\u0000path|is not a valid path",
      "telemetry.bucket.name|x|is not a known telemetry setting",
  })
  void malformedValueIsRefusedNamingTheKey(String key, String value, String reason) {
    assertThatThrownBy(() -> TelemetryConfigKeys.fromMap(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(key)
        .hasMessageContaining(reason);
  }

  @Test
  void batchLargerThanMemoryIsRefused() {
    assertThatThrownBy(() -> TelemetryConfigKeys.fromMap(Map.of(
        TelemetryConfigKeys.BATCH_SIZE, "600", TelemetryConfigKeys.MEMORY_POINTS, "500")))
        .hasMessage("telemetry.batch.size must not exceed buffer.memory.points (500), got 600");
  }

  @Test
  void emptyMapGivesTheDocumentedDefaults() {
    TelemetryConfig cfg = TelemetryConfigKeys.fromMap(Map.of("hub.other", "ignored"));
    assertThat(cfg).isEqualTo(TelemetryConfig.defaults());
    assertThat(cfg.embedded()).isTrue();
    assertThat(cfg.spillDirUnder(Path.of("/var/lib/kuzet"))).isEqualTo(Path.of("/var/lib/kuzet/telemetry-spill"));
    assertThat(cfg.withSpillDir(Path.of("spill")).spillDirUnder(Path.of("/var/lib/kuzet")))
        .isEqualTo(Path.of("/var/lib/kuzet/spill"));
    assertThat(cfg.withSpillDir(Path.of("/srv/spill")).spillDirUnder(Path.of("/var/lib/kuzet")))
        .isEqualTo(Path.of("/srv/spill"));
  }

  @Test
  void everyKeyIsReadWithItsUnits() {
    TelemetryConfig cfg = TelemetryConfigKeys.fromMap(Map.ofEntries(
        Map.entry(TelemetryConfigKeys.URL, " https://influx.example:8086 "),
        Map.entry(TelemetryConfigKeys.TOKEN, "s3cret"),
        Map.entry(TelemetryConfigKeys.ORG, "police"),
        Map.entry(TelemetryConfigKeys.BUCKET, "posts"),
        Map.entry(TelemetryConfigKeys.EMBEDDED_PORT, "9000"),
        Map.entry(TelemetryConfigKeys.BATCH_SIZE, "2000"),
        Map.entry(TelemetryConfigKeys.FLUSH_INTERVAL, "250ms"),
        Map.entry(TelemetryConfigKeys.MEMORY_POINTS, "50000"),
        Map.entry(TelemetryConfigKeys.SPILL_DIR, "/srv/spill"),
        Map.entry(TelemetryConfigKeys.SPILL_MAX_BYTES, "512MiB"),
        Map.entry(TelemetryConfigKeys.RETRY_INITIAL, "PT0.5S"),
        Map.entry(TelemetryConfigKeys.RETRY_MAX, "2m"),
        Map.entry(TelemetryConfigKeys.WRITE_TIMEOUT, "1h")));
    assertThat(cfg).isEqualTo(new TelemetryConfig("https://influx.example:8086", "s3cret", "police", "posts", 9000,
        2000, Duration.ofMillis(250), 50_000, Path.of("/srv/spill"), 512L << 20, Duration.ofMillis(500),
        Duration.ofMinutes(2), Duration.ofHours(1)));
    assertThat(cfg.embedded()).isFalse();
    assertThat(cfg.toString()).doesNotContain("s3cret");
  }

  @Test
  void zeroSpillBoundTurnsSpillingOff() {
    assertThat(TelemetryConfigKeys.fromMap(Map.of(TelemetryConfigKeys.SPILL_MAX_BYTES, "0")).spillEnabled()).isFalse();
  }
}
