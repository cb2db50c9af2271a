package kuzet.agent.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.agent.link.Identity;
import kuzet.agent.outbox.Outbox;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import kuzet.protocol.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Door, tamper, mains and motion: debounced like the panic button, each with its own settle time. */
class InputEventsTest {
  static final AgentConfig.ContactDebounce NO_DEBOUNCE = new AgentConfig.ContactDebounce(Duration.ZERO, Duration.ZERO,
      Duration.ZERO, Duration.ZERO);
  @TempDir
  Path dir;
  final ProtocolCodec codec = new ProtocolCodec(Topics.defaults(), Clock.systemUTC());
  final MutableClock clock = new MutableClock(Instant.EPOCH);
  ScheduledExecutorService scheduler;
  Pi4jBoard hw;
  Outbox outbox;
  final List<EventKind> kinds = new ArrayList<>();

  @BeforeEach
  void open() {
    scheduler = Executors.newSingleThreadScheduledExecutor();
    hw = Pi4jBoard.open(HardwareProfile.load("modular-post"), AgentConfig.Platform.MOCK);
    outbox = new Outbox(dir.resolve("o.db"), 100, 1000);
  }

  @AfterEach
  void close() {
    scheduler.shutdownNow();
    outbox.close();
    hw.close();
  }

  private void watch(AgentConfig.ContactDebounce debounce) {
    new Reporter(hw.board(), new Events(new Identity(new PostId("inputs-1"), Clock.systemUTC()), codec, outbox),
        clock, Duration.ofSeconds(60), debounce, scheduler).watchInputs();
  }

  private MockDigitalInput pin(String id) {
    return hw.context().registry().get(id, MockDigitalInput.class);
  }

  private void bounce(MockDigitalInput in, int times, DigitalState end) {
    for (int i = 0; i < times; i++) {
      in.mockState(DigitalState.HIGH);
      in.mockState(DigitalState.LOW);
    }
    in.mockState(end);
  }

  /** Runs every settle timer already due: the scheduler has one thread and runs due tasks in order. */
  private void drain() throws Exception {
    scheduler.schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get();
  }

  private List<EventKind> events() {
    for (var h = outbox.head(); h.isPresent(); h = outbox.head()) {
      try {
        kinds.add(((Event) codec.decode(h.get().topic(), h.get().payload())).kind());
      } catch (kuzet.protocol.DecodeException e) {
        throw new AssertionError(e);
      }
      outbox.remove(h.get().id());
    }
    return kinds;
  }

  @Test
  void bouncingContactsGiveOneEventPerSettledChangeAndABlipGivesNone() {
    pin("mains").mockState(DigitalState.HIGH);
    watch(new AgentConfig.ContactDebounce(Duration.ofMillis(40), Duration.ofMillis(20), Duration.ofMillis(60),
        Duration.ofMillis(20)));
    bounce(pin("door"), 20, DigitalState.HIGH);
    await().atMost(Duration.ofSeconds(5)).until(() -> events().contains(EventKind.DOOR_OPENED));
    bounce(pin("door"), 20, DigitalState.LOW);
    bounce(pin("tamper"), 20, DigitalState.HIGH);
    bounce(pin("mains"), 20, DigitalState.LOW);
    // a mains blip and a door rattle that end where they began
    await().atMost(Duration.ofSeconds(5)).until(() -> events().size() == 4);
    bounce(pin("mains"), 5, DigitalState.HIGH);
    pin("mains").mockState(DigitalState.LOW);
    bounce(pin("door"), 5, DigitalState.LOW);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> events().size() == 4);
    assertThat(events()).containsExactlyInAnyOrder(EventKind.DOOR_OPENED, EventKind.DOOR_CLOSED, EventKind.TAMPER,
        EventKind.MAINS_LOST);
  }

  @Test
  void eachContactWaitsForItsOwnSettleTime() {
    pin("mains").mockState(DigitalState.HIGH);
    watch(new AgentConfig.ContactDebounce(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(800),
        Duration.ofMillis(10)));
    pin("mains").mockState(DigitalState.LOW);
    pin("door").mockState(DigitalState.HIGH);
    await().atMost(Duration.ofSeconds(2)).until(() -> events().contains(EventKind.DOOR_OPENED));
    assertThat(events()).as("mains.debounceMs is longer than door.debounceMs").doesNotContain(EventKind.MAINS_LOST);
    await().atMost(Duration.ofSeconds(5)).until(() -> events().contains(EventKind.MAINS_LOST));
  }

  @Test
  void motionRespectsItsCooldownAfterDebouncing() throws Exception {
    watch(NO_DEBOUNCE);
    MockDigitalInput motion = pin("motion");
    for (int s : new int[] {0, 10, 59, 60, 61, 130}) {
      clock.set(Instant.EPOCH.plusSeconds(s));
      motion.mockState(DigitalState.HIGH);
      drain();
      motion.mockState(DigitalState.LOW);
      drain();
    }
    assertThat(events()).containsExactly(EventKind.MOTION, EventKind.MOTION, EventKind.MOTION);
  }
}
