package kuzet.agent;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kuzet.protocol.PostConfig;
import kuzet.protocol.Telemetry;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralConfigTest {
  @TempDir
  Path dir;

  private static long telemetry(Recorder r) {
    return r.messages.stream().filter(Telemetry.class::isInstance).count();
  }

  @Test
  void theHubsConfigChangesTheTelemetryIntervalAndAnOlderVersionIsIgnored() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of("telemetry.intervalS", "3600"))) {
      await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
      var id = post.cfg.postId();
      PostConfig fast = new PostConfig(id, Instant.now(), "hub", 1, 2, 1, null, null, null, null);
      hub.raw("posts/" + id + "/config", hub.codec.encode(fast));
      await().atMost(Duration.ofSeconds(6)).until(() -> telemetry(hub) >= 3);

      PostConfig stale = new PostConfig(id, Instant.now(), "hub", 2, 1, 3600, null, null, null, null);
      hub.raw("posts/" + id + "/config", hub.codec.encode(stale));
      long before = telemetry(hub);
      await().atMost(Duration.ofSeconds(6)).until(() -> telemetry(hub) >= before + 3);
    }
  }

  @Test
  void theHubsSelfTestHourReschedulesTheDailySelfTestAtOnce() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
         Recorder hub = new Recorder(broker.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), broker.url(), Map.of())) {
      await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
      java.time.ZoneId zone = post.cfg.zone();
      int hour = (java.time.ZonedDateTime.now(zone).getHour() + 2) % 24;
      if (hour == post.cfg.selfTestHour()) {
        hour = (hour + 1) % 24; // so that only the hub's config can explain the new schedule
      }
      var id = post.cfg.postId();
      hub.raw("posts/" + id + "/config", hub.codec.encode(
          new PostConfig(id, Instant.now(), "hub", 1, 1, null, null, hour, null, null)));
      int configured = hour;
      Duration expected = kuzet.agent.selftest.SelfTest.delayToNext(configured, zone, java.time.Clock.systemUTC());
      await().atMost(Duration.ofSeconds(10)).until(() -> post.agent.nextSelfTestIn()
          .filter(d -> d.minus(expected).abs().compareTo(Duration.ofSeconds(30)) < 0).isPresent());
    }
  }
}
