package kuzet.provisioning.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import kuzet.agent.Agent;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.OutputRole;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.hub.testing.HubHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent whose test line to the panic button and floodlight current sense are cut, and the real hub through its
 * embedded broker: an operator's SELF_TEST comes back failed, and the board's SELF_TEST_FAILED names both parts and
 * why, with no PANIC raised by the test's own press.
 */
class SelfTestFailedNamesPartsTest {
  private static final String POST = "selftest-post-1";

  @Test
  void aCutTestLineAndADeadFloodlightAreNamedInSelfTestFailed(@TempDir Path dir) throws Exception {
    try (HubHarness hub = HubHarness.withEmbeddedBroker(dir.resolve("hub"), Map.of("broker.auth", "none"))
        .register(POST).start()) {
      AgentConfig cfg = ConfigLoader.fromMap(Map.of("post.id", POST, "mqtt.url", hub.brokerUrl(),
          "data.dir", dir.resolve("agent").toString(), "hardware.platform", "mock", "selftest.hour", "-1"), Map.of());
      try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), AgentConfig.Platform.MOCK)) {
        hw.mockWiring().cut(OutputRole.PANIC_TEST);
        hw.mockWiring().cut(OutputRole.FLOODLIGHTS);
        try (Agent agent = new Agent(cfg, hw.board(), Clock.systemUTC(), null, 1).start()) {
          await().atMost(Duration.ofSeconds(30)).until(agent::connected);
          assertThat(hub.post("/api/posts/" + POST + "/commands", "{\"name\":\"SELF_TEST\"}").status()).isEqualTo(200);
          JsonNode alert = await().atMost(Duration.ofSeconds(20)).until(() -> alert(hub, "SELF_TEST_FAILED"),
              a -> a != null);
          String detail = alert.get("history").get(0).get("detail").asText();
          assertThat(detail).contains("panicInput (no press came through the button input")
              .contains("floodlights (no current when switched on");
          assertThat(alert(hub, "PANIC")).as("the self-test's press is not a resident's").isNull();
          assertThat(agent.panic().active()).isFalse();
        }
      }
    }
  }

  private static JsonNode alert(HubHarness hub, String type) {
    for (JsonNode a : hub.get("/api/alerts").json()) {
      if (a.path("postId").asText().equals(POST) && a.path("type").asText().equals(type)) {
        return a;
      }
    }
    return null;
  }
}
