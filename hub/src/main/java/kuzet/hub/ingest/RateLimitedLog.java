package kuzet.hub.ingest;

import kuzet.hub.logging.LogText;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Logs at most one line per interval and says how many were suppressed in between, so a flood of bad
 * messages cannot flood the log (or slow ingest down with I/O).
 */
final class RateLimitedLog {
  private final Logger log;
  private final Clock clock;
  private final Duration interval;
  private Instant next = Instant.MIN;
  private long suppressed;

  RateLimitedLog(Logger log, Clock clock, Duration interval) {
    this.log = log;
    this.clock = clock;
    this.interval = interval;
  }

  /** String arguments come from the network (topics, decoder messages), so they are cleaned for the log. */
  void warn(String format, Object... raw) {
    Object[] args = new Object[raw.length];
    for (int i = 0; i < raw.length; i++) {
      args[i] = raw[i] instanceof String s ? LogText.clean(s) : raw[i];
    }
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      suppressed++;
      return;
    }
    next = now.plus(interval);
    if (suppressed > 0) {
      log.warn("({} similar messages suppressed) " + format, prepend(suppressed, args));
      suppressed = 0;
    } else {
      log.warn(format, args);
    }
  }

  private static Object[] prepend(long n, Object[] args) {
    Object[] out = new Object[args.length + 1];
    out[0] = n;
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }
}
