package kuzet.agent.hardware;

import java.util.function.Consumer;

/**
 * Stands in for a pin or sensor that could not be opened: it never reads active, switches nothing and every sensor read
 * is a fault naming why. The post reports the part as faulty; this only keeps the rest of the agent running.
 */
final class DeadPart implements Input, Output, ClimateSensor, BatterySensor {
  private final String why;

  DeadPart(String why) {
    this.why = why;
  }

  @Override
  public boolean isActive() {
    return false;
  }

  @Override
  public void onChange(Consumer<Boolean> listener) {
    // a pin that is not there never changes
  }

  @Override
  public void set(boolean on) {
    // nothing to drive
  }

  @Override
  public boolean isOn() {
    return false;
  }

  @Override
  public Climate read() throws SensorFault {
    throw new SensorFault(why);
  }

  @Override
  public double volts() throws SensorFault {
    throw new SensorFault(why);
  }
}
