package kuzet.hub.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk tail of the telemetry buffer: a directory of immutable segment files, oldest first,
 * each holding one batch of line-protocol lines. A segment is written to a temporary name, forced to
 * disk and renamed, so a crash leaves either the whole segment or none; it is deleted only after the
 * store has taken it. Past {@code maxBytes} the oldest segments are deleted and their points counted
 * as dropped, exactly, because every segment knows how many lines it holds.
 *
 * <p>Used by one thread only (the writer's), so it needs no locking of its own.
 */
final class SpillSegments {

  private static final Logger LOG = LoggerFactory.getLogger(SpillSegments.class);
  private static final String SUFFIX = ".lp";

  record Segment(Path file, int points, long bytes) {}

  private final Path dir;
  private final long maxBytes;
  private final Deque<Segment> segments = new ArrayDeque<>();
  private long nextId;
  // read by metrics scrapes on other threads
  private volatile long bytes;
  private volatile long points;

  SpillSegments(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String name = f.getFileName().toString();
          if (name.endsWith(".tmp")) {
            Files.deleteIfExists(f); // a spill cut short by a crash: its points were still in memory
          } else if (name.endsWith(SUFFIX)) {
            adopt(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open telemetry spill directory " + dir, e);
    }
    if (!segments.isEmpty()) {
      LOG.info("Telemetry spill {} holds {} points from before the last stop; they will be written", dir, points);
    }
  }

  private void adopt(Path f) throws IOException {
    long id = Long.parseLong(f.getFileName().toString().replace(SUFFIX, ""));
    nextId = Math.max(nextId, id + 1);
    int lines;
    try (Stream<String> s = Files.lines(f, StandardCharsets.UTF_8)) {
      lines = (int) s.filter(l -> !l.isEmpty()).count();
    }
    add(new Segment(f, lines, Files.size(f)));
  }

  private void add(Segment s) {
    segments.addLast(s);
    bytes += s.bytes;
    points += s.points;
  }

  /**
   * Writes {@code lines} as the newest segment, then evicts the oldest segments while over the bound.
   *
   * @return how many points were evicted (dropped) to stay within the bound
   */
  long append(List<String> lines) {
    if (lines.isEmpty()) {
      return 0;
    }
    String content = String.join("\n", lines) + "\n";
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve(String.format("%019d%s", nextId++, SUFFIX));
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill telemetry to " + tmp, e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill telemetry to " + file, e);
    }
    add(new Segment(file, lines.size(), data.length));
    long evicted = 0;
    while (bytes > maxBytes && !segments.isEmpty()) {
      Segment oldest = segments.peekFirst();
      evicted += oldest.points;
      remove(oldest);
    }
    return evicted;
  }

  /** The oldest segment, not removed: it goes only once the store has it. Null when empty. */
  Segment oldest() {
    return segments.peekFirst();
  }

  List<String> read(Segment s) {
    try (Stream<String> lines = Files.lines(s.file, StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read telemetry spill segment " + s.file, e);
    }
  }

  void remove(Segment s) {
    if (segments.remove(s)) {
      bytes -= s.bytes;
      points -= s.points;
    }
    try {
      Files.deleteIfExists(s.file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete telemetry spill segment " + s.file, e);
    }
  }

  long points() {
    return points;
  }

  long bytes() {
    return bytes;
  }
}
