package kuzet.hub.telemetry;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Writes one line of InfluxDB line protocol, character for character as influxdb-client-java's {@code Point} writes
 * it (the same escaping, the same number forms), without its sorted maps and per-field boxing: about a third of the
 * writer thread's CPU per point went there. The caller adds tags and fields in name order, as {@code Point} sorts
 * them; {@code TelemetrySchemaTest} holds the output to {@code Point}'s on awkward names and values.
 */
final class LineProtocol {
  /** {@code Point}'s own number format for the rare double that {@link Double#toString} writes with an exponent. */
  private static final ThreadLocal<NumberFormat> EXPONENT_FREE = ThreadLocal.withInitial(() -> {
    NumberFormat f = NumberFormat.getInstance(Locale.ENGLISH);
    f.setMaximumFractionDigits(340);
    f.setGroupingUsed(false);
    f.setMinimumFractionDigits(1);
    return f;
  });

  private final StringBuilder line = new StringBuilder(256);
  private boolean firstField = true;

  LineProtocol(String measurement) {
    escape(measurement, false);
  }

  /** A tag; like {@code Point}, an empty value leaves the tag out. */
  LineProtocol tag(String key, String value) {
    if (!key.isEmpty() && !value.isEmpty()) {
      line.append(',');
      escape(key, true);
      line.append('=');
      escape(value, true);
    }
    return this;
  }

  LineProtocol field(String key, long value) {
    fieldKey(key).append(value).append('i');
    return this;
  }

  /** A double field; {@code Point} leaves out NaN and infinities, and so does this. */
  LineProtocol field(String key, double value) {
    if (!Double.isFinite(value)) {
      return this;
    }
    String plain = Double.toString(value);
    fieldKey(key).append(plain.indexOf('E') < 0 ? plain : EXPONENT_FREE.get().format(value));
    return this;
  }

  LineProtocol field(String key, boolean value) {
    fieldKey(key).append(value);
    return this;
  }

  /** The line, ended by the timestamp (in the write's precision). */
  String end(long time) {
    return line.append(' ').append(time).toString();
  }

  private StringBuilder fieldKey(String key) {
    line.append(firstField ? ' ' : ',');
    firstField = false;
    escape(key, true);
    return line.append('=');
  }

  /**
   * Point's escapeKey: tab, line feed and return written as backslash t, n, r; space and comma behind a backslash;
   * '=' too, except in the measurement.
   */
  private void escape(String s, boolean equalsSign) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        case ' ', ',' -> line.append('\\').append(c);
        case '=' -> line.append(equalsSign ? "\\=" : "=");
        default -> line.append(c);
      }
    }
  }
}
