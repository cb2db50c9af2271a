package kuzet.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.store.Json;
import kuzet.store.StoreSettings;
import kuzet.hub.testing.CityHub;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.TestDatabases;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.PostId;
import kuzet.protocol.testing.ArtemisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The city's shape on one machine: two hub processes on PostgreSQL (one active, one standby), a two-node Artemis
 * cluster, 100 posts split across the nodes. 1,000 PANICs are pressed while the active hub is killed with SIGKILL
 * halfway and started again. Each post resends a PANIC with the same event id until it hears PANIC_RECEIVED, as
 * the agent does: every press ends as exactly one stored alert, and every post is answered for every incident.
 */
class HubKilledDuringPanicsTest {
  private static final int POSTS = 100;
  private static final int ROUNDS = 10;

  @TempDir
  Path dir;

  private record Press(FakePost post, Event event) {}

  @Test
  @Timeout(420)
  void thousandPanicsWhileTheActiveHubIsKilledMakeThousandAlertsAndEveryPostIsAnswered() throws Exception {
    StoreSettings pg = TestDatabases.postgres();
    List<String> ids = new ArrayList<>();
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(pg)) {
      for (int i = 0; i < POSTS; i++) {
        String id = String.format("alatau-k%03d", i);
        ids.add(id);
        registry.register(new RegisteredPost(new PostId(id), PostType.MODULAR_POST, "Uzhet " + i, "Alatau",
            43.2 + i * 0.001, 76.9, Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
      }
    }
    List<FakePost> posts = new ArrayList<>();
    try (ArtemisCluster cluster = ArtemisCluster.start(dir.resolve("artemis"));
         CityHub a = new CityHub(dir, "hub-a", cluster.urls(1), pg, List.of());
         CityHub b = new CityHub(dir, "hub-b", cluster.urls(1), pg, List.of())) {
      a.start();
      await("hub A active").atMost(Duration.ofSeconds(90)).until(() -> a.health() == 200);
      b.start();
      await("hub B waits as a standby").atMost(Duration.ofSeconds(60)).until(b::standing);
      for (int i = 0; i < POSTS; i++) {
        posts.add(new FakePost(cluster.url(1 + i % 2), ids.get(i), "boot-1", 30));
      }
      await("every post sees the hub, on either node").atMost(Duration.ofSeconds(60))
          .until(() -> posts.stream().allMatch(FakePost::hubOnline));

      Map<UUID, Press> presses = new ConcurrentHashMap<>();
      for (int round = 0; round < ROUNDS; round++) {
        if (round == ROUNDS / 2) {
          a.kill();
          a.start();
        }
        for (FakePost post : posts) {
          UUID incident = UUID.randomUUID();
          Press p = new Press(post, post.panic(incident));
          presses.put(incident, p);
          post.publish(p.event(), false);
        }
      }
      long pressed = System.nanoTime();
      await("every post answered for every incident").atMost(Duration.ofSeconds(240))
          .pollInterval(Duration.ofSeconds(5)).until(() -> {
            List<UUID> unanswered = unanswered(presses);
            // as the agent: an unanswered PANIC is sent again, with the same event id
            unanswered.forEach(i -> presses.get(i).post().publish(presses.get(i).event(), false));
            return unanswered.isEmpty();
          });
      System.out.println("1,000 PANICs with the active hub killed midway: all answered "
          + Duration.ofNanos(System.nanoTime() - pressed).toMillis() + " ms after the last press");
      await("hub A back as the standby").atMost(Duration.ofSeconds(60)).until(a::standing);

      Map<String, Integer> alertsPerIncident = panicAlertsPerIncident(pg);
      assertThat(alertsPerIncident).as("one alert for each press").hasSize(ROUNDS * POSTS);
      assertThat(alertsPerIncident.keySet()).containsExactlyInAnyOrderElementsOf(
          presses.keySet().stream().map(UUID::toString).toList());
      assertThat(alertsPerIncident.values()).as("none duplicated").allMatch(n -> n == 1);
    } finally {
      posts.forEach(FakePost::close);
    }
  }

  private static List<UUID> unanswered(Map<UUID, Press> presses) {
    List<UUID> out = new ArrayList<>();
    presses.forEach((incident, p) -> {
      if (p.post().commands.stream()
          .noneMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId()))) {
        out.add(incident);
      }
    });
    return out;
  }

  private static Map<String, Integer> panicAlertsPerIncident(StoreSettings pg) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT json FROM alerts WHERE type = 'PANIC'");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        JsonNode alert = Json.MAPPER.readTree(rs.getString(1));
        counts.merge(alert.path("incidentId").asText(), 1, Integer::sum);
      }
    }
    return counts;
  }
}
