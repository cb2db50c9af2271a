package kuzet.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import kuzet.protocol.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
  @Test
  void floodIsLoggedOncePerIntervalWithTheNumberSuppressed() {
    Logger logger = (Logger) LoggerFactory.getLogger("rate-limit-test");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T18:00:00Z"));
    RateLimitedLog log = new RateLimitedLog(logger, clock, Duration.ofSeconds(10));

    for (int i = 0; i < 1_000; i++) {
      log.warn("bad message {}", i);
    }
    clock.advance(Duration.ofSeconds(11));
    log.warn("bad message {}", "last");

    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("bad message 0", "(999 similar messages suppressed) bad message last");
  }
}
