package kuzet.hub.telemetry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Telemetry storage settings. Every check names the config key it is about, so a bad hub config
 * fails at start with a message the operator can act on. Keys, defaults and meanings are listed in
 * {@code docs/telemetry-schema.md}; {@link TelemetryConfigKeys} reads them from a flat key/value map.
 *
 * @param url InfluxDB (2.x, 3.x or 1.8+) base URL; null or blank starts the embedded QuestDB instead
 * @param token API token; blank for QuestDB or an unauthenticated server ({@code user:password} for 1.8)
 * @param embeddedPort HTTP port of the embedded QuestDB on loopback; 0 picks a free one
 * @param memoryPoints points kept in memory; beyond half of it the writer moves batches to disk
 * @param spillDir where batches go when memory would not do; null means {@code <dataDir>/telemetry-spill},
 *     a relative path is taken under the data directory
 * @param spillMaxBytes bound of the spill directory; 0 turns spilling off
 */
public record TelemetryConfig(
    String url,
    String token,
    String org,
    String bucket,
    int embeddedPort,
    int batchSize,
    Duration flushInterval,
    int memoryPoints,
    Path spillDir,
    long spillMaxBytes,
    Duration retryInitial,
    Duration retryMax,
    Duration writeTimeout) {

  public static final String PREFIX = "telemetry.";

  public TelemetryConfig {
    url = url == null || url.isBlank() ? null : url.strip();
    token = token == null ? "" : token;
    if (url != null) {
      checkUrl(url);
    }
    require(org != null && !org.isBlank(), "org", "must not be blank");
    require(bucket != null && !bucket.isBlank(), "bucket", "must not be blank");
    require(embeddedPort >= 0 && embeddedPort <= 65535, "embedded.port",
        "must be 0 (any free port) or a port in [1, 65535], got " + embeddedPort);
    require(batchSize >= 1 && batchSize <= 100_000, "batch.size", "must be in [1, 100000], got " + batchSize);
    positive(flushInterval, "flush.interval");
    require(memoryPoints >= 1, "buffer.memory.points", "must be at least 1, got " + memoryPoints);
    require(batchSize <= memoryPoints, "batch.size",
        "must not exceed buffer.memory.points (" + memoryPoints + "), got " + batchSize);
    require(spillMaxBytes >= 0, "spill.max.bytes", "must be 0 (no spill) or more, got " + spillMaxBytes);
    positive(retryInitial, "retry.initial");
    positive(retryMax, "retry.max");
    require(retryMax.compareTo(retryInitial) >= 0, "retry.max",
        "must be at least retry.initial (" + retryInitial + "), got " + retryMax);
    positive(writeTimeout, "write.timeout");
  }

  /** Embedded QuestDB on a free port, 1 s flushes of up to 5,000 points, 100,000 in memory, 1 GiB on disk. */
  public static TelemetryConfig defaults() {
    return new TelemetryConfig(null, "", "kuzet", "telemetry", 0, 1_000, Duration.ofSeconds(1), 100_000, null,
        1L << 30, Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  public boolean embedded() {
    return url == null;
  }

  public boolean spillEnabled() {
    return spillMaxBytes > 0;
  }

  public TelemetryConfig withUrl(String newUrl) {
    return new TelemetryConfig(newUrl, token, org, bucket, embeddedPort, batchSize, flushInterval, memoryPoints,
        spillDir, spillMaxBytes, retryInitial, retryMax, writeTimeout);
  }

  public TelemetryConfig withBuffer(int newBatchSize, int newMemoryPoints, long newSpillMaxBytes) {
    return new TelemetryConfig(url, token, org, bucket, embeddedPort, newBatchSize, flushInterval, newMemoryPoints,
        spillDir, newSpillMaxBytes, retryInitial, retryMax, writeTimeout);
  }

  public TelemetryConfig withTiming(Duration newFlush, Duration newRetryInitial, Duration newRetryMax) {
    return new TelemetryConfig(url, token, org, bucket, embeddedPort, batchSize, newFlush, memoryPoints,
        spillDir, spillMaxBytes, newRetryInitial, newRetryMax, writeTimeout);
  }

  public TelemetryConfig withSpillDir(Path dir) {
    return new TelemetryConfig(url, token, org, bucket, embeddedPort, batchSize, flushInterval, memoryPoints,
        dir, spillMaxBytes, retryInitial, retryMax, writeTimeout);
  }

  /** The spill directory: by default, and when given as a relative path, under the hub's data directory. */
  public Path spillDirUnder(Path dataDir) {
    return dataDir.resolve(spillDir != null ? spillDir : Path.of("telemetry-spill"));
  }

  @Override
  public String toString() {
    // the token is a secret: never in logs
    return "TelemetryConfig[url=" + (url == null ? "embedded QuestDB" : url) + ", org=" + org + ", bucket=" + bucket
        + ", batchSize=" + batchSize + ", flushInterval=" + flushInterval + ", memoryPoints=" + memoryPoints
        + ", spillDir=" + spillDir + ", spillMaxBytes=" + spillMaxBytes + ", retry=" + retryInitial + ".." + retryMax
        + ", writeTimeout=" + writeTimeout + "]";
  }

  private static void checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(PREFIX + "url '" + url + "' is not a valid URL: " + e.getReason());
    }
    require("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()), "url",
        "'" + url + "' must start with http:// or https://");
    require(uri.getHost() != null && !uri.getHost().isBlank(), "url", "'" + url + "' has no host");
  }

  private static void positive(Duration d, String key) {
    Objects.requireNonNull(d, PREFIX + key);
    require(!d.isNegative() && !d.isZero(), key, "must be a positive duration, got " + d);
  }

  private static void require(boolean ok, String key, String reason) {
    if (!ok) {
      throw new IllegalArgumentException(PREFIX + key + " " + reason);
    }
  }
}
