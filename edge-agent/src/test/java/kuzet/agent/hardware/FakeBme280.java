package kuzet.agent.hardware;

import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;

/**
 * A BME280's register file (datasheet 5.3): chip id, calibration words, and data registers that hold their reset values
 * (0x80000 temperature, 0x8000 humidity) until a forced measurement has finished. A measurement started by writing
 * mode 01 to ctrl_meas keeps status.measuring set for the next {@code busyPolls} reads of the status register.
 */
final class FakeBme280 extends MockI2C {
  private final byte[] regs = new byte[256];
  private final int busyPolls;
  private int adcT;
  private int adcH;
  private long measuringLeft;
  int measurements;

  FakeBme280(I2CProvider provider, I2CConfig config, int busyPolls) {
    super(provider, config);
    this.busyPolls = busyPolls;
    regs[0xD0] = 0x60;
    data(0x80000, 0x8000);
  }

  /** Calibration as the datasheet's Table 16 lays it out, little-endian words, dig_H4/H5 sharing 0xE5. */
  FakeBme280 calibration(int t1, int t2, int t3, int h1, int h2, int h3, int h4, int h5, int h6) {
    word(0x88, t1);
    word(0x8A, t2);
    word(0x8C, t3);
    regs[0xA1] = (byte) h1;
    word(0xE1, h2);
    regs[0xE3] = (byte) h3;
    regs[0xE4] = (byte) (h4 >> 4);
    regs[0xE5] = (byte) ((h4 & 0x0F) | ((h5 & 0x0F) << 4));
    regs[0xE6] = (byte) (h5 >> 4);
    regs[0xE7] = (byte) h6;
    return this;
  }

  /** What the next forced measurement will find. */
  FakeBme280 nextMeasurement(int adcT, int adcH) {
    this.adcT = adcT;
    this.adcH = adcH;
    return this;
  }

  private void word(int at, int v) {
    regs[at] = (byte) v;
    regs[at + 1] = (byte) (v >> 8);
  }

  private void data(int t, int h) {
    regs[0xFA] = (byte) (t >> 12);
    regs[0xFB] = (byte) (t >> 4);
    regs[0xFC] = (byte) ((t & 0x0F) << 4);
    regs[0xFD] = (byte) (h >> 8);
    regs[0xFE] = (byte) h;
  }

  @Override
  public int readRegister(int register) {
    byte[] b = new byte[1];
    readRegister(register, b, 0, 1);
    return b[0] & 0xFF;
  }

  @Override
  public int readRegister(int register, byte[] buffer, int offset, int length) {
    if (register == 0xF3 && measuringLeft > 0 && --measuringLeft == 0) {
      data(adcT, adcH);
      measurements++;
    }
    regs[0xF3] = (byte) (measuringLeft > 0 ? 0x08 : 0);
    System.arraycopy(regs, register, buffer, offset, length);
    return length;
  }

  @Override
  public int writeRegister(int register, byte b) {
    return writeRegister(register, new byte[] {b}, 0, 1);
  }

  @Override
  public int writeRegister(int register, byte[] data, int offset, int length) {
    System.arraycopy(data, offset, regs, register, length);
    if (register == 0xF4 && (data[offset] & 0x03) == 0x01) {
      measuringLeft = busyPolls + 1L;
    }
    return length;
  }
}
