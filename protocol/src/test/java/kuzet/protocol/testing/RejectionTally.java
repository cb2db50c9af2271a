package kuzet.protocol.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a fuzz target did with each input (accepted as which record, or rejected for which reason),
 * so a long run can report its figures, and writes them to {@code target/fuzz-report/NAME.txt}.
 */
public final class RejectionTally {
  private final String name;
  private final long startNanos = System.nanoTime();
  private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

  public RejectionTally(String name) {
    this.name = name;
  }

  public void accepted(String what) {
    accepted.computeIfAbsent(what, k -> new LongAdder()).increment();
  }

  public void rejected(String reason) {
    rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  /**
   * A stable reason from a free-text error message, for counting: what is between the first and the last
   * quote (the caller's values, which may hold quotes or colons themselves), then anything after ": " (a parser's
   * detail) and numbers are dropped, so "field 'x' is 3001 characters" and "field 'y' is 5000 characters" count as one.
   */
  public static String shape(String message) {
    String m = message == null ? "(no message)" : message;
    int first = m.indexOf('\'');
    int last = m.lastIndexOf('\'');
    if (first >= 0 && last > first) {
      m = m.substring(0, first) + "'…'" + m.substring(last + 1);
    }
    int colon = m.indexOf(": ");
    if (colon > 0) {
      m = m.substring(0, colon);
    }
    return m.replaceAll("[0-9]+", "N");
  }

  public long total() {
    return sum(accepted) + sum(rejected);
  }

  public String describe() {
    long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
    StringBuilder b = new StringBuilder();
    b.append(name).append(": ").append(total()).append(" inputs in ").append(seconds).append(" s, ")
        .append(sum(accepted)).append(" accepted, ").append(sum(rejected)).append(" rejected\n");
    new TreeMap<>(accepted).forEach((k, v) -> b.append("  accepted ").append(k).append(": ").append(v.sum()).append('\n'));
    new TreeMap<>(rejected).forEach((k, v) -> b.append("  rejected ").append(k).append(": ").append(v.sum()).append('\n'));
    return b.toString();
  }

  /** Prints the figures and writes them under {@code target/fuzz-report}; call from {@code @AfterAll}. */
  public void report() {
    String text = describe();
    System.out.print(text);
    try {
      Path dir = Path.of("target", "fuzz-report");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".txt"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sum(Map<String, LongAdder> m) {
    return m.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
