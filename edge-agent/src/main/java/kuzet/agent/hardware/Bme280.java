package kuzet.agent.hardware;

import com.pi4j.io.i2c.I2C;

/**
 * Temperature and humidity from a Bosch BME280 (forced mode, x1 oversampling), using the datasheet's
 * floating-point compensation (BST-BME280-DS002, 8.1). The chip id is checked on every read so a swapped or missing part
 * is a fault, not garbage. A forced measurement takes up to 9.3 ms at x1 (datasheet 9.1); until it is done the data
 * registers hold the previous result, or the reset values 0x80000/0x8000 after power-up, so the driver waits for the
 * status register's measuring bit to clear and refuses reset values.
 */
final class Bme280 implements ClimateSensor {
  private static final int CHIP_ID = 0xD0;
  private static final int BME280_ID = 0x60;
  private static final int STATUS = 0xF3;
  private static final int MEASURING = 0x08;
  private static final int SKIPPED_T = 0x80000;
  private static final int SKIPPED_H = 0x8000;
  private final I2C device;
  private double[] t;
  private double[] h;

  Bme280(I2C device) {
    this.device = device;
  }

  @Override
  public Climate read() throws SensorFault {
    try {
      int id = device.readRegister(CHIP_ID);
      if (id != BME280_ID) {
        throw new SensorFault("BME280 chip id is 0x" + Integer.toHexString(id) + ", expected 0x60");
      }
      if (t == null) {
        loadCalibration();
      }
      device.writeRegister(0xF2, (byte) 0x01);
      device.writeRegister(0xF4, (byte) 0x25);
      Conversion.await("BME280", 10, 100, () -> (device.readRegister(STATUS) & MEASURING) == 0);
      byte[] d = read(0xFA, 5);
      int adcT = ((d[0] & 0xFF) << 12) | ((d[1] & 0xFF) << 4) | ((d[2] & 0xFF) >> 4);
      int adcH = ((d[3] & 0xFF) << 8) | (d[4] & 0xFF);
      if (adcT == SKIPPED_T || adcH == SKIPPED_H) {
        throw new SensorFault("BME280 data registers hold their reset values: no measurement was made");
      }
      return compensate(adcT, adcH);
    } catch (RuntimeException e) {
      throw new SensorFault("BME280 did not answer: " + e.getMessage());
    }
  }

  /** The datasheet's double-precision formulas; t_fine, which carries into humidity, is a 32-bit integer there. */
  private Climate compensate(int adcT, int adcH) throws SensorFault {
    double var1 = (adcT / 16384.0 - t[0] / 1024.0) * t[1];
    double var2 = (adcT / 131072.0 - t[0] / 8192.0) * (adcT / 131072.0 - t[0] / 8192.0) * t[2];
    double tempC = (var1 + var2) / 5120.0;
    double hum = (int) (var1 + var2) - 76800.0;
    hum = (adcH - (h[3] * 64.0 + h[4] / 16384.0 * hum))
        * (h[1] / 65536.0 * (1.0 + h[5] / 67108864.0 * hum * (1.0 + h[2] / 67108864.0 * hum)));
    hum = hum * (1.0 - h[0] * hum / 524288.0);
    if (tempC < -60 || tempC > 90 || Double.isNaN(hum)) {
      throw new SensorFault("BME280 reading " + tempC + " C is not plausible");
    }
    return new Climate(tempC, Math.max(0, Math.min(100, hum)));
  }

  private void loadCalibration() {
    byte[] c = read(0x88, 6);
    t = new double[] {u16(c, 0), s16(c, 2), s16(c, 4)};
    int h1 = device.readRegister(0xA1) & 0xFF;
    byte[] e = read(0xE1, 7);
    double h4 = ((e[3]) << 4) | (e[4] & 0x0F);
    double h5 = ((e[5]) << 4) | ((e[4] & 0xFF) >> 4);
    h = new double[] {h1, s16(e, 0), e[2] & 0xFF, h4, h5, e[6]};
  }

  private byte[] read(int register, int n) {
    byte[] b = new byte[n];
    if (device.readRegister(register, b, 0, n) != n) {
      throw new IllegalStateException("short read at register 0x" + Integer.toHexString(register));
    }
    return b;
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
  }

  private static int s16(byte[] b, int i) {
    return (short) u16(b, i);
  }
}
