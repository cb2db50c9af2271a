package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One sample of a post's sensors and outputs. A null field means "not fitted or not readable now";
 * a faulty sensor is reported once as a SENSOR_FAULT event and then simply left out here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Readings(
    Double temperatureC,
    Double humidityPct,
    Double batteryV,
    Boolean mainsPresent,
    Boolean doorOpen,
    Boolean tamper,
    Boolean motion,
    Boolean floodlightsOn,
    Boolean interiorLightOn,
    Boolean beaconOn,
    Integer outboxDepth) {

  public Readings {
    Envelope.range(temperatureC, "readings.temperatureC", -80, 100);
    Envelope.range(humidityPct, "readings.humidityPct", 0, 100);
    Envelope.range(batteryV, "readings.batteryV", 0, 60);
    Envelope.range(outboxDepth, "readings.outboxDepth", 0, Integer.MAX_VALUE);
  }

  public static Readings empty() {
    return new Readings(null, null, null, null, null, null, null, null, null, null, null);
  }
}
