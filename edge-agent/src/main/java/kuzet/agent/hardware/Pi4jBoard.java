package kuzet.agent.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import kuzet.agent.config.AgentConfig;

/** Builds a {@link Board} on Pi4J: gpiod or linuxfs on a Pi, the mock platform elsewhere. Same agent code on both. */
public final class Pi4jBoard implements AutoCloseable {
  private final Context context;
  private final Board board;

  private Pi4jBoard(Context context, Board board) {
    this.context = context;
    this.board = board;
  }

  public static Pi4jBoard open(HardwareProfile profile, AgentConfig.Platform requested) {
    AgentConfig.Platform platform = resolve(requested);
    Context ctx = platform == AgentConfig.Platform.MOCK
        ? Pi4J.newContextBuilder().add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(), MockI2CProvider.newInstance())
            .build()
        : Pi4J.newContextBuilder().autoDetect().build();
    String prefix = switch (platform) {
      case MOCK -> "mock";
      case GPIOD -> "gpiod";
      default -> "linuxfs";
    };
    String i2cProvider = platform == AgentConfig.Platform.MOCK ? "mock-i2c" : "linuxfs-i2c";
    Map<OutputRole, Output> outputs = new EnumMap<>(OutputRole.class);
    profile.outputs().forEach((role, pin) -> outputs.put(role, output(ctx, prefix, role.key(), pin)));
    Map<InputRole, Input> inputs = new EnumMap<>(InputRole.class);
    profile.inputs().forEach((role, pin) -> inputs.put(role, input(ctx, prefix, role.key(), pin)));
    I2C bme = ctx.create(I2C.newConfigBuilder(ctx).id("bme280").bus(profile.i2cBus()).device(profile.bme280Address())
        .provider(i2cProvider).build());
    I2C ads = ctx.create(I2C.newConfigBuilder(ctx).id("ads1115").bus(profile.i2cBus()).device(profile.ads1115Address())
        .provider(i2cProvider).build());
    Board board = new Board(profile.name(), outputs, inputs, new Bme280(bme), new Ads1115(ads, profile.batteryDividerRatio()));
    return new Pi4jBoard(ctx, board);
  }

  static AgentConfig.Platform resolve(AgentConfig.Platform requested) {
    if (requested != AgentConfig.Platform.AUTO) {
      return requested;
    }
    return Files.exists(Path.of("/dev/gpiochip0")) ? AgentConfig.Platform.GPIOD : AgentConfig.Platform.MOCK;
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

  /** The Pi4J context, so tests and the simulator can reach the mock pins by id. */
  public Context context() {
    return context;
  }

  @Override
  public void close() {
    context.shutdown();
  }
}
