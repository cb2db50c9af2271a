package kuzet.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.hub.testing.TestDatabases;
import kuzet.protocol.CommandAck;
import kuzet.protocol.PostId;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.store.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Acks passed on between active hubs through a real PostgreSQL NOTIFY: what does not read as an ack is skipped. */
@ExtendWith(VertxExtension.class)
class AckRelayTest {
  @TempDir
  Path dir;

  private Vertx vertx;

  private final Logger logger = (Logger) LoggerFactory.getLogger(AckRelay.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void vertx(Vertx vertx) { // closed after each test by VertxExtension
    this.vertx = vertx;
  }

  @AfterEach
  void close() {
    logger.detachAppender(lines);
  }

  @Test
  void aPayloadThatIsNoAckIsLoggedAndSkippedAndTheNextAckStillArrives() throws Exception {
    lines.start();
    logger.addAppender(lines);
    try (Database db = Database.open(TestDatabases.fresh(Dialect.POSTGRESQL, dir))) {
      List<CommandAck> relayed = new CopyOnWriteArrayList<>();
      try (AckRelay relay = AckRelay.listen(vertx.getOrCreateContext(), db, "hub-b", relayed::add)) {
        CommandAck ack = new CommandAck(PostId.of("alatau-001"), Instant.parse("2026-11-24T18:02:01Z"), "b1", 4,
            UUID.randomUUID(), true, null, Map.of());
        // the listener may not be listening yet: announce a probe until one gets through (more may follow, which
        // is why it is not the ack under test), then send the bad ones
        CommandAck probe = new CommandAck(PostId.of("alatau-001"), Instant.parse("2026-11-24T18:02:00Z"), "b1", 3,
            UUID.randomUUID(), true, null, Map.of());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
          notify(db, Json.write(probe));
          return !relayed.isEmpty();
        });
        notify(db, "not json at all");
        notify(db, "{\"postId\":\"alatau-001\",\"ok\":true}");
        notify(db, Json.write(ack));

        await().atMost(Duration.ofSeconds(10)).until(() -> relayed.contains(ack));
        Thread.sleep(300);
        assertThat(relayed).filteredOn(a -> !a.equals(probe)).as("only the ack, once").containsExactly(ack);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
            .filteredOn(m -> m.startsWith("ignored an ack another hub passed on that does not read as one"))
            .hasSize(2);
      }
    }
  }

  private static void notify(Database db, String payload) {
    db.callAndWait((Connection c) -> {
      db.dialect().notify(c, AckRelay.CHANNEL, payload);
      return null;
    });
  }
}
