package kuzet.hub.analysis;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Tables as CSV (RFC 4180). Text cells that a spreadsheet would run as a formula get a leading apostrophe
 * (OWASP "CSV injection"): post names, districts, usernames and notes are typed by people, and the files are
 * opened in Excel. Numbers and times are written as they are.
 */
public final class Csv {
  private Csv() {}

  public static String render(List<String> header, List<List<Object>> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
      for (List<Object> row : rows) {
        p.printRecord(row.stream().map(v -> v instanceof String s ? inert(s) : v).toList());
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
