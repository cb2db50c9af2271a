package kuzet.agent.hardware;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Pi4J's mock I2C provider, handing out chip models instead of its plain {@link MockI2C}. Pi4J's MockI2C keeps a FIFO
 * of bytes per register (a read consumes what a write appended, a multi-byte read never moves on to the next register),
 * so it cannot hold a chip's register file or a busy flag that clears by itself; these models can, behind the same
 * {@link I2C} interface the drivers use on a Pi. Registered under the mock provider's own id, {@code mock-i2c}.
 */
final class FakeChips extends MockI2CProviderImpl {
  private final Map<Integer, BiFunction<FakeChips, I2CConfig, I2C>> byAddress;

  FakeChips(Map<Integer, BiFunction<FakeChips, I2CConfig, I2C>> byAddress) {
    this.byAddress = byAddress;
  }

  @Override
  public I2C create(I2CConfig config) {
    var chip = byAddress.get(config.device());
    I2C i2c = chip == null ? new MockI2C(this, config) : chip.apply(this, config);
    context.registry().add(i2c);
    return i2c;
  }
}
