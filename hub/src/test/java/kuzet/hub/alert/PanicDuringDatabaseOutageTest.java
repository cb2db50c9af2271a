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
import java.util.ArrayList;
import java.util.List;
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
 * The hub's PostgreSQL is unreachable for 30 s (the network to it is cut) while residents press the button at its
 * start, middle and end: the board shows each PANIC at once from memory, /health says the database is DOWN, no post
 * is told PANIC_RECEIVED while its PANIC could still be lost, and when the database is back every PANIC is stored,
 * once, and every post hears PANIC_RECEIVED.
 */
class PanicDuringDatabaseOutageTest {
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final int PRESSES = 3;

  @TempDir
  Path dir;

  @Test
  void aPanicDuringADatabaseOutageReachesTheBoardAndIsStoredAndConfirmedWhenTheDatabaseReturns() throws Exception {
    StoreSettings pg = TestDatabases.postgres();
    List<UUID> incidents = new ArrayList<>();
    try (TcpProxy network = new TcpProxy("127.0.0.1", TestDatabases.serverPort())) {
      Map<String, String> keys = new HashMap<>(TestDatabases.configKeys(
          TestDatabases.through(pg, network.port(), Duration.ofMillis(1000))));
      keys.put("store.connectionTimeoutMs", "1000");
      List<FakePost> posts = new ArrayList<>();
      try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
           HubHarness hub = new HubHarness(dir.resolve("hub"), broker, keys)
               .register("alatau-o0", "alatau-o1", "alatau-o2").start()) {
        for (int i = 0; i < PRESSES; i++) {
          posts.add(new FakePost(broker.url(), "alatau-o" + i, "boot-1", 30));
        }
        network.cut();
        long cutAt = System.nanoTime();
        for (int i = 0; i < PRESSES; i++) {
          long pressAt = cutAt + OUTAGE.toNanos() * i / PRESSES;
          await().atMost(OUTAGE).until(() -> System.nanoTime() >= pressAt);
          UUID incident = UUID.randomUUID();
          incidents.add(incident);
          posts.get(i).publish(posts.get(i).panic(incident), false);
          await("on the board from memory").atMost(Duration.ofSeconds(5))
              .until(() -> hub.get("/api/alerts").body().contains(incident.toString()));
          if (i == 0) {
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/health").status() == 503);
            assertThat(hub.get("/health").body()).contains("\"database\":\"DOWN\"");
          }
        }
        await().during(OUTAGE.minusNanos(System.nanoTime() - cutAt)).atMost(OUTAGE.plusSeconds(5))
            .until(() -> posts.stream().flatMap(p -> p.commands.stream())
                .noneMatch(c -> c.name() == CommandName.PANIC_RECEIVED));

        network.restore();
        for (int i = 0; i < PRESSES; i++) {
          FakePost post = posts.get(i);
          UUID incident = incidents.get(i);
          await().atMost(Duration.ofSeconds(30)).until(() -> post.commands.stream()
              .anyMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId())));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.get("/health").status() == 200);
      } finally {
        posts.forEach(FakePost::close);
      }
    }
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE type = 'PANIC' AND json LIKE ?")) {
      for (UUID incident : incidents) {
        ps.setString(1, "%" + incident + "%");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).as("the PANIC is in the database, once").isEqualTo(1);
        }
      }
    }
  }
}
