package kuzet.hub.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.nio.file.Path;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertStore;
import kuzet.hub.alert.Severity;
import kuzet.store.Database;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week of PANIC incidents seeded into the hub's SQLite file (plus some outside the week, in another
 * district, and of other types), reported through the REST endpoint as CSV and HTML.
 */
class IncidentReportTest {

  // the build machine is shared and often saturated: give the broker round trips room, not the defaults' 10 s
  @org.junit.jupiter.api.BeforeAll
  static void patientAwaits() {
    org.awaitility.Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(30));
  }

  @org.junit.jupiter.api.AfterAll
  static void defaultAwaits() {
    org.awaitility.Awaitility.reset();
  }
  /** The week of 16 to 23 November 2026 in Almaty (UTC+5). */
  static final String FROM = "2026-11-16";
  static final String TO = "2026-11-23";
  static final Instant MONDAY = Instant.parse("2026-11-15T19:00:00Z");

  record Seed(String post, String district, long startS, int pressLagS, Integer ackS, Integer dispatchS, Integer resolveS) {}

  static final List<Seed> ALATAU_WEEK = List.of(
      new Seed("alatau-1", "Alatau", 3_600, 2, 20, 60, 900),
      new Seed("alatau-2", "Alatau", 90_000, 1, 45, 120, 1_800),
      new Seed("alatau-1", "Alatau", 200_000, 3, 30, null, 600),
      new Seed("alatau-3", "Alatau", 300_000, 1, 90, 240, 3_000),
      new Seed("alatau-2", "Alatau", 500_000, 2, 15, null, null),
      new Seed("alatau-3", "Alatau", 600_000, 1, null, null, null));
  static final List<Seed> OTHERS = List.of(
      new Seed("bostandyk-1", "Bostandyk", 10_000, 1, 10, 20, 30),
      new Seed("alatau-1", "Alatau", -3_600, 1, 5, 5, 5),
      new Seed("alatau-1", "Alatau", 7 * 86_400 + 60, 1, 5, 5, 5));

  /** Seeds through the hub's own AlertStore, so the rows are exactly what a running hub writes. */
  static void seed(StoreSettings database) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Database db = Database.open(database)) {
      AlertStore store = new AlertStore(db);
      Context ctx = vertx.getOrCreateContext();
      List<Seed> all = new ArrayList<>(ALATAU_WEEK);
      all.addAll(OTHERS);
      for (Seed s : all) {
        UUID incident = UUID.randomUUID();
        Instant received = MONDAY.plusSeconds(s.startS());
        Alert a = Alert.open("PANIC", Severity.CRITICAL, s.post(), "Post " + s.post(), s.district(), incident,
            "PANIC:" + incident, received, "seeded");
        if (s.ackS() != null) {
          a = a.acknowledged(received.plusSeconds(s.ackS()), "operator-a", null);
        }
        if (s.dispatchS() != null) {
          a = a.dispatched(received.plusSeconds(s.dispatchS()), "operator-b", "unit 12");
        }
        if (s.resolveS() != null) {
          a = a.resolved(received.plusSeconds(s.resolveS()), "operator-c", "false alarm, checked");
        }
        store.save(ctx, a).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        db.callAndWait(c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO panic_presses VALUES (?, ?, ?)")) {
            ps.setString(1, incident.toString());
            ps.setString(2, s.post());
            ps.setString(3, received.minusSeconds(s.pressLagS()).toString());
            return ps.executeUpdate();
          }
        });
      }
      store.save(ctx, Alert.open("TAMPER", Severity.CRITICAL, "alatau-1", "Post alatau-1", "Alatau", null,
          "TAMPER:alatau-1", MONDAY.plusSeconds(5_000), "seeded")).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void weeklyReportForOneDistrictHasTheSeededCountsAndResponseTimes(Dialect dialect, @TempDir Path dir) throws Exception {
    Map<String, String> keys = new java.util.HashMap<>(TestDatabases.configKeys(TestDatabases.fresh(dialect, dir)));
    keys.put("fleet.heartbeatTimeoutS", "86400");
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, keys)) {
      seed(hub.config().store());
      hub.register("alatau-9").start();

      HubHarness.Response csv = hub.get("/api/reports/incidents?from=" + FROM + "&to=" + TO + "&district=Alatau&format=csv");
      assertThat(csv.status()).isEqualTo(200);
      List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(new StringReader(csv.body())).getRecords();
      assertThat(rows).hasSize(ALATAU_WEEK.size());
      for (int i = 0; i < rows.size(); i++) {
        Seed s = ALATAU_WEEK.get(i);
        CSVRecord r = rows.get(i);
        Instant received = MONDAY.plusSeconds(s.startS());
        assertThat(r.get("post_id")).isEqualTo(s.post());
        assertThat(r.get("received_at")).isEqualTo(received.toString());
        assertThat(r.get("pressed_at")).isEqualTo(received.minusSeconds(s.pressLagS()).toString());
        assertThat(r.get("seconds_to_acknowledge")).isEqualTo(s.ackS() == null ? "" : s.ackS().toString());
        assertThat(r.get("seconds_to_dispatch")).isEqualTo(s.dispatchS() == null ? "" : s.dispatchS().toString());
        assertThat(r.get("seconds_to_resolve")).isEqualTo(s.resolveS() == null ? "" : s.resolveS().toString());
        assertThat(r.get("acknowledged_by")).isEqualTo(s.ackS() == null ? "" : "operator-a");
        assertThat(r.get("resolved_by")).isEqualTo(s.resolveS() == null ? "" : "operator-c");
      }

      HubHarness.Response html = hub.get("/api/reports/incidents?from=" + FROM + "&to=" + TO + "&district=Alatau&format=html");
      assertThat(html.status()).isEqualTo(200);
      String page = html.body();
      assertThat(page).contains("<th>Incidents</th><td>6</td>").contains("<th>Acknowledged</th><td>5</td>")
          .contains("<th>Dispatched</th><td>3</td>").contains("<th>Resolved</th><td>4</td>")
          .contains("<th>Median time to acknowledge</th><td>30 s</td>") // 15 20 30 45 90
          .contains("<th>Mean time to acknowledge</th><td>40 s</td>")
          .contains("<th>Longest time to acknowledge</th><td>90 s</td>")
          .contains("<th>Mean time to dispatch</th><td>140 s</td>") // 60 120 240
          .contains("2026-11-16 00:00:00 to 2026-11-23 00:00:00 (Asia/Almaty)");
      List<String> ackBars = new ArrayList<>();
      Matcher m = Pattern.compile("class=\"bar acknowledge\"[^>]*data-seconds=\"(\\d+)\"").matcher(page);
      while (m.find()) {
        ackBars.add(m.group(1));
      }
      assertThat(ackBars).containsExactly("20", "45", "30", "90", "15");
      assertThat(page).contains("by operator-b");

      HubHarness.Response everyone = hub.get("/api/reports/incidents?from=" + FROM + "&to=" + TO + "&format=csv");
      assertThat(everyone.body().lines().count()).as("header + 6 Alatau + 1 Bostandyk").isEqualTo(8);
    }
  }

  @Test
  void pressTimeOfALivePanicIsInTheReportAndMalformedQueriesAreRefused(@TempDir Path dir) throws Exception {
    try (TestBroker broker = TestBroker.embedded(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of()).register("alatau-5").start();
         FakePost post = new FakePost(broker.url(), "alatau-5", "boot-1", 30)) {
      Instant pressed = Instant.now().minusSeconds(4);
      post.publish(new Event(post.id, pressed, post.bootId, post.nextSeq(), UUID.randomUUID(), EventKind.PANIC,
          UUID.randomUUID(), Map.of()), false);
      String from = Instant.now().minusSeconds(3_600).toString();
      String to = Instant.now().plusSeconds(3_600).toString();
      await().until(() -> hub.get("/api/reports/incidents?format=csv&from=" + from + "&to=" + to).body().contains(pressed.toString()));

      for (String[] bad : new String[][] {
          {"?to=" + to, "'from' is required"},
          {"?from=yesterday&to=" + to, "'from' value 'yesterday' is not a date"},
          {"?from=" + to + "&to=" + from, "must be after 'from'"},
          {"?from=2020-01-01&to=2026-01-01", "at most 366 days"},
          {"?from=" + from + "&to=" + to + "&format=pdf", "'format' must be csv or html, not 'pdf'"},
          {"?from=" + from + "&to=" + to + "&district=", "'district' must be 1 to 100 characters"}}) {
        HubHarness.Response r = hub.get("/api/reports/incidents" + bad[0]);
        assertThat(r.status()).as(bad[0]).isEqualTo(400);
        assertThat(r.json().get("error").asText()).as(bad[0]).contains(bad[1]);
      }
    }
  }
}
