package kuzet.agent.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.agent.link.Identity;
import kuzet.agent.outbox.Outbox;
import kuzet.agent.reporting.Events;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.agent.hardware.Debouncer;
import kuzet.agent.hardware.Input;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.panic.PanicInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfTestPostponedTest {
  @TempDir
  Path dir;

  @Test
  void aSelfTestDueDuringAPanicIsPostponedOnceReportedAndRunsWhenThePanicIsOver() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    // the button's debouncer has a thread of its own, as in the agent: the self-test waits for it on the other
    ScheduledExecutorService safety = Executors.newSingleThreadScheduledExecutor();
    ProtocolCodec codec = ProtocolCodec.defaults();
    AtomicBoolean panic = new AtomicBoolean(true);
    try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load("district-point"), AgentConfig.Platform.MOCK);
         Outbox outbox = new Outbox(dir.resolve("o.db"), 100, 1000)) {
      SelfTest test = new SelfTest(hw.board(), new Events(new Identity(new PostId("st-1"), Clock.systemUTC()), codec,
          outbox), panic::get, () -> { }, scheduler, Duration.ofMillis(50), outbox::selfCheck, button(hw, safety));
      assertThat(test.run()).isFalse();
      List<EventKind> kinds = new ArrayList<>();
      // several retries pass while the panic lasts; the postponement is reported once
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> outbox.depth() == 1);
      panic.set(false);
      await().atMost(Duration.ofSeconds(5)).until(() -> outbox.depth() == 2);
      for (var h = outbox.head(); h.isPresent(); h = outbox.head()) {
        kinds.add(((Event) codec.decode(h.get().topic(), h.get().payload())).kind());
        outbox.remove(h.get().id());
      }
      assertThat(kinds).containsExactly(EventKind.SELF_TEST_POSTPONED, EventKind.SELF_TEST_RESULT);
    } finally {
      scheduler.shutdownNow();
      safety.shutdownNow();
    }
  }

  @Test
  void aSelfTestWithNoSensorsAndABrokenOutboxFailsNamingThoseParts() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    // the button's debouncer has a thread of its own, as in the agent: the self-test waits for it on the other
    ScheduledExecutorService safety = Executors.newSingleThreadScheduledExecutor();
    ProtocolCodec codec = ProtocolCodec.defaults();
    try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load("district-point"), AgentConfig.Platform.MOCK);
         Outbox outbox = new Outbox(dir.resolve("o.db"), 100, 1000);
         Outbox broken = new Outbox(dir.resolve("broken.db"), 100, 1000)) {
      broken.close();
      // the mock platform's I2C answers nothing: both sensors are absent
      SelfTest test = new SelfTest(hw.board(), new Events(new Identity(new PostId("st-2"), Clock.systemUTC()), codec,
          outbox), () -> false, () -> { }, scheduler, Duration.ofMinutes(1), broken::selfCheck, button(hw, safety));
      assertThat(test.run()).isFalse();
      var h = outbox.head().orElseThrow();
      Event result = (Event) codec.decode(h.topic(), h.payload());
      assertThat(result.attributes()).containsEntry("passed", "false").containsEntry("failed", "bme280,ads1115,outbox")
          .containsEntry("floodlights", "ok").containsEntry("panicInput", "ok");
      assertThat(result.attributes().get("outbox")).startsWith("outbox write/read failed");
    } finally {
      scheduler.shutdownNow();
      safety.shutdownNow();
    }
  }

  /** The button's path as the agent wires it: contact, debouncer, presses; a resident's press would fail the test. */
  static ButtonCheck button(Pi4jBoard hw, ScheduledExecutorService safety) {
    Input contact = hw.board().input(InputRole.PANIC_BUTTON).orElseThrow();
    PanicInput presses = new PanicInput(contact, () -> {
      throw new AssertionError("the self-test's press raised a PANIC");
    });
    contact.onChange(Debouncer.button(Duration.ofMillis(20), Duration.ofMillis(50), safety, presses::press)::edge);
    return new ButtonCheck(hw.board(), presses, Duration.ofMillis(20), Duration.ofMillis(50));
  }
}
