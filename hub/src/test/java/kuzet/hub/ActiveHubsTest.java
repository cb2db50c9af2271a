package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kuzet.hub.auth.Argon2Passwords;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.OperatorService;
import kuzet.hub.auth.OperatorStore;
import kuzet.hub.auth.Role;
import kuzet.hub.auth.SessionAccess;
import kuzet.hub.testing.CityHub;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.SseClient;
import kuzet.hub.testing.TestDatabases;
import kuzet.protocol.CommandName;
import kuzet.protocol.PostId;
import kuzet.registry.PostType;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.store.Json;
import kuzet.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two active hubs ({@code store.hubs=active}) on one PostgreSQL database and one broker, each with its own MQTT
 * session in the shared subscriptions: a PANIC that one hub ingests is on the other hub's board, an operator signed
 * in on the other hub (with the session cookie the first hub gave; the first of them in Chromium) acknowledges it there, the post hears PANIC_ACK, the command's ack reaches the hub that sent
 * the command whichever hub the broker gave it to, and the acknowledgement is audited once.
 */
class ActiveHubsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PASSWORD = "duty-password-2026";

  @TempDir
  Path dir;

  private record Session(int port, String cookie, String csrf) {}

  @Test
  @Timeout(240)
  void anOperatorOnOneHubAcknowledgesAPanicTheOtherHubIngested() throws Exception {
    StoreSettings pg = TestDatabases.postgres();
    try (JdbcPostRegistry registry = JdbcPostRegistry.open(pg)) {
      for (int i = 1; i <= 4; i++) {
        registry.register(new RegisteredPost(new PostId("alatau-a" + i), PostType.MODULAR_POST, "Uzhet " + i, "Alatau",
            43.2, 76.9, Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
      }
    }
    try (OperatorStore store = OperatorStore.open(pg)) {
      new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, java.time.Clock.systemUTC())
          .create("test", "aigerim", Role.OPERATOR, PASSWORD);
    }
    List<FakePost> posts = new ArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         CityHub a = new CityHub(dir, "hub-a", broker.url(), pg, active("hub-a"));
         CityHub b = new CityHub(dir, "hub-b", broker.url(), pg, active("hub-b"))) {
      a.start();
      b.start();
      await("both hubs serve").atMost(Duration.ofSeconds(150)).until(() -> a.health() == 200 && b.health() == 200);
      for (int i = 1; i <= 4; i++) {
        posts.add(new FakePost(broker.url(), "alatau-a" + i, "boot-1", 30));
      }
      // one sign-in, on hub A; the browser then goes to hub B with the same cookie (a load balancer, not sticky)
      Session onA = signIn(a.httpPort());
      Session onB = new Session(b.httpPort(), onA.cookie(), onA.csrf());

      // four PANICs: the shared subscription gives each to one hub, so both hubs ingest some
      List<UUID> incidents = new ArrayList<>();
      for (FakePost post : posts) {
        UUID incident = UUID.randomUUID();
        incidents.add(incident);
        post.publish(post.panic(incident), false);
      }
      for (int i = 0; i < posts.size(); i++) {
        FakePost post = posts.get(i);
        UUID incident = incidents.get(i);
        await("PANIC_RECEIVED at " + i).atMost(Duration.ofSeconds(30)).until(() -> post.commands.stream()
            .anyMatch(c -> c.name() == CommandName.PANIC_RECEIVED && incident.equals(c.incidentId())));
      }
      await("every PANIC on both boards").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(panicIds(onA)).hasSize(4).isEqualTo(panicIds(onB));
      });
      assertThat(ingestedPanics(a) + ingestedPanics(b)).as("each PANIC ingested by one hub").isEqualTo(4);
      assertThat(ingestedPanics(a)).as("the broker gave hub A its share").isPositive();

      // the operator on hub B acknowledges each, hub A's as well as its own: the first of hub A's in a real browser
      boolean browserUsed = false;
      for (int i = 0; i < posts.size(); i++) {
        UUID incident = incidents.get(i);
        String alert = alertOf(onB, incident);
        if (!browserUsed && a.logText().contains("alert PANIC " + alert + " opened") && Chromium.available()) {
          acknowledgeInBrowser(b.httpPort(), alert);
          browserUsed = true;
        } else {
          HttpResponse<String> ack = send(onB, "POST", "/api/alerts/" + alert + "/ack", "{\"note\":\"on my way\"}");
          assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        }
        FakePost post = posts.get(i);
        await("PANIC_ACK at " + i).atMost(Duration.ofSeconds(10)).until(() -> post.commands.stream()
            .anyMatch(c -> c.name() == CommandName.PANIC_ACK && incident.equals(c.incidentId())));
        await("acknowledged on hub A's board too").atMost(Duration.ofSeconds(10))
            .until(() -> state(onA, alert).equals("ACKNOWLEDGED"));
        assertThat(audited(pg, "ALERT_ACKNOWLEDGED", alert)).as("audited once, by the operator").containsExactly("aigerim");
      }
      // without the relay, the acks the broker gave to hub A would leave hub B's commands timed out
      await("every PANIC_ACK's ack reached hub B, which sent it").atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(commandStatuses(pg, "PANIC_ACK")).containsExactly("ok", "ok", "ok", "ok"));

      // a browser's live stream on hub A breaks; it comes back on hub B with the last event id hub A sent it
      String dispatchedOnA = alertOf(onA, incidents.get(0));
      String dispatchedOnB = alertOf(onA, incidents.get(1));
      String lastSeen;
      try (SseClient stream = new SseClient("http://127.0.0.1:" + a.httpPort() + "/api/stream", null,
          "Cookie", onA.cookie())) {
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.status == 200);
        assertThat(send(onA, "POST", "/api/alerts/" + dispatchedOnA + "/dispatch", "{}").statusCode()).isEqualTo(200);
        await("hub A streams its own change").atMost(Duration.ofSeconds(10)).until(() -> stream.named("alert").stream()
            .anyMatch(e -> e.data().contains(dispatchedOnA) && e.data().contains("dispatchedAt\":\"")));
        lastSeen = stream.events.get(stream.events.size() - 1).id();
      }
      assertThat(send(onB, "POST", "/api/alerts/" + dispatchedOnB + "/dispatch", "{}").statusCode()).isEqualTo(200);
      try (SseClient resumed = new SseClient("http://127.0.0.1:" + b.httpPort() + "/api/stream", lastSeen,
          "Cookie", onB.cookie())) {
        await("hub B replays what the browser missed").atMost(Duration.ofSeconds(10))
            .until(() -> resumed.named("alert").stream().anyMatch(e -> e.data().contains(dispatchedOnB)
                && e.data().contains("dispatchedAt\":\"")));
      }

      // signed out on hub A: hub B stops honouring the cookie within its confirmation interval
      assertThat(send(onA, "DELETE", "/api/session", null).statusCode()).isIn(200, 204);
      await("signed out everywhere").atMost(Duration.ofSeconds(20))
          .until(() -> send(onB, "GET", "/api/alerts", null).statusCode() == 401);

      // the duty: the hub holding it reminds of an unacknowledged PANIC; killed, the other hub reminds on
      Session viewer = signIn(b.httpPort());
      String duty = dutyHub(viewer);
      CityHub onDuty = duty.equals("hub-a") ? a : b;
      CityHub other = onDuty == a ? b : a;
      Session survivor = onDuty == a ? viewer : signIn(a.httpPort());
      UUID unacknowledged = UUID.randomUUID();
      posts.get(0).publish(posts.get(0).panic(unacknowledged), false);
      await("reminders from the hub on duty").atMost(Duration.ofSeconds(30))
          .until(() -> reminders(pg, unacknowledged).size() >= 2);
      onDuty.kill();
      UUID afterKill = UUID.randomUUID();
      FakePost second = posts.get(1);
      var press = second.panic(afterKill);
      second.publish(press, false);
      await("the survivor answers a PANIC pressed as the other hub dies").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(2)).until(() -> {
            boolean answered = second.commands.stream()
                .anyMatch(c -> c.name() == CommandName.PANIC_RECEIVED && afterKill.equals(c.incidentId()));
            if (!answered) {
              second.publish(press, false); // as the agent does until it hears PANIC_RECEIVED
            }
            return answered;
          });
      int beforeKill = reminders(pg, unacknowledged).size();
      await("the survivor takes the duty and reminds on").atMost(Duration.ofSeconds(30))
          .until(() -> reminders(pg, unacknowledged).size() >= beforeKill + 2);
      List<Integer> numbers = reminders(pg, unacknowledged);
      assertThat(numbers).as("numbered on from where the dead hub stopped, none repeated, none skipped")
          .isEqualTo(java.util.stream.IntStream.rangeClosed(1, numbers.size()).boxed().toList());
      assertThat(dutyHub(survivor)).isEqualTo(other == a ? "hub-a" : "hub-b");
    } finally {
      for (FakePost p : posts) {
        p.close();
      }
    }
  }

  /** Signs in on the hub's board in Chromium, finds the alert (raised by the other hub) and clicks acknowledge. */
  private void acknowledgeInBrowser(int port, String alert) throws Exception {
    try (Chromium browser = new Chromium(java.nio.file.Files.createDirectories(dir.resolve("chromium")))) {
      browser.signIn("http://127.0.0.1:" + port, "aigerim", PASSWORD);
      String card = "#alert-list li[data-alert-id='" + alert + "']";
      browser.waitUpTo(Duration.ofSeconds(20)).until(d -> !browser.findAll(card).isEmpty());
      browser.click(card + " button[data-action='ack']");
      browser.waitUpTo(Duration.ofSeconds(20)).until(d -> browser.read(card).state().equals("ACKNOWLEDGED"));
      browser.screenshot("active-hubs-acknowledged-on-hub-b");
    }
  }

  private static List<String> active(String hubId) {
    // reminders every 2 s, so that the duty's takeover falls between reminders
    return List.of("store.hubs=active", "mqtt.clientId=_kuzet-" + hubId,
        "escalation.critical.steps=district-inspector:0", "escalation.critical.reminderS=2");
  }

  /** The hub that holds the duty, as /api/hubs says. */
  private static String dutyHub(Session s) throws Exception {
    HttpResponse<String> r = send(s, "GET", "/api/hubs", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    for (JsonNode h : Json.MAPPER.readTree(r.body()).path("hubs")) {
      if (h.path("role").asText().equals("duty")) {
        return h.path("hubId").asText();
      }
    }
    return "none";
  }

  /** The numbers of the reminders in the stored history of the incident's alert, in order. */
  private static List<Integer> reminders(StoreSettings pg, UUID incident) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT json FROM alerts WHERE type = 'PANIC' AND json LIKE ?")) {
      ps.setString(1, "%" + incident + "%");
      List<Integer> numbers = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (JsonNode h : Json.MAPPER.readTree(rs.getString(1)).path("history")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^reminder (\\d+):").matcher(h.path("detail").asText());
            if (m.find()) {
              numbers.add(Integer.parseInt(m.group(1)));
            }
          }
        }
      }
      return numbers;
    }
  }

  private static Session signIn(int port) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"aigerim\",\"password\":\"" + PASSWORD + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new Session(port, cookie.substring(0, cookie.indexOf(';')),
        Json.MAPPER.readTree(r.body()).path("csrfToken").asText());
  }

  private static HttpResponse<String> send(Session s, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
        .header("Cookie", s.cookie()).header(SessionAccess.CSRF_HEADER, s.csrf()).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode alerts(Session s) throws Exception {
    HttpResponse<String> r = send(s, "GET", "/api/alerts", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  private static List<String> panicIds(Session s) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode a : alerts(s)) {
      if (a.path("type").asText().equals("PANIC")) {
        ids.add(a.path("id").asText());
      }
    }
    ids.sort(null);
    return ids;
  }

  private static String alertOf(Session s, UUID incident) throws Exception {
    for (JsonNode a : alerts(s)) {
      if (incident.toString().equals(a.path("incidentId").asText())) {
        return a.path("id").asText();
      }
    }
    throw new AssertionError("no alert for incident " + incident + " on the hub at port " + s.port());
  }

  private static String state(Session s, String alert) throws Exception {
    for (JsonNode a : alerts(s)) {
      if (a.path("id").asText().equals(alert)) {
        return a.path("state").asText();
      }
    }
    return "absent";
  }

  /** How many PANIC alerts this hub raised itself, from its log. */
  private static long ingestedPanics(CityHub hub) throws Exception {
    return hub.logText().lines().filter(l -> l.contains("alert PANIC") && l.contains("opened for post")).count();
  }

  private static List<String> audited(StoreSettings pg, String action, String target) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT actor FROM audit WHERE action = ? AND target = ?")) {
      ps.setString(1, action);
      ps.setString(2, target);
      List<String> actors = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          actors.add(rs.getString(1));
        }
      }
      return actors;
    }
  }

  private static List<String> commandStatuses(StoreSettings pg, String name) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
         PreparedStatement ps = c.prepareStatement("SELECT status FROM commands WHERE name = ? ORDER BY status")) {
      ps.setString(1, name);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
