package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import kuzet.store.Json;
import java.util.UUID;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.store.StoreSettings;
import kuzet.hub.testing.CityHub;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.TestDatabases;
import kuzet.protocol.CommandName;
import kuzet.protocol.PostId;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub processes on one PostgreSQL database and one broker: one active, one standby. The active one is killed
 * with SIGKILL while it reminds of an unacknowledged PANIC, and a resident presses the button right then: the
 * standby takes over, resumes the broker session the dead hub left (same MQTT client id, never connected twice
 * thanks to the lease), stores the new PANIC once and answers the post, and goes on reminding of the first PANIC,
 * numbered on from where the dead hub stopped, none repeated.
 */
class StandbyTakeoverTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(300)
  void theStandbyAnswersAPanicPressedAsTheActiveHubDiesAndRemindsOnWhereItStopped() throws Exception {
    StoreSettings pg = TestDatabases.postgres();
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(pg)) {
      registry.register(new RegisteredPost(new PostId("alatau-s1"), PostType.MODULAR_POST, "Uzhet", "Alatau", 43.2,
          76.9, Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
    }
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         FakePost post = new FakePost(broker.url(), "alatau-s1", "boot-1", 30);
         CityHub a = new CityHub(dir, "hub-a", broker.url(), pg, REMIND_EVERY_2_S);
         CityHub b = new CityHub(dir, "hub-b", broker.url(), pg, REMIND_EVERY_2_S)) {
      a.start();
      await("hub A active").atMost(Duration.ofSeconds(90)).until(() -> a.health() == 200);
      b.start();
      try {
        // its start shares the machine with two other test JVMs and hub A
        await("hub B waits as a standby").atMost(Duration.ofSeconds(120)).until(b::standing);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        String log = b.logText();
        throw new AssertionError("hub B never said it waits as a standby; the end of its log:\n"
            + log.substring(Math.max(0, log.length() - 4_000)), e);
      }
      assertThat(b.health()).as("a standby serves nothing").isEqualTo(-1);

      UUID unacknowledged = UUID.randomUUID();
      post.publish(post.panic(unacknowledged), false);
      await("hub A reminds of the unacknowledged PANIC").atMost(Duration.ofSeconds(60))
          .until(() -> reminders(pg, unacknowledged).size() >= 2);
      a.kill();
      long killed = System.nanoTime();
      UUID incident = UUID.randomUUID();
      post.publish(post.panic(incident), false);

      await("PANIC_RECEIVED from hub B").atMost(Duration.ofSeconds(120)).until(() -> post.commands.stream()
          .anyMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId())));
      Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
      System.out.println("standby takeover: SIGKILL of the active hub to PANIC_RECEIVED from the standby in "
          + takeover.toMillis() + " ms");
      assertThat(b.health()).isEqualTo(200);
      assertThat(panicAlerts(pg, incident)).as("one alert, stored").isEqualTo(1);

      int beforeKill = reminders(pg, unacknowledged).size();
      await("hub B reminds on").atMost(Duration.ofSeconds(30))
          .until(() -> reminders(pg, unacknowledged).size() >= beforeKill + 2);
      List<Integer> numbers = reminders(pg, unacknowledged);
      assertThat(numbers).as("numbered on from where hub A stopped, none repeated, none skipped")
          .isEqualTo(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
    }
  }

  /** Escalation reminders every 2 s, so that a takeover falls between reminders. */
  private static final List<String> REMIND_EVERY_2_S = List.of(
      "escalation.critical.steps=district-inspector:0", "escalation.critical.reminderS=2");

  /** The numbers of the reminders in the stored history of the incident's alert, in order. */
  private static List<Integer> reminders(StoreSettings pg, UUID incident) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT json FROM alerts WHERE type = 'PANIC' AND json LIKE ?")) {
      ps.setString(1, "%" + incident + "%");
      try (ResultSet rs = ps.executeQuery()) {
        List<Integer> numbers = new ArrayList<>();
        while (rs.next()) {
          for (JsonNode h : Json.MAPPER.readTree(rs.getString(1)).path("history")) {
            Matcher m = REMINDER.matcher(h.path("detail").asText());
            if (m.find()) {
              numbers.add(Integer.parseInt(m.group(1)));
            }
          }
        }
        return numbers;
      }
    }
  }

  private static final Pattern REMINDER = Pattern.compile("^reminder (\\d+):");

  private static int panicAlerts(StoreSettings pg, UUID incident) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE type = 'PANIC' AND json LIKE ?")) {
      ps.setString(1, "%" + incident + "%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
