package kuzet.provisioning.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kuzet.agent.Agent;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.hub.Chromium;
import kuzet.hub.auth.Argon2Passwords;
import kuzet.hub.auth.AuthSettings;
import kuzet.hub.auth.OperatorService;
import kuzet.hub.auth.OperatorStore;
import kuzet.hub.auth.Role;
import kuzet.hub.auth.SessionAccess;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.PostId;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * An admin changes a post's settings on the board in a real Chromium; the hub publishes the CONFIG through a real
 * Mosquitto to a real agent, which applies it and reports its version, and the board shows it applied. A setting the
 * post cannot take is refused by the agent and the refusal shows on the board. A post that was away when a change was
 * made gets it when it comes back, after the retained copy was cleared, through its birth.
 */
class RemoteConfigFromTheBoardTest {
  private static final String POST = "cfg-post-1";
  private static final String PASSWORD = "config-admin-pass-1";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aChangeMadeOnTheBoardIsAppliedByTheAgentAndARefusalIsShown(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Chromium.available(), "Chromium and chromedriver are installed");
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of())) {
      registerWithAnAdmin(hub);
      try (SessionAccess access = SessionAccess.open(hub.config().store(), AuthSettings.DEFAULT, Clock.systemUTC())) {
        hub.start(access);
        try (RunningPost running = startAgent(dir, broker);
             Chromium browser = new Chromium(dir.resolve("chromium"))) {
          browser.signIn(hub.base(), "chief", PASSWORD);
          browser.click("tr[data-post-id='" + POST + "'] button.link");
          browser.waitUpTo(WAIT).until(d -> browser.find(".config-status").isDisplayed());
          assertThat(browser.read(".config-status").text()).contains("не управляет");

          change(browser, "telemetry.intervalS", "2");
          browser.waitUpTo(WAIT).until(d -> "applied".equals(browser.read("#detail .config-status").state()));
          assertThat(browser.read("#detail .config-status").text()).contains("нужна 1, на посту 1");
          long before = points(hub);
          await().atMost(Duration.ofSeconds(10)).until(() -> points(hub) >= before + 2); // every 2 s now

          change(browser, "lighting.interiorHours", "18:00-08:00");
          browser.waitUpTo(WAIT).until(d -> "refused".equals(browser.read("#detail .config-status").state()));
          assertThat(browser.read("#detail .config-status").text())
              .contains("lighting.interiorHours: this post has no interior light");
          browser.waitUpTo(WAIT).until(d -> browser.read("tr[data-post-id='" + POST + "']").text()
              .contains("пост отказался от настроек"));
          browser.screenshot("remote-config-refused");
          assertThat(browser.consoleErrors()).isEmpty();
        }
      }
    }
  }

  @Test
  void aPostThatWasAwayGetsTheChangeWhenItReconnectsWithoutTheRetainedCopy(@TempDir Path dir) throws Exception {
    try (TestBroker broker = TestBroker.mosquitto(dir.resolve("broker"));
         HubHarness hub = new HubHarness(dir.resolve("hub"), broker, Map.of())) {
      registerWithAnAdmin(hub);
      hub.start();
      startAgent(dir, broker).close(); // it has been online once, then goes away
      HubHarness.Response r = hub.post("/api/config", "{\"post\":\"" + POST + "\",\"settings\":{\"telemetry.intervalS\":2}}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      // as on a broker node that has neither the retained CONFIG nor the post's session (with the CONFIG queued in it):
      // the post's own client id with a clean start drops the session, and an empty retained message the CONFIG
      MqttClient cleaner = new MqttClient(broker.url(), POST, new MemoryPersistence());
      MqttConnectionOptions clean = new MqttConnectionOptions();
      clean.setCleanStart(true);
      clean.setSessionExpiryInterval(0L);
      cleaner.connect(clean);
      Thread.sleep(200); // the hub's retained CONFIG is on the broker by now
      cleaner.publish("posts/" + POST + "/config", new byte[0], 1, true);
      cleaner.disconnect();
      cleaner.close();
      try (RunningPost agent = startAgent(dir, broker)) {
        await().atMost(WAIT).until(() -> "applied".equals(state(hub)));
        long before = points(hub);
        await().atMost(Duration.ofSeconds(10)).until(() -> points(hub) >= before + 2);
      }
    }
  }

  private static void change(Chromium browser, String key, String value) {
    browser.waitUpTo(WAIT).until(d -> new Select(browser.find("#detail select[name=key]")).getOptions().size() > 1);
    new Select(browser.find("#detail select[name=key]")).selectByValue(key);
    browser.find("#detail input[name=value]").clear();
    browser.find("#detail input[name=value]").sendKeys(value);
    browser.click("#detail .config-apply");
    browser.waitUpTo(WAIT).until(d -> browser.read("#detail .config-result").cls().contains("ok"));
  }

  private static String state(HubHarness hub) {
    var post = hub.get("/api/posts/" + POST).json();
    return post.has("config") ? post.get("config").get("state").asText() : "none";
  }

  private static long points(HubHarness hub) {
    return hub.telemetry.points.stream().filter(p -> p.postId().value().equals(POST)).count();
  }

  private static void registerWithAnAdmin(HubHarness hub) {
    try (JdbcPostRegistry r = JdbcPostRegistry.open(hub.config().store())) {
      r.register(new RegisteredPost(new PostId(POST), PostType.DISTRICT_POINT, "Пост настроек", "Алатауский", 43.24, 76.85,
          Instant.parse("2026-11-01T00:00:00Z"), null, null, null));
    }
    try (OperatorStore store = OperatorStore.open(hub.config().store())) {
      new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, Clock.systemUTC())
          .create("test", "chief", Role.ADMIN, PASSWORD);
    }
  }

  /** A real agent and the mock board it drives. */
  private record RunningPost(Pi4jBoard hw, Agent agent) implements AutoCloseable {
    @Override
    public void close() {
      agent.close();
      hw.close();
    }
  }

  /** A real agent on Pi4J's mock board: a district point, which has no interior light. */
  private static RunningPost startAgent(Path dir, TestBroker broker) {
    AgentConfig cfg = ConfigLoader.fromMap(Map.of("post.id", POST, "mqtt.url", broker.url(),
        "data.dir", dir.resolve("agent").toString(), "hardware.platform", "mock", "hardware.profile", "district-point",
        "selftest.hour", "-1", "mqtt.reconnectMinMs", "100", "mqtt.reconnectMaxMs", "500",
        "telemetry.intervalS", "3600"), Map.of());
    Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), AgentConfig.Platform.MOCK);
    Agent agent = new Agent(cfg, hw.board(), Clock.systemUTC(), null, 1).start();
    await().atMost(WAIT).until(agent::connected);
    return new RunningPost(hw, agent);
  }
}
