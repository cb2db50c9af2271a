package kuzet.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.DecodeException.Reason;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flood of bad payloads is counted per reason in /metrics and does not stop a PANIC behind it. */
class MalformedTrafficTest {
  static final String POST = "alatau-bad";

  @TempDir
  Path dir;

  static String event(String postId, String extra) {
    return "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"" + postId + "\",\"ts\":\"" + Instant.now()
        + "\",\"bootId\":\"b1\",\"seq\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"kind\":\"DOOR_OPENED\"" + extra + "}";
  }

  /** One malformed payload per reason; the topic is the post's events topic unless the case says otherwise. */
  static Map<Reason, IntFunction<String[]>> cases() {
    String events = "posts/" + POST + "/events";
    Map<Reason, IntFunction<String[]>> m = new LinkedHashMap<>();
    // over the payload limit but under the packet limit: larger packets the broker already refuses to deliver
    m.put(Reason.TOO_LARGE, i -> new String[] {events, "{\"x\":\"" + "a".repeat(66_000) + "\"}"});
    m.put(Reason.NOT_JSON, i -> new String[] {events, "not json " + i});
    m.put(Reason.NOT_AN_OBJECT, i -> new String[] {events, "[" + i + "]"});
    m.put(Reason.UNSUPPORTED_SCHEMA, i -> new String[] {events, event(POST, "").replace("\"schema\":1", "\"schema\":9")});
    m.put(Reason.UNKNOWN_TYPE, i -> new String[] {events, event(POST, "").replace("\"EVENT\"", "\"GOSSIP\"")});
    m.put(Reason.MISSING_FIELD, i -> new String[] {events, event(POST, "").replace("\"kind\":\"DOOR_OPENED\"", "\"k\":1")});
    m.put(Reason.WRONG_TYPE, i -> new String[] {events, event(POST, "").replace("\"seq\":1", "\"seq\":\"one\"")});
    m.put(Reason.INVALID_VALUE, i -> new String[] {events, event(POST, "").replace("\"bootId\":\"b1\"", "\"bootId\":\"no spaces\"")});
    m.put(Reason.POST_ID_MISMATCH, i -> new String[] {events, event("alatau-other", "")});
    m.put(Reason.WRONG_TOPIC, i -> new String[] {"posts/" + POST + "/telemetry", event(POST, "")});
    m.put(Reason.FUTURE_TIMESTAMP, i -> new String[] {events,
        event(POST, "").replaceFirst("\"ts\":\"[^\"]+\"", "\"ts\":\"2099-01-01T00:00:00Z\"")});
    return m;
  }

  @Test
  void thousandMalformedPayloadsOfElevenKindsAreCountedPerReasonAndAPanicStillGetsThrough() throws Exception {
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
         HubHarness h = new HubHarness(dir.resolve("hub"), broker, Map.of()).register(POST).start()) {
      var cases = cases();
      Map<Reason, Integer> sent = new LinkedHashMap<>();
      MqttClient attacker = new MqttClient(broker.url(), "attacker", new MemoryPersistence());
      try {
        attacker.connect(new MqttConnectionOptions());
        var kinds = cases.entrySet().stream().toList();
        for (int i = 0; i < 1_000; i++) {
          var kind = kinds.get(i % kinds.size());
          String[] tp = kind.getValue().apply(i);
          attacker.publish(tp[0], tp[1].getBytes(StandardCharsets.UTF_8), 1, false);
          sent.merge(kind.getKey(), 1, Integer::sum);
        }
        attacker.disconnect();
      } finally {
        attacker.close(true);
      }
      await().until(() -> h.metric("kuzet_ingest_received_total", null) >= 1_000);
      for (var e : sent.entrySet()) {
        assertThat(h.metric("kuzet_ingest_rejected_total", "reason=\"" + e.getKey() + "\""))
            .as("rejected %s", e.getKey()).isEqualTo(e.getValue().doubleValue());
      }

      try (FakePost agent = new FakePost(broker.url(), POST, "boot-1", 30)) {
        agent.publish(agent.panic(UUID.randomUUID()), false);
        await().until(() -> h.get("/api/alerts").json().size() == 1);
      }
      assertThat(h.get("/health").status()).isEqualTo(200);
    }
  }
}
