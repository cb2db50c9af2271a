package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One sample of a post's sensors and outputs. A null field means "not fitted or not readable now";
 * a faulty sensor is reported once as a SENSOR_FAULT event and then simply left out here. {@code outboxPurged}: how many
 * messages the post's full outbox has dropped since it was created, by kind (TELEMETRY, MOTION, COMMAND_ACK, ...).
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
    Integer outboxDepth,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.Map<String, Long> outboxPurged) {

  /** A sample that says nothing about purged messages (as posts before the field did). */
  public Readings(Double temperatureC, Double humidityPct, Double batteryV, Boolean mainsPresent, Boolean doorOpen,
                  Boolean tamper, Boolean motion, Boolean floodlightsOn, Boolean interiorLightOn, Boolean beaconOn,
                  Integer outboxDepth) {
    this(temperatureC, humidityPct, batteryV, mainsPresent, doorOpen, tamper, motion, floodlightsOn, interiorLightOn,
        beaconOn, outboxDepth, null);
  }

  public Readings {
    outboxPurged = Envelope.counts(outboxPurged, "readings.outboxPurged");
    Envelope.range(temperatureC, "readings.temperatureC", -80, 100);
    Envelope.range(humidityPct, "readings.humidityPct", 0, 100);
    Envelope.range(batteryV, "readings.batteryV", 0, 60);
    Envelope.range(outboxDepth, "readings.outboxDepth", 0, Integer.MAX_VALUE);
  }

  public static Readings empty() {
    return new Readings(null, null, null, null, null, null, null, null, null, null, null);
  }
}
