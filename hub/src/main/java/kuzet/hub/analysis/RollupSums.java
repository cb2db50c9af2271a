package kuzet.hub.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A post's {@code post_days} added up over a period: seconds, counts, night seconds and self-tested days. */
public record RollupSums(long[] values, long nightS, long testedDays) {
  static final RollupSums NONE = new RollupSums(new long[DayMeasure.values().length], 0, 0);

  public long get(DayMeasure m) {
    return values[m.ordinal()];
  }

  RollupSums plus(RollupSums o) {
    long[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += o.values[i];
    }
    return new RollupSums(v, nightS + o.nightS, testedDays + o.testedDays);
  }

  /** Per post of the area, over the scope's days. */
  static Map<String, RollupSums> load(Connection c, Scope scope, Area area) throws SQLException {
    String sums = Arrays.stream(DayMeasure.values()).map(m -> "SUM(d." + m.column() + ")")
        .collect(Collectors.joining(", "));
    Map<String, RollupSums> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT d.post_id, SUM(d.night_s), "
        + "SUM(CASE WHEN d.self_tests_passed + d.self_tests_failed > 0 THEN 1 ELSE 0 END), " + sums
        + " FROM post_days d JOIN posts p ON p.id = d.post_id WHERE d.day >= ? AND d.day < ?"
        + " AND (CAST(? AS TEXT) IS NULL OR p.district = ?) GROUP BY d.post_id")) {
      ps.setString(1, scope.from().toString());
      ps.setString(2, scope.to().toString());
      ps.setString(3, scope.district());
      ps.setString(4, scope.district());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!area.covers(rs.getString(1))) {
            continue;
          }
          long[] v = new long[DayMeasure.values().length];
          for (int i = 0; i < v.length; i++) {
            v[i] = rs.getLong(4 + i);
          }
          out.put(rs.getString(1), new RollupSums(v, rs.getLong(2), rs.getLong(3)));
        }
      }
    }
    return out;
  }
}
