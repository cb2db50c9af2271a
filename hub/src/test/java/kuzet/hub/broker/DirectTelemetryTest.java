package kuzet.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.protocol.Channel;
import kuzet.protocol.PostId;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import kuzet.protocol.testing.RawMqtt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with its embedded broker locked down as in production and {@code broker.embedded.directTelemetry} at its
 * default: real posts' telemetry reaches the hub from inside the broker, the broker's access rules still hold for
 * it, and PANICs still come through MQTT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectTelemetryTest {
  private static final String POST = "direct-post";
  private static final String OTHER = "direct-other";
  private final Map<String, String> passwords = Map.of(POST, "post-pw-1", OTHER, "other-pw-1");
  private HubHarness hub;
  private FakePost post;

  @BeforeAll
  void aLockedDownHub(@TempDir Path dir) throws Exception {
    hub = HubHarness.lockedDown(dir.resolve("hub"), passwords);
    hub.start();
    post = FakePost.withPassword(hub.brokerUrl(), POST, passwords.get(POST));
  }

  @AfterAll
  void stop() {
    if (post != null) {
      post.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aPostsTelemetryIsTakenInsideTheBrokerAndNothingIsCountedAsDropped() {
    int before = stored(POST);
    for (int i = 0; i < 200; i++) {
      post.publish(telemetry(POST, post.nextSeq()), false);
    }
    await().until(() -> stored(POST) == before + 200);
    assertThat(hub.metric("kuzet_broker_telemetry_taken_total", null)).isGreaterThanOrEqualTo(200);
    assertThat(hub.metric("kuzet_broker_dropped_total", null)).isZero();
    assertThat(hub.metric("kuzet_ingest_dropped_total", null)).isZero();
    assertThat(hub.metric("kuzet_broker_held_peak", null)).as("200 readings were never near the read pause")
        .isBetween(0.0, 2_560.0);
    UUID incident = UUID.randomUUID();
    post.publish(post.panic(incident), false);
    await().until(() -> hub.get("/api/alerts").body().contains(incident.toString()));
  }

  @Test
  void telemetryOnAnotherPostsTopicOrRetainedIsRefusedAsBefore() throws Exception {
    try (RawMqtt attacker = RawMqtt.connect(hub.brokerUrl(), OTHER, OTHER, passwords.get(OTHER))) {
      String victimTopic = FakePost.CODEC.topics().topic(new PostId(POST), Channel.TELEMETRY);
      assertThat(attacker.publish(victimTopic, FakePost.CODEC.encode(telemetry(POST, 9_000)), false).accepted())
          .as("telemetry on another post's topic").isFalse();
      String ownTopic = FakePost.CODEC.topics().topic(new PostId(OTHER), Channel.TELEMETRY);
      assertThat(attacker.publish(ownTopic, FakePost.CODEC.encode(telemetry(OTHER, 1)), true).accepted())
          .as("retained telemetry").isFalse();
    }
    post.publish(telemetry(POST, post.nextSeq()), false); // the control, after the attempts
    await().until(() -> hub.telemetry.points.stream().anyMatch(t -> t.postId().value().equals(POST)));
    assertThat(hub.telemetry.points).noneMatch(t -> t.seq() == 9_000 || t.postId().value().equals(OTHER));
  }

  @Test
  void badTelemetryDecodedOffTheEventLoopIsStillRejectedAndCountedWithItsReason() throws Exception {
    double before = rejectedNotJson();
    try (RawMqtt raw = RawMqtt.connect(hub.brokerUrl(), OTHER, OTHER, passwords.get(OTHER))) {
      String ownTopic = FakePost.CODEC.topics().topic(new PostId(OTHER), Channel.TELEMETRY);
      assertThat(raw.publish(ownTopic, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), false)
          .accepted()).isTrue();
    }
    await().until(() -> rejectedNotJson() == (Double.isNaN(before) ? 0 : before) + 1);
  }

  private double rejectedNotJson() {
    return hub.metric("kuzet_ingest_rejected_total", "reason=\"NOT_JSON\"");
  }

  private int stored(String postId) {
    return (int) hub.telemetry.points.stream().filter(t -> t.postId().value().equals(postId)).count();
  }

  private static Telemetry telemetry(String postId, long seq) {
    return new Telemetry(new PostId(postId), Instant.now(), "boot-d", seq,
        new Readings(-5.0, 40.0, 12.6, true, false, false, false, true, false, false, 0));
  }
}
