package kuzet.protocol;

/** What happened at a post. */
public enum EventKind {
  PANIC,
  PANIC_REPEAT,
  DOOR_OPENED,
  DOOR_CLOSED,
  TAMPER,
  MAINS_LOST,
  MAINS_RESTORED,
  MOTION,
  LAMP_FAULT,
  SENSOR_FAULT,
  SELF_TEST_RESULT,
  /** The scheduled self-test could not run now (a panic is active) and will be tried again: postponed, not skipped. */
  SELF_TEST_POSTPONED,
  /** A part of the post (GPIO, I2C bus, a sensor, a pin) is missing or failing: the post runs degraded. */
  HARDWARE_FAULT,
  /**
   * Where an agent update stands: attribute {@code state} (DOWNLOADING, REFUSED, INSTALLED, COMMITTED, ROLLED_BACK),
   * {@code version}, and on REFUSED or ROLLED_BACK a {@code reason} and {@code detail}.
   */
  UPDATE_STATUS;

  /** PANIC and PANIC_REPEAT belong to an incident and must name it. */
  public boolean belongsToIncident() {
    return this == PANIC || this == PANIC_REPEAT;
  }
}
