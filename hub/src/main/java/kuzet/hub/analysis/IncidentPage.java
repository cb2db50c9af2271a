package kuzet.hub.analysis;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The report as one printable HTML page: summary, a bar chart of response times (inline SVG, no scripts),
 * and each incident's timeline with who acted and when, in the hub's local time zone.
 */
public final class IncidentPage {
  static final int BAR_HEIGHT = 18;
  static final int CHART_WIDTH = 640;
  static final int LABEL_WIDTH = 190;

  private IncidentPage() {}

  public static String render(IncidentReport r, ZoneId zone) {
    DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
    StringBuilder h = new StringBuilder(8192);
    String title = "PANIC incidents " + (r.district() == null ? "(all districts)" : "in " + r.district());
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>body{font:13px sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #999;padding:3px 6px;text-align:left}th{background:#eee}"
            + "@media print{body{margin:0}.bar{fill:#000}}</style></head><body>")
        .append("<h1>").append(esc(title)).append("</h1><p>From ").append(fmt.format(r.from())).append(" to ")
        .append(fmt.format(r.to())).append(" (").append(esc(zone.getId())).append(")</p>");
    var ack = r.acknowledgeStats();
    var dispatch = r.dispatchStats();
    h.append("<table id=\"summary\"><tr><th>Incidents</th><td>").append(r.rows().size())
        .append("</td></tr><tr><th>Acknowledged</th><td>").append(r.acknowledged())
        .append("</td></tr><tr><th>Dispatched</th><td>").append(r.dispatched())
        .append("</td></tr><tr><th>Resolved</th><td>").append(r.resolved())
        .append("</td></tr><tr><th>Median time to acknowledge</th><td>").append(secs(r.medianSecondsToAcknowledge()))
        .append("</td></tr><tr><th>Mean time to acknowledge</th><td>")
        .append(ack.getCount() == 0 ? "-" : secs(Math.round(ack.getAverage())))
        .append("</td></tr><tr><th>Longest time to acknowledge</th><td>")
        .append(ack.getCount() == 0 ? "-" : secs(ack.getMax()))
        .append("</td></tr><tr><th>Mean time to dispatch</th><td>")
        .append(dispatch.getCount() == 0 ? "-" : secs(Math.round(dispatch.getAverage()))).append("</td></tr></table>");
    chart(h, r.rows(), fmt, Math.max(1, Math.max(ack.getCount() == 0 ? 0 : ack.getMax(),
        dispatch.getCount() == 0 ? 0 : dispatch.getMax())));
    h.append("<table id=\"incidents\"><tr><th>Post</th><th>Pressed</th><th>Received</th><th>Acknowledged</th>"
        + "<th>Dispatched</th><th>Resolved</th><th>Note</th></tr>");
    for (IncidentRow row : r.rows()) {
      h.append("<tr><td>").append(esc(row.postName() + " (" + row.postId() + ")")).append("</td><td>")
          .append(at(fmt, row.pressedAt(), null)).append("</td><td>").append(at(fmt, row.receivedAt(), null))
          .append("</td><td>").append(at(fmt, row.acknowledgedAt(), row.acknowledgedBy()))
          .append("</td><td>").append(at(fmt, row.dispatchedAt(), row.dispatchedBy()))
          .append("</td><td>").append(at(fmt, row.resolvedAt(), row.resolvedBy()))
          .append("</td><td>").append(esc(row.note() == null ? "" : row.note())).append("</td></tr>");
    }
    return h.append("</table></body></html>").toString();
  }

  /** One row per incident: a dark bar for time to acknowledge, a light one for time to dispatch. */
  private static void chart(StringBuilder h, List<IncidentRow> rows, DateTimeFormatter fmt, long max) {
    int height = rows.size() * (BAR_HEIGHT + 4) + 30;
    double scale = (CHART_WIDTH - LABEL_WIDTH - 60) / (double) max;
    h.append("<h2>Response times</h2><svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"seconds to acknowledge and dispatch\">");
    int y = 10;
    for (IncidentRow r : rows) {
      h.append("<text x=\"0\" y=\"").append(y + BAR_HEIGHT - 5).append("\" font-size=\"11\">")
          .append(esc(r.postId() + " " + fmt.format(r.receivedAt()).substring(5, 16))).append("</text>");
      bar(h, r.secondsToDispatch(), y, scale, "#9bc", "dispatch");
      bar(h, r.secondsToAcknowledge(), y + 4, scale, "#236", "acknowledge");
      y += BAR_HEIGHT + 4;
    }
    h.append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 14)
        .append("\" font-size=\"11\">dark: seconds to acknowledge, light: seconds to dispatch (max ")
        .append(max).append(" s)</text></svg>");
  }

  private static void bar(StringBuilder h, Long seconds, int y, double scale, String colour, String what) {
    if (seconds == null) {
      return;
    }
    long w = Math.max(1, Math.round(seconds * scale));
    h.append("<rect class=\"bar ").append(what).append("\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
        .append("\" width=\"").append(w).append("\" height=\"").append(BAR_HEIGHT - 8).append("\" fill=\"")
        .append(colour).append("\" data-seconds=\"").append(seconds).append("\"><title>").append(seconds)
        .append(" s to ").append(what).append("</title></rect>");
  }

  private static String at(DateTimeFormatter fmt, Instant t, String by) {
    if (t == null) {
      return "-";
    }
    return fmt.format(t) + (by == null ? "" : " by " + esc(by));
  }

  private static String secs(Long s) {
    return s == null ? "-" : s + " s";
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
