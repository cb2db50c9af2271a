package kuzet.hub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kuzet.hub.alert.AlertService;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.hub.testing.TestPosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The benchmark splits a PANIC's way to the board at the hub's "alert opened" log line: a hub whose wording or log
 * pattern changed would leave the harness printing no split at all, so a real hub's line, written with the pattern the
 * hub ships, must read as a press here.
 */
class PressLogTest {
  @TempDir
  Path dir;

  @Test
  void aRealHubsAlertOpenedLineInTheShippedLogPatternReadsAsAPressWithItsDelay() throws Exception {
    Path log = dir.resolve("hub.log");
    Logger logger = (Logger) LoggerFactory.getLogger(AlertService.class);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(logger.getLoggerContext());
    encoder.setPattern(shippedPattern());
    encoder.start();
    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(logger.getLoggerContext());
    file.setFile(log.toString());
    file.setEncoder(encoder);
    file.start();
    logger.addAppender(file);
    String post = TestPosts.id(PanicProbe.PREFIX, 7).value();
    Instant from = Instant.now().minusSeconds(1);
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of()).register(post).start();
         FakePost panicking = new FakePost(broker.url(), post, "boot-1", 30)) {
      panicking.publish(panicking.panic(UUID.randomUUID()), false);
      await().atMost(Duration.ofSeconds(30)).until(() -> PressLog.pressToRaisedMs(log, from).length == 1);
    } finally {
      logger.detachAppender(file);
      file.stop();
    }
    assertThat(PressLog.pressToRaisedMs(log, from)[0]).as("press to alert opened, ms").isBetween(0.0, 30_000.0);
    assertThat(PressLog.pressToRaisedMs(log, Instant.now().plusSeconds(60))).as("presses before the window")
        .isEmpty();
  }

  private static String shippedPattern() throws Exception {
    try (InputStream in = PressLogTest.class.getResourceAsStream("/logback.xml")) {
      Matcher m = Pattern.compile("<pattern>(.*?)</pattern>").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(m.find()).as("the hub's logback.xml has a pattern").isTrue();
      return m.group(1);
    }
  }
}
