package kuzet.hub.alert.rules;

/** Alert types raised by the post-condition rules (PANIC and POST_OFFLINE live in {@code AlertTypes}). */
public final class AlertingTypes {
  public static final String TAMPER = "TAMPER";
  public static final String DOOR_OPEN_UNATTENDED = "DOOR_OPEN_UNATTENDED";
  public static final String MAINS_LOST = "MAINS_LOST";
  public static final String BATTERY_LOW = "BATTERY_LOW";
  public static final String TEMPERATURE_OUT_OF_RANGE = "TEMPERATURE_OUT_OF_RANGE";
  public static final String LAMP_FAULT = "LAMP_FAULT";
  public static final String SENSOR_FAULT = "SENSOR_FAULT";
  public static final String HARDWARE_FAULT = "HARDWARE_FAULT";
  public static final String SELF_TEST_FAILED = "SELF_TEST_FAILED";
  public static final String SELF_TEST_MISSING = "SELF_TEST_MISSING";
  public static final String SEQUENCE_GAP = "SEQUENCE_GAP";
  public static final String CLOCK_SKEW = "CLOCK_SKEW";

  private AlertingTypes() {}
}
