package kuzet.protocol;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one timestamp form every Kuzet sender writes, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, without
 * {@code DateTimeFormatter} (about a tenth of ingest's CPU per telemetry message went to its parse). Anything else,
 * including forms ISO-8601 allows that this does not read (24:00, a leap second, an empty fraction, offsets), gives
 * null, and the caller uses {@link Instant#parse}; {@code IsoInstantsProperties} holds both to the same answers.
 */
final class IsoInstants {
  private IsoInstants() {}

  /** The instant, or null when {@code s} is not exactly the plain form with a valid date and time. */
  static Instant plain(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int nanos = fraction(s, 19, n - 1);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || nanos < 0 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The number in {@code count} ASCII digits from {@code at}, or -1. */
  private static int digits(String s, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Nanoseconds of an absent fraction (0) or of '.' and 1 to 9 digits between {@code from} and {@code end}; or -1. */
  private static int fraction(String s, int from, int end) {
    if (from == end) {
      return 0;
    }
    int count = end - from - 1;
    if (s.charAt(from) != '.' || count < 1 || count > 9) {
      return -1;
    }
    int v = digits(s, from + 1, count);
    for (int i = count; i < 9 && v >= 0; i++) {
      v *= 10;
    }
    return v;
  }
}
