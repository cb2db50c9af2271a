package kuzet.agent.simulator;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.function.BooleanSupplier;
import kuzet.agent.hardware.BatterySensor;
import kuzet.agent.hardware.ClimateSensor;

/**
 * Cabinet climate and battery for a simulated post in Almaty in November: about -3 C before dawn to +8 C mid
 * afternoon, humid at night; a 12 V lead-acid battery floating at 13.6 V on mains and sagging without it. Seeded.
 */
final class SeasonalSensors implements ClimateSensor, BatterySensor {
  private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
  private final Clock clock;
  private final Random random;
  private final double offset;
  private final BooleanSupplier mains;
  private double battery = 13.6;

  SeasonalSensors(Clock clock, long seed, BooleanSupplier mains) {
    this.clock = clock;
    this.random = new Random(seed);
    this.offset = random.nextGaussian() * 0.8;
    this.mains = mains;
  }

  @Override
  public synchronized Climate read() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(ALMATY));
    double hour = now.getHour() + now.getMinute() / 60.0;
    // coldest near 06:00, warmest near 15:00
    double phase = Math.cos((hour - 15.0) / 24.0 * 2 * Math.PI);
    double temp = 2.5 + 5.5 * phase + offset + random.nextGaussian() * 0.2;
    double hum = Math.max(35, Math.min(98, 75 - 15 * phase + random.nextGaussian() * 2));
    return new Climate(temp, hum);
  }

  @Override
  public synchronized double volts() {
    battery = mains.getAsBoolean() ? Math.min(13.6, battery + 0.05) : Math.max(11.2, battery - 0.02);
    return battery + random.nextGaussian() * 0.02;
  }
}
