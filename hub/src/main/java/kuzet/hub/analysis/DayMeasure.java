package kuzet.hub.analysis;

import java.util.Locale;

/** What the hub adds up per post and day ({@code post_days}): seconds of a state, or counts of events. */
public enum DayMeasure {
  ONLINE_S, LIT_S, NIGHT_LIT_S, MAINS_OUT_S, MAINS_OUTAGES, LAMP_FAULTS, SENSOR_FAULTS, SELF_TESTS_PASSED,
  SELF_TESTS_FAILED, DOOR_OPENED, TAMPER;

  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
