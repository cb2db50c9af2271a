package kuzet.hub.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Objects;
import java.util.function.Function;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertTypes;
import kuzet.store.Dialect;
import kuzet.store.Json;

/** The PANIC incidents opened in [from, to), optionally of one district, oldest first, with their summary. */
public record IncidentReport(Instant from, Instant to, String district, List<IncidentRow> rows) {

  public IncidentReport {
    rows = List.copyOf(rows);
  }

  /** Reads the report on the database thread. */
  public static IncidentReport query(Connection c, Instant from, Instant to, String district) throws SQLException {
    List<IncidentRow> rows = new ArrayList<>();
    Dialect dialect = Dialect.of(c);
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT a.json, p.pressed_at FROM alerts a LEFT JOIN panic_presses p ON p.incident_id = "
            + dialect.jsonText("a.json", "incidentId") + " WHERE a.type = ? AND a.opened_at >= ? AND a.opened_at < ? "
            + "AND (CAST(? AS TEXT) IS NULL OR " + dialect.jsonText("a.json", "district") + " = ?) ORDER BY a.opened_at")) {
      ps.setString(1, AlertTypes.PANIC);
      ps.setString(2, from.toString());
      ps.setString(3, to.toString());
      ps.setString(4, district);
      ps.setString(5, district);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Alert a = Json.read(rs.getString(1), Alert.class);
          String pressed = rs.getString(2);
          rows.add(new IncidentRow(a.id(), a.incidentId(), a.postId(), a.postName(), a.district(),
              pressed == null ? null : Instant.parse(pressed), a.openedAt(), a.acknowledgedAt(), a.acknowledgedBy(),
              a.dispatchedAt(), a.dispatchedBy(), a.resolvedAt(), a.resolvedBy(), a.note()));
        }
      }
    }
    return new IncidentReport(from, to, district, rows);
  }

  public long acknowledged() {
    return rows.stream().filter(r -> r.acknowledgedAt() != null).count();
  }

  public long dispatched() {
    return rows.stream().filter(r -> r.dispatchedAt() != null).count();
  }

  public long resolved() {
    return rows.stream().filter(r -> r.resolvedAt() != null).count();
  }

  /** Seconds from receipt to acknowledgement over the acknowledged incidents (count 0 when none). */
  public LongSummaryStatistics acknowledgeStats() {
    return stats(IncidentRow::secondsToAcknowledge);
  }

  public LongSummaryStatistics dispatchStats() {
    return stats(IncidentRow::secondsToDispatch);
  }

  /** The median (nearest rank) seconds to acknowledge, or null when nothing was acknowledged. */
  public Long medianSecondsToAcknowledge() {
    List<Long> s = rows.stream().map(IncidentRow::secondsToAcknowledge).filter(Objects::nonNull).sorted().toList();
    return Percentiles.nearestRank(s, 0.5);
  }

  private LongSummaryStatistics stats(Function<IncidentRow, Long> f) {
    return rows.stream().map(f).filter(Objects::nonNull).mapToLong(Long::longValue).summaryStatistics();
  }
}
