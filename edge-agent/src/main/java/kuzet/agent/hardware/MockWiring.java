package kuzet.agent.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The self-test's wires on Pi4J's mock platform, as on a healthy post (docs/hardware.md): the test line closes the panic
 * button's contact, so its press comes through the same pin and debouncer as a resident's, and each lamp's current
 * sense follows its relay. A test cuts one wire to see the self-test name the part.
 */
public final class MockWiring {
  private final Set<OutputRole> cut = ConcurrentHashMap.newKeySet();

  MockWiring(Context ctx, HardwareProfile profile) {
    for (OutputRole from : profile.outputs().keySet()) {
      Optional<InputRole> to = from == OutputRole.PANIC_TEST ? Optional.of(InputRole.PANIC_BUTTON)
          : InputRole.feedbackOf(from);
      if (to.isPresent() && profile.inputs().containsKey(to.get())) {
        DigitalOutput out = ctx.registry().get(from.key(), DigitalOutput.class);
        MockDigitalInput in = ctx.registry().get(to.get().key(), MockDigitalInput.class);
        out.addListener(e -> {
          if (!cut.contains(from)) {
            in.mockState(e.state());
          }
        });
      }
    }
  }

  /** The wire from this output (the test line, or a lamp to its current sense) no longer carries anything. */
  public void cut(OutputRole from) {
    cut.add(from);
  }
}
