package kuzet.provisioning.importer;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kuzet.registry.PostType;
import kuzet.protocol.PostId;
import kuzet.provisioning.post.NewPost;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a district's posts from CSV with the header {@code id,type,name,district,lat,lon} (any column order,
 * quoted fields allowed). Every bad row is reported with its line number; none stops the reading.
 */
public final class CsvPosts {
  public static final List<String> COLUMNS = List.of("id", "type", "name", "district", "lat", "lon");

  /** The good rows and the problems; a file is clean when {@code problems} is empty. */
  public record Parsed(List<NewPost> posts, List<RowProblem> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  private CsvPosts() {}

  public static Parsed read(Reader in) {
    StringWriter all = new StringWriter();
    try {
      in.transferTo(all);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the CSV failed: " + e.getMessage(), e);
    }
    return read(all.toString());
  }

  public static Parsed read(String text) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true)
        .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).build();
    List<NewPost> posts = new ArrayList<>();
    List<RowProblem> problems = new ArrayList<>();
    LineCounter lines = new LineCounter(text);
    try (CSVParser parser = CSVParser.parse(text, format)) {
      List<String> header = parser.getHeaderNames();
      List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
      if (!missing.isEmpty()) {
        problems.add(new RowProblem(1, "header lacks column(s) " + missing + "; expected " + String.join(",", COLUMNS)));
        return new Parsed(List.of(), problems);
      }
      Map<PostId, Long> seen = new HashMap<>();
      try {
        for (CSVRecord row : parser) {
          long line = lines.lineAt(row.getCharacterPosition());
          try {
            NewPost p = toPost(row);
            Long first = seen.putIfAbsent(p.id(), line);
            if (first != null) {
              problems.add(new RowProblem(line, "post id '" + p.id() + "' already appears on line " + first));
            } else {
              posts.add(p);
            }
          } catch (IllegalArgumentException e) {
            problems.add(new RowProblem(line, e.getMessage()));
          }
        }
      } catch (IllegalStateException | UncheckedIOException malformed) {
        // broken quoting: commons-csv cannot find where the row ends, so nothing after it can be trusted
        problems.add(new RowProblem(parser.getCurrentLineNumber() + 1,
            "malformed CSV (unbalanced quotes?): " + malformed.getMessage()));
      }
    } catch (IOException | IllegalArgumentException e) {
      problems.add(new RowProblem(1, "cannot read the header: " + e.getMessage()));
    }
    if (posts.isEmpty() && problems.isEmpty()) {
      problems.add(new RowProblem(1, "the file has no posts below its header"));
    }
    return new Parsed(posts, problems);
  }

  /** 1-based line of a character offset; offsets only grow while reading, so the count is incremental. */
  private static final class LineCounter {
    private final String text;
    private int position;
    private long line = 1;

    LineCounter(String text) {
      this.text = text;
    }

    long lineAt(long offset) {
      while (position < offset && position < text.length()) {
        if (text.charAt(position++) == '\n') {
          line++;
        }
      }
      return line;
    }
  }

  private static NewPost toPost(CSVRecord row) {
    if (!row.isConsistent()) {
      throw new IllegalArgumentException("has " + row.size() + " fields, expected " + COLUMNS.size());
    }
    return new NewPost(
        new PostId(row.get("id")),
        PostType.fromId(row.get("type")),
        row.get("name"),
        row.get("district"),
        number(row.get("lat"), "lat"),
        number(row.get("lon"), "lon"));
  }

  private static double number(String s, String column) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " '" + s + "' is not a number");
    }
  }
}
