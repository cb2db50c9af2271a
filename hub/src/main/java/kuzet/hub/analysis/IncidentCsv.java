package kuzet.hub.analysis;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report as CSV (RFC 4180, UTC ISO-8601 times, seconds measured from the hub's receipt of the press).
 * Text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP "CSV injection"):
 * post names, districts, usernames and notes are typed by people, and the report is opened in Excel.
 */
public final class IncidentCsv {
  static final String[] HEADER = {"incident_id", "alert_id", "post_id", "post_name", "district", "pressed_at",
      "received_at", "acknowledged_at", "acknowledged_by", "dispatched_at", "dispatched_by", "resolved_at",
      "resolved_by", "seconds_to_acknowledge", "seconds_to_dispatch", "seconds_to_resolve", "note"};

  private IncidentCsv() {}

  public static String render(IncidentReport report) {
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
      for (IncidentRow r : report.rows()) {
        p.printRecord(r.incidentId(), r.alertId(), r.postId(), inert(r.postName()), inert(r.district()), r.pressedAt(),
            r.receivedAt(), r.acknowledgedAt(), inert(r.acknowledgedBy()), r.dispatchedAt(), inert(r.dispatchedBy()),
            r.resolvedAt(), inert(r.resolvedBy()), r.secondsToAcknowledge(), r.secondsToDispatch(),
            r.secondsToResolve(), inert(r.note()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A text cell a spreadsheet will show as text: a leading =, +, -, @, tab or CR makes it a formula otherwise. */
  static String inert(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    char c = cell.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
  }
}
