package kuzet.hub.telemetry;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link TelemetryConfig} from the flat {@code telemetry.*} keys of the hub's config (file plus
 * environment overrides, merged by the hub). Missing keys take their defaults; unknown
 * {@code telemetry.*} keys are refused, since a typo would otherwise silently keep a default.
 */
public final class TelemetryConfigKeys {

  public static final String URL = "telemetry.url";
  public static final String TOKEN = "telemetry.token";
  public static final String ORG = "telemetry.org";
  public static final String BUCKET = "telemetry.bucket";
  public static final String EMBEDDED_PORT = "telemetry.embedded.port";
  public static final String BATCH_SIZE = "telemetry.batch.size";
  public static final String FLUSH_INTERVAL = "telemetry.flush.interval";
  public static final String MEMORY_POINTS = "telemetry.buffer.memory.points";
  public static final String SPILL_DIR = "telemetry.spill.dir";
  public static final String SPILL_MAX_BYTES = "telemetry.spill.max.bytes";
  public static final String RETRY_INITIAL = "telemetry.retry.initial";
  public static final String RETRY_MAX = "telemetry.retry.max";
  public static final String WRITE_TIMEOUT = "telemetry.write.timeout";

  public static final List<String> ALL = List.of(URL, TOKEN, ORG, BUCKET, EMBEDDED_PORT, BATCH_SIZE, FLUSH_INTERVAL,
      MEMORY_POINTS, SPILL_DIR, SPILL_MAX_BYTES, RETRY_INITIAL, RETRY_MAX, WRITE_TIMEOUT);

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

  private TelemetryConfigKeys() {}

  /** Reads the {@code telemetry.*} entries of {@code settings}; other keys are ignored. */
  public static TelemetryConfig fromMap(Map<String, String> settings) {
    for (String key : settings.keySet()) {
      if (key.startsWith(TelemetryConfig.PREFIX) && !ALL.contains(key)) {
        throw new IllegalArgumentException(key + " is not a known telemetry setting; known: " + String.join(", ", ALL));
      }
    }
    TelemetryConfig d = TelemetryConfig.defaults();
    return new TelemetryConfig(
        settings.getOrDefault(URL, d.url()),
        settings.getOrDefault(TOKEN, d.token()),
        settings.getOrDefault(ORG, d.org()),
        settings.getOrDefault(BUCKET, d.bucket()),
        integer(settings, EMBEDDED_PORT, d.embeddedPort()),
        integer(settings, BATCH_SIZE, d.batchSize()),
        duration(settings, FLUSH_INTERVAL, d.flushInterval()),
        integer(settings, MEMORY_POINTS, d.memoryPoints()),
        path(settings, SPILL_DIR),
        bytes(settings, SPILL_MAX_BYTES, d.spillMaxBytes()),
        duration(settings, RETRY_INITIAL, d.retryInitial()),
        duration(settings, RETRY_MAX, d.retryMax()),
        duration(settings, WRITE_TIMEOUT, d.writeTimeout()));
  }

  private static int integer(Map<String, String> s, String key, int fallback) {
    String v = s.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + v + "' is not a whole number");
    }
  }

  /** {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, or ISO-8601 such as {@code PT10S}. */
  static Duration duration(Map<String, String> s, String key, Duration fallback) {
    String v = s.get(key);
    if (v == null) {
      return fallback;
    }
    String t = v.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      return Duration.parse(v.strip());
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + v + "' is not a duration: write e.g. 500ms, 10s, 5m, 1h or PT10S");
    }
  }

  /** Plain bytes, or with a binary unit: {@code 512MiB}, {@code 1GiB} ({@code k}, {@code m}, {@code g} too). */
  static long bytes(Map<String, String> s, String key, long fallback) {
    String v = s.get(key);
    if (v == null) {
      return fallback;
    }
    Matcher m = SIZE.matcher(v.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(key + " '" + v + "' is not a size: write e.g. 1073741824, 512MiB or 1GiB");
    }
    try {
      long n = Long.parseLong(m.group(1));
      int shift = switch (m.group(2)) {
        case "", "b" -> 0;
        case "k", "kb", "kib" -> 10;
        case "m", "mb", "mib" -> 20;
        default -> 30;
      };
      if (n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + v + "' is too large");
    }
  }

  private static Path path(Map<String, String> s, String key) {
    String v = s.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Path.of(v.strip());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(key + " '" + v + "' is not a valid path: " + e.getReason());
    }
  }
}
