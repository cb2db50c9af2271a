package kuzet.hub.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Birth;
import kuzet.protocol.Death;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import org.junit.jupiter.api.Test;

class FleetStateTest {
  static final PostId ID = new PostId("alatau-009");
  static final RegisteredPost POST = new RegisteredPost(ID, PostType.MODULAR_POST, "Post 9", "Alatau", 43.2, 76.9,
      Instant.parse("2026-11-01T00:00:00Z"), null, null, null);
  final Instant t0 = Instant.parse("2026-11-24T18:00:00Z");
  final FleetState fleet = new FleetState(3, Duration.ofSeconds(90), id -> kuzet.hub.fleet.PostAlarms.NONE);

  Birth birth(String boot, Instant at) {
    return Birth.builder().postId(ID).ts(at).bootId(boot).seq(0).agentVersion("0.1.0").hardwareProfile("pi4")
        .hubReachable(true).build();
  }

  Telemetry telemetry(String boot, long seq, double temp) {
    return new Telemetry(ID, t0.plusSeconds(seq), boot, seq,
        new Readings(temp, 50.0, 12.6, true, false, false, false, false, false, false, 0));
  }

  @Test
  void aSingleHubKeepsNoNotesOfWhenPostsWereHeardUnlessARelayDrainsThem() {
    fleet.apply(POST, birth("boot-a", t0), t0);
    assertThat(fleet.drainHeard()).as("nothing drains them on a single hub").isEmpty();

    fleet.recordHeard(true);
    fleet.apply(POST, telemetry("boot-a", 1, 1.0), t0.plusSeconds(1));
    fleet.apply(POST, new Death(ID, t0.plusSeconds(2), "boot-a", 2, Death.Reason.WILL), t0.plusSeconds(2));
    assertThat(fleet.drainHeard()).as("a Will is not hearing the post").isEqualTo(Map.of(ID, t0.plusSeconds(1)));
    assertThat(fleet.drainHeard()).isEmpty();

    fleet.recordHeard(false);
    fleet.apply(POST, birth("boot-b", t0.plusSeconds(3)), t0.plusSeconds(3));
    assertThat(fleet.drainHeard()).isEmpty();
  }

  @Test
  void postsAreListedInIdOrderWhateverOrderTheyWereHeardInAndEachIsFoundById() {
    for (String id : java.util.List.of("medeu-002", "alatau-010", "bostandyk-001", "alatau-002")) {
      RegisteredPost p = new RegisteredPost(new PostId(id), PostType.MODULAR_POST, "Post " + id, "Alatau", 43.2, 76.9,
          Instant.parse("2026-11-01T00:00:00Z"), null, null, null);
      fleet.apply(p, new Telemetry(p.id(), t0, "b1", 1, Readings.empty()), t0);
    }
    fleet.know(POST);
    assertThat(fleet.list()).extracting(PostView::id)
        .containsExactly("alatau-002", "alatau-009", "alatau-010", "bostandyk-001", "medeu-002");
    assertThat(fleet.status(new PostId("bostandyk-001"))).contains(PostStatus.ONLINE);
    assertThat(fleet.status(ID)).contains(PostStatus.UNKNOWN);
    assertThat(fleet.post(new PostId("alatau-011"))).isEmpty();
  }

  @Test
  void staleDeathFromAnEarlierBootChangesNothing() {
    fleet.apply(POST, birth("boot-a", t0), t0);
    fleet.apply(POST, birth("boot-b", t0.plusSeconds(60)), t0.plusSeconds(60));
    var applied = fleet.apply(POST, new Death(ID, t0, "boot-a", 5, Death.Reason.WILL), t0.plusSeconds(61));
    assertThat(applied.presence()).isNull();
    assertThat(fleet.status(ID)).contains(PostStatus.ONLINE);
  }

  @Test
  void deathOfTheCurrentBootTakesThePostOfflineAndLateMessagesOfThatBootDoNotBringItBack() {
    fleet.apply(POST, birth("boot-a", t0), t0);
    var died = fleet.apply(POST, new Death(ID, t0.plusSeconds(5), "boot-a", 9, Death.Reason.WILL), t0.plusSeconds(5));
    assertThat(died.presence()).isNotNull().extracting(PresenceChange::online).isEqualTo(false);
    assertThat(fleet.apply(POST, telemetry("boot-a", 3, 1.0), t0.plusSeconds(6)).presence()).isNull();
    assertThat(fleet.status(ID)).contains(PostStatus.OFFLINE);
    assertThat(fleet.apply(POST, telemetry("boot-c", 1, 1.0), t0.plusSeconds(7)).presence().online()).isTrue();
  }

  @Test
  void silentPostGoesOfflineAfterTheHeartbeatTimeout() {
    fleet.apply(POST, birth("boot-a", t0), t0);
    assertThat(fleet.checkHeartbeats(t0.plusSeconds(89))).isEmpty();
    assertThat(fleet.checkHeartbeats(t0.plusSeconds(91))).singleElement()
        .satisfies(c -> assertThat(c.online()).isFalse());
    assertThat(fleet.apply(POST, telemetry("boot-a", 1, 2.0), t0.plusSeconds(95)).presence().online()).isTrue();
  }

  @Test
  void sequenceGapsAreCountedWithinOneBoot() {
    fleet.apply(POST, birth("boot-a", t0), t0);
    assertThat(fleet.apply(POST, telemetry("boot-a", 1, 1.0), t0).sequenceGap()).isZero();
    assertThat(fleet.apply(POST, telemetry("boot-a", 5, 1.0), t0).sequenceGap()).isEqualTo(3);
    assertThat(fleet.apply(POST, telemetry("boot-a", 4, 1.0), t0).sequenceGap()).isZero();
    assertThat(fleet.apply(POST, telemetry("boot-b", 9, 1.0), t0).sequenceGap()).isZero();
  }

  @Test
  void historyKeepsTheNewestSamplesAndDetailShowsEventsNewestFirst() {
    fleet.apply(POST, birth("boot-a", t0), t0);
    for (int i = 1; i <= 5; i++) {
      fleet.apply(POST, telemetry("boot-a", i, i), t0);
    }
    fleet.apply(POST, new Event(ID, t0, "boot-a", 6, UUID.randomUUID(), EventKind.DOOR_OPENED, null, Map.of()), t0);
    fleet.apply(POST, new Event(ID, t0, "boot-a", 7, UUID.randomUUID(), EventKind.DOOR_CLOSED, null, Map.of()), t0);
    PostView v = fleet.detail(ID).orElseThrow();
    assertThat(v.history().get("temperatureC")).extracting(p -> p.get(1)).containsExactly(3.0, 4.0, 5.0);
    assertThat(v.events()).extracting(PostView.EventView::kind).containsExactly("DOOR_CLOSED", "DOOR_OPENED");
    assertThat(v.readings().temperatureC()).isEqualTo(5.0);
    assertThat(v.agentVersion()).isEqualTo("0.1.0");
  }
}
