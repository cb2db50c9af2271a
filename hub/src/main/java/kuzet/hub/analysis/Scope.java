package kuzet.hub.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an analysis covers: whole days [from, to) in the hub's time zone, one district or all, and optionally
 * only some posts. Bad values are refused with a message that says what was wrong (IllegalArgumentException,
 * which the API answers with 400).
 */
public record Scope(LocalDate from, LocalDate to, String district, Set<String> posts, ZoneId zone) {
  public static final int MAX_DAYS = 366;
  public static final int MAX_POSTS = 1_000;

  public Scope {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("'to' " + to + " must be after 'from' " + from + " (the period is [from, to))");
    }
    if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
      throw new IllegalArgumentException("the period must be at most " + MAX_DAYS + " days, not "
          + ChronoUnit.DAYS.between(from, to));
    }
    if (district != null && (district.isBlank() || district.length() > 100)) {
      throw new IllegalArgumentException("'district' must be 1 to 100 characters (leave it out for all districts)");
    }
    posts = posts == null ? Set.of() : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(posts));
    if (posts.size() > MAX_POSTS) {
      throw new IllegalArgumentException("at most " + MAX_POSTS + " posts can be named, not " + posts.size());
    }
  }

  /** Parses the query's texts: dates as 2026-11-16, posts as a comma-separated list. */
  public static Scope parse(String from, String to, String district, String posts, ZoneId zone) {
    Set<String> ids = new TreeSet<>();
    if (posts != null && !posts.isBlank()) {
      for (String p : posts.split(",", -1)) {
        if (p.isBlank() || p.length() > 64) {
          throw new IllegalArgumentException("'posts' must be post ids separated by commas, each 1 to 64 characters");
        }
        ids.add(p.trim());
      }
    }
    return new Scope(date("from", from), date("to", to), district, ids, zone);
  }

  static LocalDate date(String name, String v) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("'" + name + "' is required: a date such as 2026-11-16");
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + name + "' value '" + (v.length() > 40 ? v.substring(0, 37) + "..." : v)
          + "' is not a date such as 2026-11-16");
    }
  }

  public Scope withPeriod(LocalDate newFrom, LocalDate newTo) {
    return new Scope(newFrom, newTo, district, posts, zone);
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to);
  }

  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  public Instant end() {
    return to.atStartOfDay(zone).toInstant();
  }
}
