package kuzet.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import kuzet.hub.fleet.PresenceChange;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.hub.audit.AuditLog;
import kuzet.store.Database;
import kuzet.protocol.testing.MutableClock;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PANIC and POST_OFFLINE rules over a real SQLite file, with a hand-moved clock. */
class AlertRulesTest {
  static final RegisteredPost POST = new RegisteredPost(new PostId("alatau-007"), PostType.MODULAR_POST, "Post 7",
      "Alatau", 43.2, 76.9, Instant.parse("2026-11-01T00:00:00Z"), null, null, null);

  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T18:00:00Z"));
  private final List<String> told = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private Database db;
  private AlertService alerts;
  private RuleEngine engine;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    open();
  }

  private void open() {
    db = Database.open(dir.resolve("hub.db"));
    PostNotifier notifier = (post, name, incident, by) -> told.add(name + " " + incident);
    alerts = new AlertService(vertx.getOrCreateContext(), new AlertStore(db), new AuditLog(db, kuzet.hub.audit.AuditKey.loadOrCreate(dir.resolve("audit.key"))), notifier, clock,
        new SimpleMeterRegistry());
    alerts.load();
    engine = new RuleEngine(List.of(new PanicRule(), new OfflineRule(Duration.ofSeconds(10), Duration.ofSeconds(30))),
        new RuleContext(alerts, notifier, clock));
  }

  private void restart() {
    db.close();
    open();
  }

  @AfterEach
  void stop() {
    db.close();
    vertx.close();
  }

  private Event panic(EventKind kind, UUID eventId, UUID incident) {
    return new Event(POST.id(), clock.instant(), "boot-1", 1, eventId, kind, incident, Map.of());
  }

  private List<Alert> all() {
    return alerts.list(EnumSet.allOf(AlertState.class));
  }

  private void presence(boolean online) {
    engine.presence(POST, new PresenceChange(POST.id(), online, online ? "birth" : "will", clock.instant()));
  }

  @Test
  void eachPostsActiveAlertsAreTheOpenAndAcknowledgedOnesOfThatPostOnly() {
    RegisteredPost other = new RegisteredPost(new PostId("alatau-008"), PostType.MODULAR_POST, "Post 8", "Alatau", 43.2,
        76.9, Instant.parse("2026-11-01T00:00:00Z"), null, null, null);
    Alert minor = alerts.open("HARDWARE_FAULT", Severity.MINOR, POST, UUID.randomUUID(), "k1", "gpio", null).orElseThrow();
    clock.advance(Duration.ofSeconds(1));
    Alert critical = alerts.open("PANIC", Severity.CRITICAL, POST, UUID.randomUUID(), "k2", "panic", null).orElseThrow();
    Alert elsewhere = alerts.open("PANIC", Severity.CRITICAL, other, UUID.randomUUID(), "k3", "panic", null).orElseThrow();
    assertThat(alerts.activeFor(POST.id().value())).extracting(Alert::id).containsExactly(critical.id(), minor.id());
    assertThat(alerts.activeFor("alatau-009")).isEmpty();
    assertThat(alerts.alarms(POST.id().value()).open()).isEqualTo(2);

    alerts.resolveBySystem(alerts.get(critical.id()).orElseThrow(), "gone");
    assertThat(alerts.activeFor(POST.id().value())).extracting(Alert::id).containsExactly(minor.id());
    assertThat(alerts.activeFor(other.id().value())).extracting(Alert::id).containsExactly(elsewhere.id());
    assertThat(alerts.alarms(POST.id().value()).open()).isEqualTo(1);
    // the same answer as a scan of every alert the service holds
    for (String post : List.of(POST.id().value(), other.id().value())) {
      assertThat(alerts.activeFor(post)).isEqualTo(alerts.list(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED))
          .stream().filter(a -> a.postId().equals(post)).toList());
    }
  }

  @Test
  void samePanicTwiceMakesOneAlertAndIsAnsweredTwice() {
    Event e = panic(EventKind.PANIC, UUID.randomUUID(), UUID.randomUUID());
    engine.message(POST, e);
    engine.message(POST, e);
    assertThat(all()).hasSize(1);
    assertThat(all().get(0).severity()).isEqualTo(Severity.CRITICAL);
    // PANIC_RECEIVED waits for the database, so it arrives after the rule returns
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(told).containsExactly("PANIC_RECEIVED " + e.incidentId(), "PANIC_RECEIVED " + e.incidentId()));
  }

  @Test
  void panicRepeatAddsToTheOpenIncident() {
    UUID incident = UUID.randomUUID();
    engine.message(POST, panic(EventKind.PANIC, UUID.randomUUID(), incident));
    engine.message(POST, panic(EventKind.PANIC_REPEAT, UUID.randomUUID(), incident));
    engine.message(POST, panic(EventKind.PANIC_REPEAT, UUID.randomUUID(), incident));
    assertThat(all()).hasSize(1);
    assertThat(all().get(0).repeats()).isEqualTo(2);
    assertThat(all().get(0).history()).extracting(Alert.HistoryEntry::action)
        .containsSubsequence(AlertAction.OPENED, AlertAction.REPEAT, AlertAction.REPEAT);
  }

  @Test
  void aRepeatThatFoldsPressesMadeOfflineCountsEachPress() {
    UUID incident = UUID.randomUUID();
    engine.message(POST, panic(EventKind.PANIC, UUID.randomUUID(), incident));
    // the post was offline for its 2nd to 5th press: one PANIC_REPEAT row, rewritten, says the latest was the 5th
    engine.message(POST, new Event(POST.id(), clock.instant(), "boot-1", 2, UUID.randomUUID(), EventKind.PANIC_REPEAT,
        incident, Map.of("repeat", "5")));
    engine.message(POST, new Event(POST.id(), clock.instant(), "boot-1", 3, UUID.randomUUID(), EventKind.PANIC_REPEAT,
        incident, Map.of("repeat", "6")));
    assertThat(all().get(0).repeats()).isEqualTo(6);
  }

  @Test
  void panicIsNeverResolvedByThePostComingBack() {
    engine.message(POST, panic(EventKind.PANIC, UUID.randomUUID(), UUID.randomUUID()));
    presence(false);
    clock.advance(Duration.ofMinutes(5));
    engine.tick(clock.instant());
    presence(true);
    clock.advance(Duration.ofMinutes(5));
    engine.tick(clock.instant());
    assertThat(alerts.active(PanicRule.key(all().stream().filter(a -> a.type().equals("PANIC")).findFirst()
        .orElseThrow().incidentId()))).isPresent();
  }

  @Test
  void redeliveryAfterARestartIsRecognisedByItsEventId() {
    Event e = panic(EventKind.PANIC, UUID.randomUUID(), UUID.randomUUID());
    engine.message(POST, e);
    UUID id = all().get(0).id();
    await().until(() -> alerts.get(id).isPresent());
    restart();

    engine.message(POST, e);

    assertThat(all()).extracting(Alert::id).containsExactly(id);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(told).endsWith("PANIC_RECEIVED " + e.incidentId()));
  }

  @Test
  void redeliveredPanicOfAResolvedIncidentIsAnsweredWithClear() throws Exception {
    Event e = panic(EventKind.PANIC, UUID.randomUUID(), UUID.randomUUID());
    engine.message(POST, e);
    UUID id = all().get(0).id();
    alerts.resolve(id, "operator1", "checked").toCompletionStage().toCompletableFuture().get();
    engine.message(POST, e);
    assertThat(all()).hasSize(1);
    assertThat(told).endsWith(CommandName.PANIC_CLEAR + " " + e.incidentId());
  }

  @Test
  void offlineOpensOnlyAfterTheGracePeriod() {
    presence(false);
    clock.advance(Duration.ofSeconds(9));
    engine.tick(clock.instant());
    assertThat(all()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    engine.tick(clock.instant());
    assertThat(all()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AlertTypes.POST_OFFLINE);
      assertThat(a.severity()).isEqualTo(Severity.MAJOR);
    });
  }

  @Test
  void briefReturnBeforeTheGraceEndsRaisesNothing() {
    presence(false);
    clock.advance(Duration.ofSeconds(5));
    presence(true);
    clock.advance(Duration.ofSeconds(60));
    engine.tick(clock.instant());
    assertThat(all()).isEmpty();
  }

  @Test
  void flappingPostKeepsOneAlertUntilItStaysBack() {
    presence(false);
    clock.advance(Duration.ofSeconds(11));
    engine.tick(clock.instant());
    for (int i = 0; i < 3; i++) {
      presence(true);
      clock.advance(Duration.ofSeconds(20));
      engine.tick(clock.instant());
      presence(false);
      clock.advance(Duration.ofSeconds(20));
      engine.tick(clock.instant());
    }
    assertThat(all()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.OPEN));

    presence(true);
    clock.advance(Duration.ofSeconds(31));
    engine.tick(clock.instant());
    assertThat(all()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
      assertThat(a.resolvedBy()).isEqualTo("system");
    });
  }

  @Test
  void lifecycleRecordsWhoAcknowledgedAndRefusesToResolveTwice() throws Exception {
    engine.message(POST, panic(EventKind.PANIC, UUID.randomUUID(), UUID.randomUUID()));
    UUID id = all().get(0).id();
    Alert acked = alerts.acknowledge(id, "operator1", null).toCompletionStage().toCompletableFuture().get();
    assertThat(acked.state()).isEqualTo(AlertState.ACKNOWLEDGED);
    assertThat(acked.acknowledgedBy()).isEqualTo("operator1");
    assertThat(acked.acknowledgedAt()).isEqualTo(clock.instant());
    Alert resolved = alerts.resolve(id, "operator2", "unit on site, resident safe").toCompletionStage()
        .toCompletableFuture().get();
    assertThat(resolved.note()).isEqualTo("unit on site, resident safe");
    assertThat(alerts.resolve(id, "operator2", "again").failed()).isTrue();
    restart();
    assertThat(alerts.get(id)).get().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
    assertThat(told).contains("PANIC_ACK " + acked.incidentId(), "PANIC_CLEAR " + acked.incidentId());
  }
}
