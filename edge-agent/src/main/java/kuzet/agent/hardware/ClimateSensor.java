package kuzet.agent.hardware;

/** Temperature and humidity inside the post's cabinet. */
public interface ClimateSensor {
  Climate read() throws SensorFault;

  record Climate(double temperatureC, double humidityPct) {}
}
