package kuzet.hub.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A4 pages written top to bottom: text lines, tables and a cursor that starts a new page when one is full.
 * Post names are typed in Russian or Kazakh, so text is set in DejaVu Sans when the system has it (Debian's
 * fonts-dejavu-core); without it Helvetica is used and letters outside Latin-1 print as '?'.
 */
final class PdfPages implements AutoCloseable {
  static final float MARGIN = 40;
  static final List<Path> FONTS = List.of(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
      Path.of("/usr/share/fonts/dejavu/DejaVuSans.ttf"));

  final PDDocument doc;
  final PDFont font;
  PDPageContentStream out;
  float y;

  PdfPages(PDDocument doc) throws IOException {
    this.doc = doc;
    Path ttf = FONTS.stream().filter(Files::isReadable).findFirst().orElse(null);
    this.font = ttf == null ? new PDType1Font(Standard14Fonts.FontName.HELVETICA) : PDType0Font.load(doc, ttf.toFile());
    newPage();
  }

  float width() {
    return PDRectangle.A4.getWidth() - 2 * MARGIN;
  }

  void newPage() throws IOException {
    if (out != null) {
      out.close();
    }
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    out = new PDPageContentStream(doc, page);
    y = PDRectangle.A4.getHeight() - MARGIN;
  }

  /** Makes room for {@code height} points, on a new page if this one has not got it. */
  void need(float height) throws IOException {
    if (y - height < MARGIN) {
      newPage();
    }
  }

  void text(float x, float atY, float size, String s) throws IOException {
    out.beginText();
    out.setFont(font, size);
    out.newLineAtOffset(x, atY);
    out.showText(printable(s));
    out.endText();
  }

  void line(float size, String s) throws IOException {
    need(size + 6);
    y -= size + 4;
    text(MARGIN, y, size, s);
  }

  /** A table: a header row in bold-ish grey, then rows; columns share the width by the given weights. */
  void table(List<String> header, List<List<String>> rows, float[] weights) throws IOException {
    float total = 0;
    for (float w : weights) {
      total += w;
    }
    row(header, weights, total, true);
    for (List<String> r : rows) {
      row(r, weights, total, false);
    }
    y -= 6;
  }

  private void row(List<String> cells, float[] weights, float total, boolean head) throws IOException {
    need(14);
    y -= 12;
    if (head) {
      out.setNonStrokingColor(0.88f, 0.88f, 0.88f);
      out.addRect(MARGIN, y - 3, width(), 12);
      out.fill();
      out.setNonStrokingColor(0f, 0f, 0f);
    }
    float x = MARGIN;
    for (int i = 0; i < cells.size(); i++) {
      float w = width() * weights[i] / total;
      text(x + 2, y, 7.5f, fit(cells.get(i), w - 4, 7.5f));
      x += w;
    }
  }

  private String fit(String s, float w, float size) throws IOException {
    String t = printable(s);
    while (t.length() > 1 && font.getStringWidth(t) / 1000 * size > w) {
      t = t.substring(0, t.length() - 2) + "…";
      if (!(font instanceof PDType0Font)) {
        t = t.replace('…', '.');
      }
    }
    return t;
  }

  /** What the font can print: with Helvetica, anything outside Latin-1 becomes '?'. */
  String printable(String s) {
    if (s == null) {
      return "-";
    }
    if (font instanceof PDType0Font) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.append(c >= 32 && c < 256 ? (char) c : '?'));
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
