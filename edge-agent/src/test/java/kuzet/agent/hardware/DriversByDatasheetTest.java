package kuzet.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import kuzet.agent.config.AgentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BME280 and ADS1115 drivers on the mock platform, through Pi4J's I2C interface and the board the agent builds,
 * against chip models that hold byte-level register contents (see {@link FakeChips} for why Pi4J's MockI2C cannot).
 */
class DriversByDatasheetTest {
  // modular-post: BME280 at 0x76, ADS1115 at 0x48, 4:1 battery divider
  private static final HardwareProfile PROFILE = HardwareProfile.load("modular-post");
  @TempDir
  Path dir;
  FakeBme280 bme;
  FakeAds1115 ads;

  private Pi4jBoard board(int bmeBusyPolls, int adsBusyPolls) {
    return Pi4jBoard.open(PROFILE, AgentConfig.Platform.MOCK, dir, new FakeChips(Map.of(
        PROFILE.bme280Address(), (p, c) -> bme = new FakeBme280(p, c, bmeBusyPolls),
        PROFILE.ads1115Address(), (p, c) -> ads = new FakeAds1115(p, c, adsBusyPolls))));
  }

  /**
   * The compensation example Bosch publishes (BMP280 datasheet BST-BMP280-DS001, 3.12, Table 16; the BME280's
   * temperature formula and calibration layout are the same): dig_T1 27504, dig_T2 26435, dig_T3 -1000 and adc_T 519888
   * give t_fine 128422 and 25.08 C. This is the first read after power-up, while the chip is still measuring.
   */
  @Test
  void bme280TemperatureIsTheDatasheetsWorkedExampleOnTheFirstReadAfterPowerUp() throws Exception {
    try (Pi4jBoard hw = board(3, 3)) {
      bme.calibration(27504, 26435, -1000, 75, 362, 0, 313, 50, 30).nextMeasurement(519888, 30000);
      ClimateSensor.Climate c = hw.board().climate().read();
      assertThat(c.temperatureC()).isCloseTo(25.08, within(0.005));
      assertThat(bme.measurements).isEqualTo(1);
    }
  }

  /**
   * The BME280 datasheet gives no humidity example, so the driver's double-precision result is checked against the
   * datasheet's own 32-bit integer formula (BST-BME280-DS002, 4.2.3), which resolves 1/1024 %RH, over a range of raw
   * values, with calibration words whose dig_H4/dig_H5 share register 0xE5 and one of them negative.
   */
  @Test
  void bme280HumidityAgreesWithTheDatasheetsIntegerFormula() throws Exception {
    int[][] cal = {{75, 362, 0, 313, 50, 30}, {75, 370, 0, 305, -20, 30}};
    for (int[] h : cal) {
      for (int adcH : new int[] {20000, 27000, 30000, 36000}) {
        try (Pi4jBoard hw = board(2, 2)) {
          bme.calibration(27504, 26435, -1000, h[0], h[1], h[2], h[3], h[4], h[5]).nextMeasurement(519888, adcH);
          double expected = humidityInt32(519888, adcH, 27504, 26435, -1000, h) / 1024.0;
          assertThat(hw.board().climate().read().humidityPct()).as("adc_H %d, dig_H %s", adcH, java.util.Arrays.toString(h))
              .isCloseTo(expected, within(0.01));
        }
      }
    }
  }

  @Test
  void aBme280ThatNeverFinishesMeasuringIsAFaultNotItsResetValues() {
    try (Pi4jBoard hw = board(Integer.MAX_VALUE, 2)) {
      bme.calibration(27504, 26435, -1000, 75, 362, 0, 313, 50, 30).nextMeasurement(519888, 30000);
      assertThatThrownBy(() -> hw.board().climate().read()).isInstanceOf(SensorFault.class)
          .hasMessage("BME280 measurement not complete after 100 ms");
    }
  }

  /** 26400 counts at +-4.096 V full scale are 3.3 V at AIN0, 13.2 V behind the 4:1 divider (SBAS444, 9.3.3). */
  @Test
  void ads1115FirstReadAfterPowerUpWaitsForTheConversionInsteadOfReadingZero() throws Exception {
    try (Pi4jBoard hw = board(2, 3)) {
      ads.input(26400);
      assertThat(hw.board().battery().volts()).isCloseTo(13.2, within(0.001));
      // OS=1, AIN0 against GND, +-4.096 V, single shot, 128 SPS, comparator disabled
      assertThat(ads.lastConfigWritten).isEqualTo(0xC383);
      ads.input(25000);
      assertThat(hw.board().battery().volts()).as("each read is a fresh conversion").isCloseTo(12.5, within(0.001));
    }
  }

  @Test
  void anAds1115ThatNeverFinishesIsAFault() {
    try (Pi4jBoard hw = board(2, Integer.MAX_VALUE)) {
      ads.input(26400);
      assertThatThrownBy(() -> hw.board().battery().volts()).isInstanceOf(SensorFault.class)
          .hasMessage("ADS1115 measurement not complete after 100 ms");
    }
  }

  /** bme280_compensate_H_int32 from the datasheet, transcribed; returns %RH in Q22.10. */
  private static long humidityInt32(int adcT, int adcH, int t1, int t2, int t3, int[] h) {
    int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
    int var2 = (((((adcT >> 4) - t1) * ((adcT >> 4) - t1)) >> 12) * t3) >> 14;
    int tFine = var1 + var2;
    int v = tFine - 76800;
    v = (((((adcH << 14) - (h[3] << 20) - (h[4] * v)) + 16384) >> 15)
        * (((((((v * h[5]) >> 10) * (((v * h[2]) >> 11) + 32768)) >> 10) + 2097152) * h[1] + 8192) >> 14));
    v = v - (((((v >> 15) * (v >> 15)) >> 7) * h[0]) >> 4);
    v = Math.max(0, Math.min(419430400, v));
    return v >> 12;
  }
}
