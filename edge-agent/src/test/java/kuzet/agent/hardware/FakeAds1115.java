package kuzet.agent.hardware;

import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;

/**
 * An ADS1115's four 16-bit registers behind its address pointer (datasheet 9.6): conversion (0 after power-up) and
 * config (reset 0x8583). Writing OS=1 in single-shot mode starts a conversion; config reads OS=0 for the next
 * {@code busyPolls} reads and the conversion register keeps its old value until the conversion is done.
 */
final class FakeAds1115 extends MockI2C {
  private final int busyPolls;
  private int conversion;
  private int config = 0x8583;
  private int counts;
  private long busyLeft;
  int lastConfigWritten = -1;

  FakeAds1115(I2CProvider provider, I2CConfig config, int busyPolls) {
    super(provider, config);
    this.busyPolls = busyPolls;
  }

  /** What AIN0 reads, in counts, on the next conversion. */
  FakeAds1115 input(int counts) {
    this.counts = counts;
    return this;
  }

  @Override
  public int readRegister(int pointer, byte[] buffer, int offset, int length) {
    int word;
    if (pointer == 1) {
      if (busyLeft > 0 && --busyLeft == 0) {
        conversion = counts;
        config |= 0x8000;
      }
      word = config;
    } else {
      word = pointer == 0 ? conversion : 0;
    }
    buffer[offset] = (byte) (word >> 8);
    if (length > 1) {
      buffer[offset + 1] = (byte) word;
    }
    return Math.min(length, 2);
  }

  @Override
  public int writeRegister(int pointer, byte[] data, int offset, int length) {
    if (pointer == 1 && length == 2) {
      lastConfigWritten = ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
      config = lastConfigWritten & 0x7FFF;
      if ((lastConfigWritten & 0x8000) != 0 && (lastConfigWritten & 0x0100) != 0) {
        busyLeft = busyPolls + 1L;
      }
    }
    return length;
  }
}
