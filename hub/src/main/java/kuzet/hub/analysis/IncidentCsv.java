package kuzet.hub.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The incident report as CSV: UTC ISO-8601 times, seconds measured from the hub's receipt of the press. */
public final class IncidentCsv {
  static final List<String> HEADER = List.of("incident_id", "alert_id", "post_id", "post_name", "district",
      "pressed_at", "received_at", "acknowledged_at", "acknowledged_by", "dispatched_at", "dispatched_by",
      "resolved_at", "resolved_by", "seconds_to_acknowledge", "seconds_to_dispatch", "seconds_to_resolve", "note");

  private IncidentCsv() {}

  public static String render(IncidentReport report) {
    return Csv.render(HEADER, rows(report.rows()));
  }

  static List<List<Object>> rows(List<IncidentRow> incidents) {
    List<List<Object>> rows = new ArrayList<>();
    for (IncidentRow r : incidents) {
      rows.add(Arrays.asList(r.incidentId(), r.alertId(), r.postId(), r.postName(), r.district(), r.pressedAt(),
          r.receivedAt(), r.acknowledgedAt(), r.acknowledgedBy(), r.dispatchedAt(), r.dispatchedBy(), r.resolvedAt(),
          r.resolvedBy(), r.secondsToAcknowledge(), r.secondsToDispatch(), r.secondsToResolve(), r.note()));
    }
    return rows;
  }
}
