package kuzet.agent.hardware;

/** A sensor that is absent or answered with something that cannot be a real reading. */
public final class SensorFault extends Exception {
  public SensorFault(String message) {
    super(message);
  }
}
