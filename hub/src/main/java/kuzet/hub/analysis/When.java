package kuzet.hub.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kuzet.hub.alert.AlertTypes;

/**
 * When: per alert type (PANIC first), a weekday x hour-of-day matrix (Monday first, in the hub's time zone)
 * and a count per day of the period. Buckets are made here, not in SQL, so both databases give the same.
 */
public record When(List<LocalDate> days, List<Series> types) {
  public record Series(String type, long total, long[][] weekdayHour, long[] perDay) {}

  public Series type(String type) {
    return types.stream().filter(s -> s.type().equals(type)).findFirst().orElse(null);
  }

  record Opened(String type, String postId, Instant at) {}

  static When of(Scope scope, List<Opened> alerts) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = scope.from(); d.isBefore(scope.to()); d = d.plusDays(1)) {
      days.add(d);
    }
    Map<String, Series> byType = new TreeMap<>();
    byType.put(AlertTypes.PANIC, empty(AlertTypes.PANIC, days.size()));
    for (Opened a : alerts) {
      Series s = byType.computeIfAbsent(a.type(), t -> empty(t, days.size()));
      ZonedDateTime local = a.at().atZone(scope.zone());
      s.weekdayHour()[local.getDayOfWeek().getValue() - 1][local.getHour()]++;
      s.perDay()[(int) ChronoUnit.DAYS.between(scope.from(), local.toLocalDate())]++;
    }
    List<Series> out = new ArrayList<>();
    out.add(total(byType.remove(AlertTypes.PANIC)));
    byType.values().forEach(s -> out.add(total(s)));
    return new When(days, out);
  }

  private static Series empty(String type, int days) {
    return new Series(type, 0, new long[7][24], new long[days]);
  }

  private static Series total(Series s) {
    long n = 0;
    for (long v : s.perDay()) {
      n += v;
    }
    return new Series(s.type(), n, s.weekdayHour(), s.perDay());
  }

  /** Every alert of the area opened in the period: type, post and time only. */
  static List<Opened> load(Connection c, Scope scope, Area area) throws SQLException {
    List<Opened> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT a.type, a.post_id, a.opened_at FROM alerts a"
        + " JOIN posts p ON p.id = a.post_id WHERE a.opened_at >= ? AND a.opened_at < ?"
        + " AND (CAST(? AS TEXT) IS NULL OR p.district = ?)")) {
      ps.setString(1, scope.start().toString());
      ps.setString(2, scope.end().toString());
      ps.setString(3, scope.district());
      ps.setString(4, scope.district());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (area.covers(rs.getString(2))) {
            out.add(new Opened(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
          }
        }
      }
    }
    return out;
  }
}
