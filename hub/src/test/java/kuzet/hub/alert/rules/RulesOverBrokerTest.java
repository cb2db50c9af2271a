package kuzet.hub.alert.rules;

import static kuzet.hub.testing.PostMessages.battery;
import static kuzet.hub.testing.PostMessages.event;
import static kuzet.hub.testing.PostMessages.telemetry;
import static kuzet.hub.testing.PostMessages.temperature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.protocol.testing.MutableClock;
import kuzet.hub.testing.PostMessages;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.EventKind;
import kuzet.protocol.Readings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every post-condition rule, raised from messages a post publishes through the hub's embedded HiveMQ,
 * with the hub's clock in the test's hands. Each test uses its own post so they don't see each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesOverBrokerTest {

  // the build machine is shared and often saturated: give the broker round trips room, not the defaults' 10 s
  @org.junit.jupiter.api.BeforeAll
  static void patientAwaits() {
    org.awaitility.Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(30));
  }

  @org.junit.jupiter.api.AfterAll
  static void defaultAwaits() {
    org.awaitility.Awaitility.reset();
  }
  static final String[] POSTS = {"tamper-1", "door-1", "mains-1", "battery-1", "temp-1", "temp-2", "fault-1",
      "seq-1", "skew-1", "rollup-1", "hw-1", "seq-2", "selftest-1"};
  final MutableClock clock = new MutableClock(Instant.now());
  TestBroker broker;
  HubHarness hub;
  final List<FakePost> posts = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    broker = TestBroker.embedded(dir.resolve("broker"));
    hub = new HubHarness(dir.resolve("hub"), broker, Map.of(
        "fleet.heartbeatTimeoutS", "86400",
        "alerts.clearHoldS", "60",
        "alerts.mainsLostDelayS", "60",
        "alerts.sequenceGapMax", "5",
        "alerts.selfTestMissingAfterS", "7200",
        "rules.modular-post.temperatureMaxC", "40",
        "rules.temp-2.temperatureMaxC", "30")).register(POSTS).clock(clock).start();
  }

  @AfterAll
  void stop() {
    posts.forEach(FakePost::close);
    hub.close();
    broker.close();
  }

  FakePost post(String id) throws Exception {
    FakePost p = new FakePost(broker.url(), id, "boot-1", 30);
    posts.add(p);
    return p;
  }

  List<JsonNode> alerts(String postId, String type) {
    List<JsonNode> out = new ArrayList<>();
    hub.get("/api/alerts?state=open,acknowledged,resolved").json().forEach(a -> {
      if (a.get("postId").asText().equals(postId) && a.get("type").asText().equals(type)) {
        out.add(a);
      }
    });
    return out;
  }

  JsonNode awaitOne(String postId, String type, String state) {
    await(type + " " + state + " for " + postId).until(() -> alerts(postId, type).stream()
        .anyMatch(a -> a.get("state").asText().equals(state)));
    List<JsonNode> all = alerts(postId, type);
    assertThat(all).as("one alert only").hasSize(1);
    return all.get(0);
  }

  /** Lets the hub's once-a-second tick see the clock's new time. */
  void tickPast() throws InterruptedException {
    Thread.sleep(1_300);
  }

  /** Publishes telemetry and waits until the hub's rules have seen it (the sink is fed after the rules). */
  void publishAndWait(FakePost p, kuzet.protocol.Telemetry t) {
    p.publish(t, false);
    await("telemetry " + t.seq() + " of " + p.id).until(() -> hub.telemetry.points.stream()
        .anyMatch(x -> x.postId().equals(p.id) && x.seq() == t.seq()));
  }

  void send(FakePost p, Readings r) {
    publishAndWait(p, telemetry(p, clock.instant(), r));
  }

  /** Publishes an event, then an empty telemetry behind it to know when the event was handled. */
  void send(FakePost p, EventKind kind, Map<String, String> attrs) {
    p.publish(event(p, clock.instant(), kind, attrs), false);
    send(p, Readings.empty());
  }

  @Test
  void tamperOpensCriticalAndOnlyAPersonResolvesIt() throws Exception {
    FakePost p = post("tamper-1");
    send(p, EventKind.TAMPER, Map.of());
    JsonNode a = awaitOne("tamper-1", "TAMPER", "OPEN");
    assertThat(a.get("severity").asText()).isEqualTo("CRITICAL");

    send(p, new Readings(null, null, null, null, null, false, null, null, null, null, null));
    clock.advance(Duration.ofMinutes(10));
    tickPast();
    assertThat(alerts("tamper-1", "TAMPER").get(0).get("state").asText()).isEqualTo("OPEN");

    var r = hub.post("/api/alerts/" + a.get("id").asText() + "/resolve", "{\"note\":\"enclosure checked\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("resolvedBy").asText()).isEqualTo("anonymous");
  }

  @Test
  void doorOpeningRaisesOnlyWhileThePostIsNotStaffedAndMotionAloneIsOnlyARecordedEvent() throws Exception {
    FakePost p = post("door-1");
    var marked = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.base() + "/api/posts/door-1/staffed"))
        .header("content-type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"staffed\":true}")));
    assertThat(marked.status()).isEqualTo(200);
    send(p, EventKind.DOOR_OPENED, Map.of());
    send(p, EventKind.LAMP_FAULT, Map.of("lamp", "beacon"));
    awaitOne("door-1", "LAMP_FAULT", "OPEN");
    assertThat(alerts("door-1", "DOOR_OPEN_UNATTENDED")).as("staffed: no alert").isEmpty();
    send(p, PostMessages.door(false));

    var unmarked = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.base() + "/api/posts/door-1/staffed"))
        .header("content-type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"staffed\":false}")));
    assertThat(unmarked.json().get("staffed").asBoolean()).isFalse();
    send(p, EventKind.MOTION, Map.of());
    send(p, new Readings(null, null, null, null, false, null, true, null, null, null, null));
    assertThat(alerts("door-1", "DOOR_OPEN_UNATTENDED")).as("motion at a closed post is no alarm").isEmpty();
    assertThat(hub.get("/api/posts/door-1").json().get("events").findValuesAsText("kind")).as("but it is recorded")
        .contains("MOTION");
    JsonNode row = hub.get("/api/posts/door-1").json();
    assertThat(row.get("inAlert").asBoolean()).as("a lamp fault is maintenance, not an alarm").isFalse();

    send(p, EventKind.DOOR_OPENED, Map.of());
    JsonNode a = awaitOne("door-1", "DOOR_OPEN_UNATTENDED", "OPEN");
    assertThat(a.get("severity").asText()).isEqualTo("MAJOR");
    assertThat(a.get("history").get(0).get("detail").asText()).contains("door opened").contains("not staffed");
    send(p, EventKind.MOTION, Map.of());
    send(p, EventKind.MOTION, Map.of());
    await("motion inside added to the door alarm").until(() -> alerts("door-1", "DOOR_OPEN_UNATTENDED").get(0)
        .get("history").findValuesAsText("action").contains("CONTRIBUTING"));
    assertThat(alerts("door-1", "DOOR_OPEN_UNATTENDED").get(0).get("history").findValuesAsText("action"))
        .as("once, not per movement").containsOnlyOnce("CONTRIBUTING");
    row = hub.get("/api/posts/door-1").json();
    assertThat(row.get("inAlert").asBoolean()).isTrue();
    assertThat(row.get("alarmPriority").asText()).isEqualTo("MAJOR");

    send(p, PostMessages.door(false));
    clock.advance(Duration.ofSeconds(61));
    tickPast();
    awaitOne("door-1", "DOOR_OPEN_UNATTENDED", "RESOLVED");
  }

  @Test
  void everyAlertTypeIsListedWithItsPriorityWhetherItIsAnAlarmAndTheOperatorsAction() {
    JsonNode kinds = hub.get("/api/alert-types").json();
    Map<String, JsonNode> byType = new java.util.HashMap<>();
    kinds.forEach(k -> byType.put(k.get("type").asText(), k));
    assertThat(byType.keySet()).contains("PANIC", "TAMPER", "DOOR_OPEN_UNATTENDED", "POST_OFFLINE", "CLOCK_SKEW");
    assertThat(byType.get("PANIC").get("priority").asText()).isEqualTo("CRITICAL");
    assertThat(byType.get("PANIC").get("shelvable").asBoolean()).isFalse();
    assertThat(byType.get("TAMPER").get("shelvable").asBoolean()).isFalse();
    assertThat(byType.get("LAMP_FAULT").get("alarm").asBoolean()).isFalse();
    kinds.forEach(k -> assertThat(k.get("action").asText()).as(k.get("type").asText()).isNotBlank());
  }

  @Test
  void mainsLostOnlyWhenStillOutAfterTheDelayAndAFlickerIsNoAlert() throws Exception {
    FakePost p = post("mains-1");
    send(p, EventKind.MAINS_LOST, Map.of());
    clock.advance(Duration.ofSeconds(20));
    send(p, EventKind.MAINS_RESTORED, Map.of());
    clock.advance(Duration.ofSeconds(60));
    tickPast();
    assertThat(alerts("mains-1", "MAINS_LOST")).as("a 20 s flicker").isEmpty();

    send(p, EventKind.MAINS_LOST, Map.of());
    clock.advance(Duration.ofSeconds(30));
    tickPast();
    assertThat(alerts("mains-1", "MAINS_LOST")).as("only 30 s out").isEmpty();
    clock.advance(Duration.ofSeconds(31));
    awaitOne("mains-1", "MAINS_LOST", "OPEN");

    send(p, EventKind.MAINS_RESTORED, Map.of());
    clock.advance(Duration.ofSeconds(61));
    awaitOne("mains-1", "MAINS_LOST", "RESOLVED");
  }

  @Test
  void batteryLowCarriesATimeToEmptyEstimateAndJitterDoesNotFlap() throws Exception {
    FakePost p = post("battery-1");
    for (double v : new double[] {12.1, 12.0, 11.9, 11.75}) {
      send(p, battery(v));
      clock.advance(Duration.ofMinutes(10));
    }
    JsonNode a = awaitOne("battery-1", "BATTERY_LOW", "OPEN");
    // least-squares slope of the four samples is -0.000192 V/s: 11.75 V to 10.5 V takes 6522 s
    assertThat(a.get("history").get(0).get("detail").asText()).contains("11.75 V").contains("1 h 48 min to empty");

    for (double v : new double[] {11.9, 12.1, 11.7, 12.0, 11.85}) {
      send(p, battery(v));
      clock.advance(Duration.ofSeconds(40));
      tickPast();
    }
    assertThat(alerts("battery-1", "BATTERY_LOW")).singleElement()
        .satisfies(x -> assertThat(x.get("state").asText()).isEqualTo("OPEN"));

    send(p, battery(12.4));
    clock.advance(Duration.ofSeconds(61));
    awaitOne("battery-1", "BATTERY_LOW", "RESOLVED");
  }

  @Test
  void temperatureJitteringAroundTheLimitKeepsOneAlertUntilWellInsideForTheHoldTime() throws Exception {
    FakePost p = post("temp-1");
    send(p, temperature(41));
    awaitOne("temp-1", "TEMPERATURE_OUT_OF_RANGE", "OPEN");
    for (double c : new double[] {39.5, 40.5, 38.5, 41.0, 39.0, 42.0, 38.1}) {
      send(p, temperature(c));
      clock.advance(Duration.ofSeconds(45));
      tickPast();
    }
    assertThat(alerts("temp-1", "TEMPERATURE_OUT_OF_RANGE")).singleElement()
        .satisfies(x -> assertThat(x.get("state").asText()).isEqualTo("OPEN"));

    send(p, temperature(37));
    clock.advance(Duration.ofSeconds(30));
    send(p, temperature(40.5));
    send(p, temperature(36));
    clock.advance(Duration.ofSeconds(45));
    tickPast();
    assertThat(alerts("temp-1", "TEMPERATURE_OUT_OF_RANGE").get(0).get("state").asText())
        .as("good timer restarted by the 40.5 reading").isEqualTo("OPEN");
    clock.advance(Duration.ofSeconds(20));
    awaitOne("temp-1", "TEMPERATURE_OUT_OF_RANGE", "RESOLVED");
  }

  @Test
  void aPerPostOverrideBeatsThePostTypeThreshold() throws Exception {
    FakePost p = post("temp-2");
    send(p, temperature(35));
    JsonNode a = awaitOne("temp-2", "TEMPERATURE_OUT_OF_RANGE", "OPEN");
    assertThat(a.get("history").get(0).get("detail").asText()).contains("30.0]");
  }

  @Test
  void lampSensorAndSelfTestFaultsOpenAndClearWhenThePostIsHealthyAgain() throws Exception {
    FakePost p = post("fault-1");
    send(p, EventKind.LAMP_FAULT, Map.of("lamp", "floodlights"));
    send(p, EventKind.SENSOR_FAULT, Map.of("sensor", "temperature"));
    send(p, EventKind.SELF_TEST_RESULT, Map.of("passed", "false", "failed", "bme280,outbox",
        "bme280", "BME280 chip id is 0x0, expected 0x60", "outbox", "outbox write/read failed: disk I/O error"));
    awaitOne("fault-1", "LAMP_FAULT", "OPEN");
    awaitOne("fault-1", "SENSOR_FAULT", "OPEN");
    assertThat(awaitOne("fault-1", "SELF_TEST_FAILED", "OPEN").toString())
        .contains("bme280 (BME280 chip id is 0x0, expected 0x60), outbox (outbox write/read failed: disk I/O error)");

    send(p, EventKind.SELF_TEST_RESULT, Map.of("passed", "true"));
    send(p, temperature(5));
    clock.advance(Duration.ofSeconds(61));
    awaitOne("fault-1", "LAMP_FAULT", "RESOLVED");
    awaitOne("fault-1", "SENSOR_FAULT", "RESOLVED");
    awaitOne("fault-1", "SELF_TEST_FAILED", "RESOLVED");
  }

  @Test
  void aPostReportingMissingGpioRaisesMajorHardwareFaultUntilItsTelemetryNoLongerNamesIt() throws Exception {
    FakePost p = post("hw-1");
    send(p, EventKind.HARDWARE_FAULT, Map.of("part", "gpio", "reason", "/dev/gpiochip0 does not exist: no GPIO"));
    JsonNode open = awaitOne("hw-1", "HARDWARE_FAULT", "OPEN");
    assertThat(open.get("severity").asText()).isEqualTo("MAJOR");
    assertThat(open.toString()).contains("/dev/gpiochip0 does not exist");

    // still degraded: the alert stays however long it lasts
    publishAndWait(p, new kuzet.protocol.Telemetry(p.id, clock.instant(), p.bootId, p.nextSeq(), Readings.empty(),
        List.of("gpio", "bme280")));
    clock.advance(Duration.ofSeconds(61));
    tickPast();
    assertThat(awaitOne("hw-1", "HARDWARE_FAULT", "OPEN").get("state").asText()).isEqualTo("OPEN");

    publishAndWait(p, new kuzet.protocol.Telemetry(p.id, clock.instant(), p.bootId, p.nextSeq(), Readings.empty(),
        List.of()));
    clock.advance(Duration.ofSeconds(61));
    awaitOne("hw-1", "HARDWARE_FAULT", "RESOLVED");
  }

  @Test
  void eventsThatOvertakeThePostsBacklogAreNoLossButHolesATelemetryLeavesBehindAre() throws Exception {
    FakePost p = post("seq-2");
    publishAndWait(p, new kuzet.protocol.Telemetry(p.id, clock.instant(), p.bootId, 0, Readings.empty()));
    // the outbox sends a late event first, then the 19 older ones it overtook, then telemetry
    p.publish(kuzet.protocol.Event.of(p.id, clock.instant(), p.bootId, 20, EventKind.DOOR_CLOSED, Map.of()), false);
    for (int seq = 1; seq < 20; seq++) {
      p.publish(kuzet.protocol.Event.of(p.id, clock.instant(), p.bootId, seq, EventKind.DOOR_CLOSED, Map.of()), false);
    }
    publishAndWait(p, new kuzet.protocol.Telemetry(p.id, clock.instant(), p.bootId, 21, Readings.empty()));
    assertThat(alerts("seq-2", "SEQUENCE_GAP")).as("a reordering is not a loss").isEmpty();

    publishAndWait(p, new kuzet.protocol.Telemetry(p.id, clock.instant(), p.bootId, 40, Readings.empty()));
    assertThat(awaitOne("seq-2", "SEQUENCE_GAP", "OPEN").toString()).contains("18 messages missing");
  }

  @Test
  void aPostWithoutASelfTestForItsScheduleAndGraceRaisesSelfTestMissingUntilOneArrives() throws Exception {
    FakePost p = post("selftest-1");
    send(p, Readings.empty());
    clock.advance(Duration.ofSeconds(7100));
    send(p, Readings.empty());
    assertThat(alerts("selftest-1", "SELF_TEST_MISSING")).as("still within schedule and grace").isEmpty();
    clock.advance(Duration.ofSeconds(101));
    send(p, Readings.empty());
    assertThat(awaitOne("selftest-1", "SELF_TEST_MISSING", "OPEN").toString()).contains("no self-test result since");

    send(p, EventKind.SELF_TEST_RESULT, Map.of("passed", "true"));
    clock.advance(Duration.ofSeconds(61));
    send(p, Readings.empty());
    awaitOne("selftest-1", "SELF_TEST_MISSING", "RESOLVED");
  }

  @Test
  void moreLostMessagesThanTheThresholdRaiseSequenceGap() throws Exception {
    FakePost p = post("seq-1");
    send(p, temperature(5));
    for (int i = 0; i < 4; i++) {
      p.nextSeq();
    }
    send(p, temperature(5));
    send(p, EventKind.LAMP_FAULT, Map.of("lamp", "interior"));
    awaitOne("seq-1", "LAMP_FAULT", "OPEN");
    assertThat(alerts("seq-1", "SEQUENCE_GAP")).as("4 missing is within 5").isEmpty();

    for (int i = 0; i < 10; i++) {
      p.nextSeq();
    }
    send(p, temperature(5));
    JsonNode a = awaitOne("seq-1", "SEQUENCE_GAP", "OPEN");
    assertThat(a.get("history").get(0).get("detail").asText()).startsWith("14 messages missing");
  }

  @Test
  void aPostClockFarFromTheHubsRaisesClockSkewAndClearsBelowHalfTheLimit() throws Exception {
    FakePost p = post("skew-1");
    publishAndWait(p, telemetry(p, clock.instant().minusSeconds(600), temperature(5)));
    JsonNode a = awaitOne("skew-1", "CLOCK_SKEW", "OPEN");
    assertThat(a.get("history").get(0).get("detail").asText()).contains("600 s behind");

    publishAndWait(p, telemetry(p, clock.instant().minusSeconds(90), temperature(5)));
    clock.advance(Duration.ofSeconds(61));
    tickPast();
    assertThat(alerts("skew-1", "CLOCK_SKEW").get(0).get("state").asText()).as("90 s is above half of 120").isEqualTo("OPEN");
    publishAndWait(p, telemetry(p, clock.instant(), temperature(5)));
    clock.advance(Duration.ofSeconds(61));
    awaitOne("skew-1", "CLOCK_SKEW", "RESOLVED");
  }

  @Test
  void staffingAndGroupEndpointsRefuseMalformedRequests() {
    String base = hub.base() + "/api/posts/";
    for (String[] bad : new String[][] {
        {"tamper-1", "{}", "400", "field 'staffed' is required"},
        {"tamper-1", "{\"staffed\":\"yes\"}", "400", "must be true, false or null"},
        {"tamper-1", "[1]", "400", ""},
        {"nobody-here", "{\"staffed\":true}", "404", "no post 'nobody-here' is registered"},
        {"NOT_AN_ID", "{\"staffed\":true}", "400", ""}}) {
      var r = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + bad[0] + "/staffed"))
          .header("content-type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(bad[1])));
      assertThat(r.status()).as(bad[0] + " " + bad[1]).isEqualTo(Integer.parseInt(bad[2]));
      assertThat(r.json().get("error").asText()).contains(bad[3]);
    }
    assertThat(hub.get("/api/alerts/not-a-uuid/group").status()).isEqualTo(400);
    assertThat(hub.get("/api/alerts/" + java.util.UUID.randomUUID() + "/group").status()).isEqualTo(404);
  }

  @Test
  void theRunningHubKeepsDailyRollupsThatTheAnalysisReads() throws Exception {
    FakePost p = post("rollup-1");
    send(p, new Readings(5.0, null, null, false, null, null, null, true, null, null, null));
    send(p, EventKind.SELF_TEST_RESULT, Map.of("passed", "false"));
    clock.advance(Duration.ofSeconds(150));
    tickPast();
    java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Almaty"));
    String q = "/api/analysis?posts=rollup-1&from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
    await("post_days of rollup-1").until(() -> hub.get(q).json().at("/well/all/litMinutes").asLong() >= 2);
    JsonNode well = hub.get(q).json().at("/well/all");
    assertThat(well.get("mainsOutages").asLong()).isEqualTo(1);
    assertThat(well.get("mainsOutMinutes").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(well.get("selfTestsFailed").asLong()).isEqualTo(1);
  }
}
