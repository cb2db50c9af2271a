package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.hardware.OutputRole;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.agent.config.AgentConfig;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-test, asked for over Mosquitto as the hub asks, on the mock platform's wiring of a healthy post: the test
 * line's press must come through the button's pin and debouncer without raising a PANIC, and each lamp must draw
 * current only while it is on. Each cut wire or stuck relay makes the test fail naming the part. (The mock platform's
 * I2C bus has no chips, so bme280 and ads1115 fail in every case here; DriversByDatasheetTest covers them.)
 */
class SelfTestOfWhatMattersTest {
  @TempDir
  Path dir;
  private MosquittoBroker broker;
  private Recorder hub;

  @BeforeEach
  void start() throws Exception {
    broker = MosquittoBroker.start(dir.resolve("broker"));
    hub = new Recorder(broker.url(), "hub", false);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
    broker.close();
  }

  private TestPost post(String profile, Pi4jBoard hw) {
    return new TestPost(dir.resolve("agent-" + System.nanoTime()), broker.url(), Map.of("hardware.profile", profile),
        null, hw);
  }

  private static Pi4jBoard board(String profile) {
    return Pi4jBoard.open(HardwareProfile.load(profile), AgentConfig.Platform.MOCK);
  }

  private Map<String, String> selfTest(TestPost post) throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
    hub.command(post.cfg.postId(), CommandName.SELF_TEST, null, Map.of());
    Event result = await().atMost(Duration.ofSeconds(10))
        .until(() -> hub.events(EventKind.SELF_TEST_RESULT).findFirst().orElse(null), r -> r != null);
    return result.attributes();
  }

  @Test
  void onAHealthyPostTheTestPressComesThroughTheDebouncerAndEachLampByItsCurrentWithoutAPanic() throws Exception {
    try (TestPost post = post("modular-post", null)) {
      Map<String, String> r = selfTest(post);
      assertThat(r).containsEntry("panicInput", "ok").containsEntry("floodlights", "ok")
          .containsEntry("interior", "ok").containsEntry("beacon", "ok").containsEntry("failed", "bme280,ads1115");
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
          .until(() -> hub.events(EventKind.PANIC).count() == 0 && !post.agent.panic().active());
      assertThat(post.output("panicTest").isLow()).as("the test line is opened again").isTrue();
    }
  }

  @Test
  void aCutTestLineAndADeadBeaconFailTheTestNamingBothAndStillNoPanic() throws Exception {
    Pi4jBoard hw = board("district-point");
    hw.mockWiring().cut(OutputRole.PANIC_TEST);
    hw.mockWiring().cut(OutputRole.BEACON);
    try (TestPost post = post("district-point", hw)) {
      Map<String, String> r = selfTest(post);
      assertThat(r).containsEntry("passed", "false").containsEntry("failed", "panicInput,beacon,bme280,ads1115")
          .containsEntry("floodlights", "ok");
      assertThat(r.get("panicInput")).startsWith("no press came through the button input");
      assertThat(r.get("beacon")).startsWith("no current when switched on");
      assertThat(hub.events(EventKind.PANIC)).isEmpty();
    }
  }

  @Test
  void aFloodlightDrawingCurrentWhileSwitchedOffFailsTheTest() throws Exception {
    Pi4jBoard hw = board("district-point");
    hw.mockWiring().cut(OutputRole.FLOODLIGHTS);
    try (TestPost post = post("district-point", hw)) {
      // the relay's contacts welded: current flows whatever the agent commands
      post.hold(InputRole.FLOOD_FEEDBACK);
      Map<String, String> r = selfTest(post);
      assertThat(r).containsEntry("passed", "false").containsEntry("failed", "floodlights,bme280,ads1115");
      assertThat(r.get("floodlights")).startsWith("current while switched off");
    }
  }

  @Test
  void aProfileWithoutTestLineOrCurrentSenseCannotPass() throws Exception {
    Path profile = java.nio.file.Files.writeString(dir.resolve("bare.profile"), String.join("\n",
        "name=bare", "output.floodlights=17", "output.beacon=22", "output.buttonLed=23", "input.panic=5"));
    try (TestPost post = post(profile.toString(), null)) {
      Map<String, String> r = selfTest(post);
      assertThat(r).containsEntry("passed", "false");
      assertThat(r.get("failed").split(",")).contains("panicInput", "floodlights", "beacon");
      assertThat(r.get("panicInput")).contains("output.panicTest");
      assertThat(r.get("floodlights")).contains("input.floodFeedback");
    }
  }

  @Test
  void aResidentWhoPressesAsTheTestLineOpensGetsThePanic() throws Exception {
    try (TestPost post = post("district-point", null)) {
      java.util.concurrent.ScheduledExecutorService hand = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      try {
        // 60 ms after the test line opens, inside the debouncer's settle time (20 + 50 ms), a hand closes the contact
        post.output("panicTest").addListener(e -> {
          if (e.state() == com.pi4j.io.gpio.digital.DigitalState.LOW) {
            hand.schedule(() -> post.hold(InputRole.PANIC_BUTTON), 60, java.util.concurrent.TimeUnit.MILLISECONDS);
          }
        });
        selfTest(post);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.events(EventKind.PANIC).count() == 1);
        assertThat(post.agent.panic().active()).isTrue();
      } finally {
        hand.shutdownNow();
      }
    }
  }
}
