package kuzet.hub.analysis;

import java.io.IOException;
import java.util.List;

/** The PDF's drawings: posts as circles sized by their presses, and the weekday x hour matrix as shaded cells. */
final class PdfCharts {
  private PdfCharts() {}

  /** Posts at their coordinates (equirectangular, fitted to the box), circle area growing with presses. */
  static void map(PdfPages p, List<Where.Place> posts) throws IOException {
    float h = 220;
    p.need(h + 30);
    p.line(12, "Map: presses per post (circle size), posts without presses as dots");
    float top = p.y - 6;
    float w = p.width();
    p.out.setStrokingColor(0.6f, 0.6f, 0.6f);
    p.out.addRect(PdfPages.MARGIN, top - h, w, h);
    p.out.stroke();
    double minLat = posts.stream().mapToDouble(Where.Place::latitude).min().orElse(0);
    double maxLat = posts.stream().mapToDouble(Where.Place::latitude).max().orElse(1);
    double minLon = posts.stream().mapToDouble(Where.Place::longitude).min().orElse(0);
    double maxLon = posts.stream().mapToDouble(Where.Place::longitude).max().orElse(1);
    long max = Math.max(1, posts.stream().mapToLong(Where.Place::presses).max().orElse(1));
    for (Where.Place pl : posts) {
      float x = PdfPages.MARGIN + 12 + (float) ((pl.longitude() - minLon) / Math.max(1e-9, maxLon - minLon) * (w - 24));
      float y = top - h + 12 + (float) ((pl.latitude() - minLat) / Math.max(1e-9, maxLat - minLat) * (h - 24));
      float r = pl.presses() == 0 ? 1.2f : 2 + 10 * (float) Math.sqrt(pl.presses() / (double) max);
      p.out.setNonStrokingColor(pl.presses() == 0 ? 0.5f : 0.8f, 0.1f, 0.1f);
      circle(p, x, y, r);
      p.out.fill();
    }
    p.out.setNonStrokingColor(0f, 0f, 0f);
    p.y = top - h - 4;
  }

  /** Rows Monday to Sunday, columns 0 to 23 h, darker for more; each cell's count written in it. */
  static void matrix(PdfPages p, When.Series s) throws IOException {
    float cell = (p.width() - 30) / 24;
    p.need(8 * 14 + 30);
    p.line(12, "When: " + s.type() + " by weekday and hour (" + s.total() + " in all)");
    float top = p.y - 4;
    long max = 1;
    for (long[] row : s.weekdayHour()) {
      for (long v : row) {
        max = Math.max(max, v);
      }
    }
    for (int h = 0; h < 24; h++) {
      p.text(PdfPages.MARGIN + 30 + h * cell + 2, top - 10, 6, Integer.toString(h));
    }
    for (int d = 0; d < 7; d++) {
      float y = top - 14 - (d + 1) * 13;
      p.out.setNonStrokingColor(0f, 0f, 0f);
      p.text(PdfPages.MARGIN, y + 3, 7, AnalysisPdf.weekday(d));
      for (int h = 0; h < 24; h++) {
        long v = s.weekdayHour()[d][h];
        float shade = 1 - 0.85f * v / max;
        p.out.setNonStrokingColor(1f, shade, shade);
        p.out.addRect(PdfPages.MARGIN + 30 + h * cell, y, cell - 1, 12);
        p.out.fill();
        if (v > 0) {
          p.out.setNonStrokingColor(0f, 0f, 0f);
          p.text(PdfPages.MARGIN + 30 + h * cell + 2, y + 3, 6, Long.toString(v));
        }
      }
    }
    p.out.setNonStrokingColor(0f, 0f, 0f);
    p.y = top - 14 - 8 * 13;
  }

  /** One bar per day of the period, scaled to the busiest day; first and last dates under the axis. */
  static void daily(PdfPages p, List<java.time.LocalDate> days, When.Series s) throws IOException {
    float h = 90;
    p.need(h + 40);
    p.line(12, "When: " + s.type() + " per day");
    float top = p.y - 4;
    long max = 1;
    for (long v : s.perDay()) {
      max = Math.max(max, v);
    }
    float bar = p.width() / Math.max(1, days.size());
    p.out.setNonStrokingColor(0.8f, 0.1f, 0.1f);
    for (int i = 0; i < days.size(); i++) {
      float bh = h * s.perDay()[i] / max;
      p.out.addRect(PdfPages.MARGIN + i * bar, top - h, Math.max(0.5f, bar - 0.5f), bh);
    }
    p.out.fill();
    p.out.setNonStrokingColor(0f, 0f, 0f);
    if (!days.isEmpty()) {
      p.text(PdfPages.MARGIN, top - h - 10, 7, days.get(0) + "   (busiest day: " + max + ")");
      p.text(PdfPages.MARGIN + p.width() - 45, top - h - 10, 7, days.get(days.size() - 1).toString());
    }
    p.y = top - h - 14;
  }

  private static void circle(PdfPages p, float cx, float cy, float r) throws IOException {
    float k = 0.552f * r;
    p.out.moveTo(cx + r, cy);
    p.out.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    p.out.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    p.out.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    p.out.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
  }
}
