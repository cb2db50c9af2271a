package kuzet.provisioning.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kuzet.agent.Agent;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TcpProxy;
import kuzet.hub.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent and the real hub through the embedded broker, the agent's connection cut 50 times and its panic button
 * pressed 10 times (each incident resolved by an operator, so PANIC_RECEIVED and PANIC_CLEAR are acknowledged): every
 * number `seq` spends reaches the hub, so a healthy post never raises SEQUENCE_GAP.
 */
class SequenceAcrossReconnectsTest {
  private static final String POST = "seq-post-1";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @org.junit.jupiter.api.BeforeEach
  void quickPolls() {
    org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    org.awaitility.Awaitility.setDefaultPollDelay(Duration.ZERO);
  }

  @org.junit.jupiter.api.AfterEach
  void defaultPolls() {
    org.awaitility.Awaitility.reset();
  }

  @Test
  void fiftyReconnectsAndTenPanicsLeaveNoSequenceGap(@TempDir Path dir) throws Exception {
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
         TcpProxy link = new TcpProxy("127.0.0.1", broker.port());
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of("fleet.heartbeatTimeoutS", "86400"))
             .register(POST).start()) {
      AgentConfig cfg = ConfigLoader.fromMap(Map.of("post.id", POST, "mqtt.url", "tcp://127.0.0.1:" + link.port(),
          "data.dir", dir.resolve("agent").toString(), "hardware.platform", "mock", "selftest.hour", "-1",
          "mqtt.reconnectMinMs", "10", "mqtt.reconnectMaxMs", "50", "panic.debounceMs", "0", "panic.holdMs", "0",
          "telemetry.intervalS", "3600"), Map.of());
      try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), AgentConfig.Platform.MOCK);
           Agent agent = new Agent(cfg, hw.board(), Clock.systemUTC(), null, 1).start()) {
        MockDigitalInput button = hw.context().registry().get("panic", MockDigitalInput.class);
        await().atMost(WAIT).until(agent::connected);
        for (int round = 0; round < 10; round++) {
          for (int i = 0; i < 5; i++) {
            link.cut();
            await().atMost(WAIT).until(() -> !agent.connected());
            link.restore();
            await().atMost(WAIT).until(agent::connected);
          }
          button.mockState(DigitalState.HIGH);
          JsonNode alert = await().atMost(WAIT).until(() -> openPanic(hub), a -> a != null);
          button.mockState(DigitalState.LOW);
          assertThat(hub.post("/api/alerts/" + alert.get("id").asText() + "/resolve", "{\"note\":\"test\"}").status())
              .isEqualTo(200);
          await().atMost(WAIT).until(() -> !agent.panic().active());
        }
        // a last message behind everything else: once the hub has it, it has seen every number before it
        agent.reporter().sample();
        await().atMost(WAIT).until(() -> hub.telemetry.points.stream().anyMatch(p -> p.postId().value().equals(POST)));
        assertThat(alerts(hub, "PANIC")).hasSize(10);
        assertThat(alerts(hub, "SEQUENCE_GAP")).isEmpty();
      }
    }
  }

  private static JsonNode openPanic(HubHarness hub) {
    return alerts(hub, "PANIC").stream().filter(a -> a.get("state").asText().equals("OPEN")).findFirst().orElse(null);
  }

  private static List<JsonNode> alerts(HubHarness hub, String type) {
    List<JsonNode> out = new ArrayList<>();
    hub.get("/api/alerts?state=open,acknowledged,resolved").json().forEach(a -> {
      if (a.get("postId").asText().equals(POST) && a.get("type").asText().equals(type)) {
        out.add(a);
      }
    });
    return out;
  }
}
