package kuzet.agent.hardware;

/** The backup battery's voltage. */
public interface BatterySensor {
  double volts() throws SensorFault;
}
