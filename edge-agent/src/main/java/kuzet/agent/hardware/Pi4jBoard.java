package kuzet.agent.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kuzet.agent.config.AgentConfig;

/**
 * Builds a {@link Board} on Pi4J: gpiod or linuxfs on a Pi, the mock platform only when asked for by name. A GPIO chip,
 * I2C bus or pin that cannot be opened is not replaced by a simulation: it becomes a {@link HardwareFault} on the board
 * and a part that does nothing, so the agent still starts, keeps what works, and reports itself degraded.
 */
public final class Pi4jBoard implements AutoCloseable {
  private static final Path DEVICES = Path.of("/dev");
  private final Context context;
  private final Board board;
  private MockWiring wiring;

  private Pi4jBoard(Context context, Board board) {
    this.context = context;
    this.board = board;
  }

  public static Pi4jBoard open(HardwareProfile profile, AgentConfig.Platform requested) {
    return open(profile, requested, DEVICES, MockI2CProvider.newInstance());
  }

  /**
   * devices: where {@code gpiochip0} and {@code i2c-N} are looked for. mockI2c: the I2C provider of the mock platform
   * (tests give one whose devices hold register contents); it must have the id {@code mock-i2c}.
   */
  public static Pi4jBoard open(HardwareProfile profile, AgentConfig.Platform requested, Path devices, I2CProvider mockI2c) {
    AgentConfig.Platform platform = resolve(requested);
    List<HardwareFault> faults = new ArrayList<>();
    if (platform == AgentConfig.Platform.MOCK) {
      Context ctx = Pi4J.newContextBuilder().add(new MockPlatform())
          .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(), mockI2c).build();
      Pi4jBoard mock = build(profile, ctx, "mock", null, null, faults);
      mock.wiring = new MockWiring(ctx, profile);
      return mock;
    }
    String gpioMissing = platform == AgentConfig.Platform.GPIOD ? missing(devices.resolve("gpiochip0"), "no GPIO") : null;
    String i2cMissing = missing(devices.resolve("i2c-" + profile.i2cBus()), "I2C not enabled or not wired");
    Context ctx;
    try {
      // nothing to detect on a machine with neither: Pi4J's native loading would only add its own noise
      ctx = gpioMissing != null && i2cMissing != null ? Pi4J.newContextBuilder().build()
          : Pi4J.newContextBuilder().autoDetect().build();
    } catch (RuntimeException | LinkageError e) {
      ctx = Pi4J.newContextBuilder().build();
      gpioMissing = gpioMissing == null ? "Pi4J did not start: " + e : gpioMissing;
      i2cMissing = i2cMissing == null ? "Pi4J did not start: " + e : i2cMissing;
    }
    return build(profile, ctx, platform == AgentConfig.Platform.GPIOD ? "gpiod" : "linuxfs", gpioMissing, i2cMissing,
        faults);
  }

  private static String missing(Path device, String meaning) {
    return Files.exists(device) ? null : device + " does not exist: " + meaning;
  }

  private static Pi4jBoard build(HardwareProfile profile, Context ctx, String prefix, String gpioMissing,
                                 String i2cMissing, List<HardwareFault> faults) {
    if (gpioMissing != null) {
      faults.add(new HardwareFault("gpio", gpioMissing));
    }
    Map<OutputRole, Output> outputs = new EnumMap<>(OutputRole.class);
    profile.outputs().forEach((role, pin) -> outputs.put(role, gpioMissing != null ? new DeadPart(gpioMissing)
        : opened("gpio." + role.key(), faults, () -> output(ctx, prefix, role.key(), pin))));
    Map<InputRole, Input> inputs = new EnumMap<>(InputRole.class);
    profile.inputs().forEach((role, pin) -> inputs.put(role, gpioMissing != null ? new DeadPart(gpioMissing)
        : opened("gpio." + role.key(), faults, () -> input(ctx, prefix, role.key(), pin))));
    ClimateSensor climate;
    BatterySensor battery;
    if (i2cMissing != null) {
      faults.add(new HardwareFault("i2c", i2cMissing));
      climate = new DeadPart("BME280 not reachable: " + i2cMissing);
      battery = new DeadPart("ADS1115 not reachable: " + i2cMissing);
    } else {
      String provider = prefix.equals("mock") ? "mock-i2c" : "linuxfs-i2c";
      climate = opened("i2c.bme280", faults, () -> new Bme280(i2c(ctx, provider, "bme280", profile.i2cBus(),
          profile.bme280Address())));
      battery = opened("i2c.ads1115", faults, () -> new Ads1115(i2c(ctx, provider, "ads1115", profile.i2cBus(),
          profile.ads1115Address()), profile.batteryDividerRatio()));
    }
    return new Pi4jBoard(ctx, new Board(profile.name(), outputs, inputs, climate, battery, faults));
  }

  /** Opens one part; when it cannot be opened, records why and stands in a part that does nothing. */
  @SuppressWarnings("unchecked")
  private static <T> T opened(String part, List<HardwareFault> faults, java.util.function.Supplier<T> open) {
    try {
      return open.get();
    } catch (RuntimeException | LinkageError e) {
      String why = "cannot open " + part + ": " + e.getMessage();
      faults.add(new HardwareFault(part, why));
      return (T) new DeadPart(why);
    }
  }

  /** Only an explicit {@code mock} gives the mock platform; {@code auto} means the Pi's own GPIO through gpiod. */
  static AgentConfig.Platform resolve(AgentConfig.Platform requested) {
    return requested == AgentConfig.Platform.AUTO ? AgentConfig.Platform.GPIOD : requested;
  }

  private static I2C i2c(Context ctx, String provider, String id, int bus, int address) {
    return ctx.create(I2C.newConfigBuilder(ctx).id(id).bus(bus).device(address).provider(provider).build());
  }

  private static Output output(Context ctx, String prefix, String id, int pin) {
    DigitalOutput out = ctx.create(DigitalOutput.newConfigBuilder(ctx).id(id).address(pin)
        .initial(DigitalState.LOW).shutdown(DigitalState.LOW).provider(prefix + "-digital-output").build());
    return new Output() {
      @Override
      public void set(boolean on) {
        out.state(on ? DigitalState.HIGH : DigitalState.LOW);
      }

      @Override
      public boolean isOn() {
        return out.state() == DigitalState.HIGH;
      }
    };
  }

  private static Input input(Context ctx, String prefix, String id, int pin) {
    DigitalInput in = ctx.create(DigitalInput.newConfigBuilder(ctx).id(id).address(pin)
        .pull(PullResistance.PULL_DOWN).provider(prefix + "-digital-input").build());
    return new Input() {
      @Override
      public boolean isActive() {
        return in.state() == DigitalState.HIGH;
      }

      @Override
      public void onChange(java.util.function.Consumer<Boolean> listener) {
        in.addListener(e -> listener.accept(e.state() == DigitalState.HIGH));
      }
    };
  }

  public Board board() {
    return board;
  }

  /** The wires of the mock platform's healthy post, for a test to cut one; there are none on real hardware. */
  public MockWiring mockWiring() {
    if (wiring == null) {
      throw new IllegalStateException("only the mock platform has simulated wires");
    }
    return wiring;
  }

  /** The Pi4J context, so tests and the simulator can reach the mock pins by id. */
  public Context context() {
    return context;
  }

  @Override
  public void close() {
    context.shutdown();
  }
}
