package kuzet.agent.hardware;

import com.pi4j.io.i2c.I2C;

/**
 * Battery voltage through an ADS1115 ADC (single-shot, AIN0 against GND, +-4.096 V range) behind a resistor divider.
 * Datasheet (SBAS444, 9.6.3): writing OS=1 starts one conversion; while it runs the config register reads OS=0, and the
 * conversion register still holds the previous result (0 after power-up), so the result is read only once OS reads 1.
 */
final class Ads1115 implements BatterySensor {
  private static final int CONVERSION = 0x00;
  private static final int CONFIG = 0x01;
  // OS=1 (start), MUX=100 (AIN0/GND), PGA=001 (4.096 V), MODE=1 (single shot); 128 SPS, comparator off.
  private static final byte[] START_AIN0 = {(byte) 0xC3, (byte) 0x83};
  private static final int OS_IDLE = 0x80;
  // one conversion at 128 SPS takes 1/128 s; the internal oscillator may be 10 % slow
  private static final long CONVERSION_MS = 8;
  private static final long GIVE_UP_MS = 100;
  private final I2C device;
  private final double dividerRatio;

  Ads1115(I2C device, double dividerRatio) {
    this.device = device;
    this.dividerRatio = dividerRatio;
  }

  @Override
  public double volts() throws SensorFault {
    byte[] raw = new byte[2];
    try {
      device.writeRegister(CONFIG, START_AIN0, 0, 2);
      Conversion.await("ADS1115", CONVERSION_MS, GIVE_UP_MS, this::idle);
      if (device.readRegister(CONVERSION, raw, 0, 2) != 2) {
        throw new SensorFault("ADS1115 returned a short read");
      }
    } catch (RuntimeException e) {
      throw new SensorFault("ADS1115 did not answer: " + e.getMessage());
    }
    return volts(raw);
  }

  private boolean idle() {
    byte[] config = new byte[2];
    if (device.readRegister(CONFIG, config, 0, 2) != 2) {
      throw new IllegalStateException("short read of the config register");
    }
    return (config[0] & OS_IDLE) != 0;
  }

  private double volts(byte[] raw) throws SensorFault {
    int counts = (short) (((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF));
    double v = counts * 4.096 / 32768.0 * dividerRatio;
    if (v < 1.0 || v > 30.0) {
      throw new SensorFault("ADS1115 reading " + String.format("%.2f", v) + " V is not a plausible battery voltage");
    }
    return v;
  }
}
