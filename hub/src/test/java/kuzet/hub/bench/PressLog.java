package kuzet.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Splits a PANIC's way to the board in two with the hub's own log: the hub logs each alert it opens, on its event
 * loop, with the time of the press the post reported ({@code AlertService}: "alert PANIC ... opened for post ...:
 * panic button pressed at ..."). Press to that line is the way in (broker, MQTT client, the hub's queues, garbage
 * collection pauses); the rest of the probe's figure is the way out to the SSE client.
 */
final class PressLog {
  /** The log's time of day (logback: HH:mm:ss.SSS, the hub's time zone) and the press's instant. */
  private static final Pattern OPENED = Pattern.compile(
      "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*alert PANIC \\S+ opened for post " + PanicProbe.PREFIX
          + "-\\d+: panic button pressed at (\\S+Z)");
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private PressLog() {}

  /** Milliseconds from each press at or after {@code from} to the hub's log line opening its alert, sorted. */
  static double[] pressToRaisedMs(Path hubLog, Instant from) throws IOException {
    ZoneId zone = ZoneId.systemDefault();
    try (Stream<String> lines = Files.lines(hubLog, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      return lines.map(OPENED::matcher).filter(Matcher::find).mapToDouble(m -> {
        Instant pressed = Instant.parse(m.group(2));
        if (pressed.isBefore(from)) {
          return Double.NaN;
        }
        long raisedMs = LocalTime.parse(m.group(1)).toNanoOfDay() / 1_000_000;
        long pressedMs = LocalTime.ofInstant(pressed, zone).toNanoOfDay() / 1_000_000;
        long ms = raisedMs - pressedMs;
        return ms < -DAY_MS / 2 ? ms + DAY_MS : ms; // a press just before midnight, opened just after
      }).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }
  }
}
