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
 * The city's shape on one machine: two active hub processes on PostgreSQL ({@code store.hubs=active}), one on each
 * node of a two-node Artemis cluster, sharing the posts' messages through MQTT 5 shared subscriptions, and 100 posts
 * split across the nodes. 1,000 PANICs are pressed while hub A is killed with SIGKILL halfway and started again. Each post resends a PANIC with the same event id until it hears PANIC_RECEIVED, as
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
  void thousandPanicsWhileOneOfTwoActiveHubsIsKilledMakeThousandAlertsAndEveryPostIsAnswered() throws Exception {
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
         CityHub a = new CityHub(dir, "hub-a", cluster.urls(1), pg, active("hub-a"));
         CityHub b = new CityHub(dir, "hub-b", cluster.urls(2), pg, active("hub-b"))) {
      a.start();
      b.start();
      await("both hubs serve").atMost(Duration.ofSeconds(150)).until(() -> a.health() == 200 && b.health() == 200);
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
      await("hub A back").atMost(Duration.ofSeconds(60)).until(() -> a.health() == 200);
      assertThat(opened(a)).as("hub A ingested its share").isPositive();
      assertThat(opened(b)).as("hub B ingested its share").isPositive();

      Map<String, Integer> alertsPerIncident = panicAlertsPerIncident(pg);
      assertThat(alertsPerIncident).as("one alert for each press").hasSize(ROUNDS * POSTS);
      assertThat(alertsPerIncident.keySet()).containsExactlyInAnyOrderElementsOf(
          presses.keySet().stream().map(UUID::toString).toList());
      assertThat(alertsPerIncident.values()).as("none duplicated").allMatch(n -> n == 1);
    } finally {
      posts.forEach(FakePost::close);
    }
  }

  private static List<String> active(String hubId) {
    return List.of("store.hubs=active", "mqtt.clientId=_kuzet-" + hubId);
  }

  /** The PANIC alerts a hub opened itself, from its logs (both starts). */
  private static long opened(CityHub hub) throws Exception {
    long n = 0;
    try (var logs = java.nio.file.Files.list(hub.log().getParent())) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(hub.hubId() + "-")
          && p.toString().endsWith(".log")).toList()) {
        n += java.nio.file.Files.readAllLines(log).stream()
            .filter(l -> l.contains("alert PANIC") && l.contains("opened for post")).count();
      }
    }
    return n;
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
