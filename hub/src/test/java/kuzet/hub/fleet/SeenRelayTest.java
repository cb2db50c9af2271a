package kuzet.hub.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kuzet.protocol.Birth;
import kuzet.protocol.Death;
import kuzet.protocol.PostId;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import org.junit.jupiter.api.Test;

/** Two active hubs each hear a share of a post's messages; what one heard keeps the post alive on the other. */
class SeenRelayTest {
  static final PostId ID = new PostId("alatau-009");
  static final RegisteredPost POST = new RegisteredPost(ID, PostType.MODULAR_POST, "Post 9", "Alatau", 43.2, 76.9,
      Instant.parse("2026-11-01T00:00:00Z"), null, null, null);
  final Instant t0 = Instant.parse("2026-11-24T18:00:00Z");

  private static FleetState fleet() {
    return new FleetState(3, Duration.ofSeconds(30), id -> PostAlarms.NONE);
  }

  private static Birth birth(Instant at) {
    return Birth.builder().postId(ID).ts(at).bootId("boot-1").seq(0).agentVersion("0.1.0").hardwareProfile("pi4")
        .hubReachable(true).build();
  }

  @Test
  void aPostHeardOnlyByTheOtherHubIsNotTakenForSilent() {
    FleetState a = fleet();
    FleetState b = fleet();
    b.recordHeard(true);
    a.apply(POST, birth(t0), t0);
    b.apply(POST, birth(t0), t0);
    // for a minute every message of the post goes to hub B
    b.apply(POST, birth(t0.plusSeconds(25)), t0.plusSeconds(25));
    List<PresenceChange> told = new ArrayList<>();
    for (String payload : SeenRelay.payloads("hub-b", b.drainHeard())) {
      SeenRelay.apply("hub-a", payload, a, told::add);
    }
    assertThat(a.checkHeartbeats(t0.plusSeconds(40))).as("hub A knows hub B heard it at 25 s").isEmpty();
    assertThat(a.checkHeartbeats(t0.plusSeconds(56))).singleElement().satisfies(c -> assertThat(c.online()).isFalse());
    assertThat(told).isEmpty();
  }

  @Test
  void aPostTimedOutHereComesBackWhenAnotherHubHeardItButNotAfterItsWill() {
    FleetState a = fleet();
    a.apply(POST, birth(t0), t0);
    assertThat(a.checkHeartbeats(t0.plusSeconds(31))).hasSize(1);
    List<PresenceChange> told = new ArrayList<>();
    SeenRelay.apply("hub-a", "hub-b\n" + ID.value() + " " + t0.plusSeconds(32).toEpochMilli(), a, told::add);
    assertThat(told).singleElement().satisfies(c -> assertThat(c.online()).isTrue());

    a.apply(POST, new Death(ID, t0.plusSeconds(40), "boot-1", 3, Death.Reason.WILL), t0.plusSeconds(40));
    told.clear();
    SeenRelay.apply("hub-a", "hub-b\n" + ID.value() + " " + t0.plusSeconds(41).toEpochMilli(), a, told::add);
    assertThat(told).as("only its birth brings a post back after its Will").isEmpty();
    assertThat(a.status(ID)).contains(PostStatus.OFFLINE);
  }

  @Test
  void aThousandPostsFitInNotificationsUnderPostgresLimitAndOwnAnnouncementsAreIgnored() {
    Map<PostId, Instant> heard = new LinkedHashMap<>();
    for (int i = 0; i < 1_000; i++) {
      heard.put(new PostId(String.format("bostandyk-keremet-%04d", i)), t0.plusMillis(i));
    }
    List<String> payloads = SeenRelay.payloads("hub-a", heard);
    assertThat(payloads).hasSizeGreaterThan(1).allMatch(p -> p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 8_000);
    assertThat(payloads.stream().mapToLong(p -> p.lines().count() - 1).sum()).isEqualTo(1_000);

    FleetState a = fleet();
    a.know(POST);
    List<PresenceChange> told = new ArrayList<>();
    SeenRelay.apply("hub-a", "hub-a\n" + ID.value() + " " + t0.toEpochMilli(), a, told::add);
    assertThat(told).isEmpty();
    SeenRelay.apply("hub-a", "hub-b\nNOT A POST 12\n" + ID.value() + " yesterday\n" + ID.value(), a, told::add);
    assertThat(told).as("nonsense lines are skipped").isEmpty();
  }
}
