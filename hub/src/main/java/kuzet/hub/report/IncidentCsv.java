package kuzet.hub.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The report as CSV (RFC 4180, UTC ISO-8601 times, seconds measured from the hub's receipt of the press). */
public final class IncidentCsv {
  static final String[] HEADER = {"incident_id", "alert_id", "post_id", "post_name", "district", "pressed_at",
      "received_at", "acknowledged_at", "acknowledged_by", "dispatched_at", "dispatched_by", "resolved_at",
      "resolved_by", "seconds_to_acknowledge", "seconds_to_dispatch", "seconds_to_resolve", "note"};

  private IncidentCsv() {}

  public static String render(IncidentReport report) {
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
      for (IncidentRow r : report.rows()) {
        p.printRecord(r.incidentId(), r.alertId(), r.postId(), r.postName(), r.district(), r.pressedAt(),
            r.receivedAt(), r.acknowledgedAt(), r.acknowledgedBy(), r.dispatchedAt(), r.dispatchedBy(),
            r.resolvedAt(), r.resolvedBy(), r.secondsToAcknowledge(), r.secondsToDispatch(), r.secondsToResolve(),
            r.note());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
