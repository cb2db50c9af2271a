package kuzet.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import kuzet.store.StoreSettings;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TcpProxy;
import kuzet.hub.testing.TestBroker;
import kuzet.hub.testing.TestDatabases;
import kuzet.protocol.CommandName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's PostgreSQL becomes unreachable (the network to it is cut) while a resident presses the button: the
 * board shows the PANIC at once from memory, /health says the database is DOWN, the post is not told
 * PANIC_RECEIVED while the PANIC could still be lost, and when the database is back the PANIC is stored and
 * the post hears PANIC_RECEIVED.
 */
class PanicDuringDatabaseOutageTest {
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  @Test
  void aPanicDuringADatabaseOutageReachesTheBoardAndIsStoredAndConfirmedWhenTheDatabaseReturns() throws Exception {
    StoreSettings pg = TestDatabases.postgres();
    UUID incident = UUID.randomUUID();
    try (TcpProxy network = new TcpProxy("127.0.0.1", TestDatabases.serverPort())) {
      Map<String, String> keys = new HashMap<>(TestDatabases.configKeys(
          TestDatabases.through(pg, network.port(), Duration.ofMillis(1000))));
      keys.put("store.connectionTimeoutMs", "1000");
      try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
           HubHarness hub = new HubHarness(dir.resolve("hub"), broker, keys).register("alatau-o1").start();
           FakePost post = new FakePost(broker.url(), "alatau-o1", "boot-1", 30)) {
        network.cut();
        long cutAt = System.nanoTime();
        post.publish(post.panic(incident), false);

        await().atMost(Duration.ofSeconds(5)).until(() -> hub.get("/api/alerts").body().contains(incident.toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/health").status() == 503);
        assertThat(hub.get("/health").body()).contains("\"database\":\"DOWN\"");
        await().during(OUTAGE.minusNanos(System.nanoTime() - cutAt)).atMost(OUTAGE.plusSeconds(5))
            .until(() -> post.commands.stream().noneMatch(c -> c.name() == CommandName.PANIC_RECEIVED));

        network.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> post.commands.stream()
            .anyMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId())));
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.get("/health").status() == 200);
      }
    }
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE type = 'PANIC' AND json LIKE ?")) {
      ps.setString(1, "%" + incident + "%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("the PANIC is in the database, once").isEqualTo(1);
      }
    }
  }
}
