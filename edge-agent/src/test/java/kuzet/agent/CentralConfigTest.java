package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kuzet.protocol.Birth;
import kuzet.protocol.CommandAck;
import kuzet.protocol.PostConfig;
import kuzet.protocol.PostId;
import kuzet.protocol.Telemetry;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's CONFIG at a real agent through a real Mosquitto: checked as the agent's file is, applied, acknowledged. */
class CentralConfigTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir
  Path dir;

  private static long telemetry(Recorder r) {
    return r.messages.stream().filter(Telemetry.class::isInstance).count();
  }

  private static UUID send(Recorder hub, PostId id, long version, Map<String, String> settings) throws Exception {
    UUID commandId = UUID.randomUUID();
    hub.raw("posts/" + id + "/config", hub.codec.encode(new PostConfig(id, Instant.now(), "hub", 1, commandId, version,
        settings)));
    return commandId;
  }

  private static CommandAck ack(Recorder hub, UUID commandId) {
    return await().atMost(WAIT).until(() -> hub.acks(commandId).findFirst().orElse(null), a -> a != null);
  }

  @Test
  void theHubsConfigChangesTheTelemetryIntervalAtOnceAndAnOlderVersionIsIgnored() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("telemetry.intervalS", "3600"))) {
      await().atMost(WAIT).until(post.agent::connected);
      var id = post.cfg.postId();
      CommandAck applied = ack(hub, send(hub, id, 2, Map.of("telemetry.intervalS", "1")));
      assertThat(applied.ok()).isTrue();
      assertThat(applied.detail()).containsEntry("configVersion", "2").doesNotContainKey("restart");
      await().atMost(Duration.ofSeconds(6)).until(() -> telemetry(hub) >= 3);
      assertThat(hub.messages).filteredOn(Telemetry.class::isInstance).map(m -> ((Telemetry) m).configVersion())
          .contains(2L);

      send(hub, id, 1, Map.of("telemetry.intervalS", "3600"));
      long before = telemetry(hub);
      await().atMost(Duration.ofSeconds(6)).until(() -> telemetry(hub) >= before + 3);
    }
  }

  @Test
  void anOutOfRangeValueIsRefusedWholeWithAnAckNamingTheKeyAndNothingIsApplied() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("telemetry.intervalS", "3600"))) {
      await().atMost(WAIT).until(post.agent::connected);
      CommandAck refused = ack(hub, send(hub, post.cfg.postId(), 1,
          Map.of("telemetry.intervalS", "1", "panic.holdMs", "20000")));
      assertThat(refused.ok()).isFalse();
      assertThat(refused.error()).isEqualTo("refused: panic.holdMs: 20000 is out of range [0, 10000]");
      assertThat(refused.detail()).containsEntry("reason", "INVALID_CONFIG").containsEntry("key", "panic.holdMs")
          .containsEntry("configVersion", "1");
      CommandAck unknown = ack(hub, send(hub, post.cfg.postId(), 2, Map.of("mqtt.url", "tcp://elsewhere:1883")));
      assertThat(unknown.error()).startsWith("refused: mqtt.url: is set only in the post's own configuration file");
      Thread.sleep(1500); // the 1 s interval of the refused config would have sent a sample by now
      assertThat(telemetry(hub)).isZero();
    }
  }

  @Test
  void anInteriorScheduleIsRefusedByAPostWithoutAnInteriorLight() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("hardware.profile", "district-point"))) {
      await().atMost(WAIT).until(post.agent::connected);
      assertThat(post.agent.lighting().hasInterior()).isFalse();
      CommandAck refused = ack(hub, send(hub, post.cfg.postId(), 1, Map.of("lighting.interiorHours", "18:00-08:00")));
      assertThat(refused.error()).isEqualTo("refused: lighting.interiorHours: this post has no interior light");
    }
  }

  @Test
  void aDebounceChangeWaitsForARestartAndTheAppliedVersionOutlivesIt() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false)) {
      PostId id;
      try (TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
        await().atMost(WAIT).until(post.agent::connected);
        id = post.cfg.postId();
        CommandAck applied = ack(hub, send(hub, id, 5, Map.of("panic.holdMs", "400", "motion.cooldownS", "5")));
        assertThat(applied.ok()).isTrue();
        assertThat(applied.detail()).containsEntry("configVersion", "5").containsEntry("restart", "panic.holdMs");
        await().atMost(WAIT).until(() -> births(hub).anyMatch(b -> Long.valueOf(5).equals(b.configVersion())));
      }
      hub.messages.clear();
      try (TestPost again = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
        // no CONFIG this time: what the post runs came from its disk
        await().atMost(WAIT).until(() -> births(hub).anyMatch(b -> Long.valueOf(5).equals(b.configVersion())));
        UUID resent = send(hub, id, 5, Map.of("panic.holdMs", "400", "motion.cooldownS", "5"));
        assertThat(ack(hub, resent).detail()).containsEntry("configVersion", "5").doesNotContainKey("restart");
      }
    }
  }

  private static java.util.stream.Stream<Birth> births(Recorder hub) {
    return hub.messages.stream().filter(Birth.class::isInstance).map(Birth.class::cast);
  }

  @Test
  void theHubsSelfTestHourReschedulesTheDailySelfTestAtOnce() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
      await().atMost(WAIT).until(post.agent::connected);
      java.time.ZoneId zone = post.cfg.zone();
      int hour = (java.time.ZonedDateTime.now(zone).getHour() + 2) % 24;
      if (hour == post.cfg.selfTestHour()) {
        hour = (hour + 1) % 24; // so that only the hub's config can explain the new schedule
      }
      send(hub, post.cfg.postId(), 1, Map.of("selftest.hour", Integer.toString(hour)));
      Duration expected = kuzet.agent.selftest.SelfTest.delayToNext(hour, zone, java.time.Clock.systemUTC());
      await().atMost(WAIT).until(() -> post.agent.nextSelfTestIn()
          .filter(d -> d.minus(expected).abs().compareTo(Duration.ofSeconds(30)) < 0).isPresent());
    }
  }
}
