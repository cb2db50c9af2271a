package kuzet.hub.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The whole analysis as a printable PDF (Apache PDFBox) for the district office's files: the headline
 * measures (the same numbers as the page), the map of presses as graduated circles, the weekday x hour matrix
 * and the daily chart of presses, and the tables of where, how fast and how well per district, the busiest posts and the slowest
 * incidents.
 */
public final class AnalysisPdf {
  static final int TOP_POSTS = 15;

  private AnalysisPdf() {}

  public static byte[] render(Analysis a) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("Kuzet analysis " + a.scope().from() + " to " + a.scope().to());
      info.setCreator("Kuzet hub");
      try (PdfPages p = new PdfPages(doc)) {
        p.line(16, "Kuzet: analysis of " + (a.scope().district() == null ? "all districts" : a.scope().district()));
        p.line(9, "Period " + a.scope().from() + " to " + a.scope().to() + " (exclusive), " + a.scope().days()
            + " days, time zone " + a.scope().zone().getId()
            + (a.scope().posts().isEmpty() ? "" : ", posts " + String.join(", ", a.scope().posts())));
        headline(p, a.headline());
        PdfCharts.map(p, a.where().posts());
        PdfCharts.matrix(p, a.when().types().get(0));
        PdfCharts.daily(p, a.when().days(), a.when().types().get(0));
        where(p, a.where());
        fast(p, a.fast());
        well(p, a.well());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void headline(PdfPages p, Map<String, Number> h) throws IOException {
    p.line(12, "Totals");
    List<List<String>> rows = new ArrayList<>();
    h.forEach((k, v) -> rows.add(List.of(k, v == null ? "-" : v.toString())));
    p.table(List.of("measure", "value"), rows, new float[] {3, 1});
  }

  private static void where(PdfPages p, Where w) throws IOException {
    p.line(12, "Where: districts");
    p.table(List.of("district", "posts", "presses", "false presses", "tamper", "door"),
        w.districts().stream().map(d -> List.of(d.district(), s(d.posts()), s(d.presses()), s(d.falsePresses()),
            s(d.tamperEvents()), s(d.doorEvents()))).toList(), new float[] {3, 1, 1, 1, 1, 1});
    p.line(12, "Where: the " + TOP_POSTS + " busiest posts");
    p.table(List.of("post", "name", "district", "presses", "false presses", "tamper", "door"),
        w.posts().stream().limit(TOP_POSTS).map(d -> List.of(d.postId(), d.name(), d.district(), s(d.presses()),
            s(d.falsePresses()), s(d.tamperEvents()), s(d.doorEvents()))).toList(), new float[] {2, 3, 2, 1, 1, 1, 1});
  }

  private static void fast(PdfPages p, Fast f) throws IOException {
    p.line(12, "How fast (seconds, median / 90th percentile)");
    List<Fast.Timing> rows = new ArrayList<>(List.of(f.all()));
    rows.addAll(f.districts());
    p.table(List.of("district", "incidents", "press to hub", "to acknowledge", "to dispatch", "to resolve"),
        rows.stream().map(t -> List.of(t.district() == null ? "all" : t.district(), s(t.incidents()), speed(t.fromPress()),
            speed(t.toAcknowledge()), speed(t.toDispatch()), speed(t.toResolve()))).toList(),
        new float[] {3, 1, 1.5f, 1.5f, 1.5f, 1.5f});
    p.line(12, "The slowest incidents to be acknowledged");
    p.table(List.of("post", "received (UTC)", "to acknowledge", "to dispatch", "to resolve"),
        f.slowest().stream().map(r -> List.of(r.postId(), r.receivedAt().toString(), s(r.secondsToAcknowledge()),
            s(r.secondsToDispatch()), s(r.secondsToResolve()))).toList(), new float[] {2, 3, 1, 1, 1});
  }

  private static void well(PdfPages p, Well w) throws IOException {
    p.line(12, "How well the posts work");
    List<Well.Health> rows = new ArrayList<>(List.of(w.all()));
    rows.addAll(w.districts());
    rows.addAll(w.posts().stream().limit(TOP_POSTS).toList());
    p.table(List.of("district / post", "availability %", "mains outages", "mains out min", "dark night min",
            "lamp faults", "sensor faults", "self-tests failed", "days untested"),
        rows.stream().map(h -> List.of(h.postId() != null ? h.postId() : h.district() == null ? "all" : h.district(),
            s(h.availabilityPct()), s(h.mainsOutages()), s(h.mainsOutMinutes()), s(h.darkNightMinutes()),
            s(h.lampFaults()), s(h.sensorFaults()), s(h.selfTestsFailed()), s(h.daysWithoutSelfTest()))).toList(),
        new float[] {2.5f, 1, 1, 1, 1, 1, 1, 1, 1});
  }

  static String weekday(int d) {
    return DayOfWeek.of(d + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }

  private static String speed(Fast.Speed s) {
    return s.n() == 0 ? "-" : s.medianS() + " / " + s.p90S();
  }

  private static String s(Object v) {
    return v == null ? "-" : v.toString();
  }
}
