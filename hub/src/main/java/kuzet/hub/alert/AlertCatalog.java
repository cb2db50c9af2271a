package kuzet.hub.alert;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every alert type the hub can raise, rationalised (EEMUA 191 / ISA-18.2): each is either an alarm with a
 * required operator action, or a maintenance notice that goes to the technicians' list and never turns a post
 * red. A rule raising a type missing here fails at start-up, so no type reaches the board un-rationalised.
 * The table is documented in docs/alarms.md.
 */
public final class AlertCatalog {
  private static final Map<String, AlertKind> KINDS = new LinkedHashMap<>();

  static {
    alarm(AlertTypes.PANIC, Severity.CRITICAL, false,
        "A resident pressed the panic button: send the nearest unit now, acknowledge so the post shows help is coming");
    alarm("TAMPER", Severity.CRITICAL, false,
        "The enclosure was forced open: send a unit to look; resolve only after someone has checked the post");
    alarm("DOOR_OPEN_UNATTENDED", Severity.MAJOR, true,
        "The door of a post nobody is on duty at opened: ask the district officer, send a patrol if nobody is expected");
    alarm(AlertTypes.POST_OFFLINE, Severity.MAJOR, true,
        "The post can no longer call for help: check whether its neighbours are offline too (power cut), send a technician");
    alarm("BATTERY_LOW", Severity.MAJOR, true,
        "The post will go dark: a technician must restore power before the time-to-empty in the alert");
    alarm("MAINS_LOST", Severity.MAJOR, true,
        "The post runs on its battery: tell the power company or the technician (a district-wide cut is one grouped alert)");
    alarm("HARDWARE_FAULT", Severity.MAJOR, true,
        "The post's GPIO, I2C bus or a pin did not come up, so its panic button or lights may be dead: tell the district"
            + " officer the post may not be able to call for help, send a technician today");
    maintenance("TEMPERATURE_OUT_OF_RANGE", "Heating or cooling of the post failed: work order for the technician");
    maintenance("LAMP_FAULT", "A lamp does not light: work order for the technician");
    maintenance("SENSOR_FAULT", "A sensor gives no readings: work order for the technician");
    maintenance("SELF_TEST_FAILED", "The post's self-test failed: work order for the technician");
    maintenance("SELF_TEST_MISSING", "The post's daily self-test did not report in time: the technician checks the post");
    maintenance("SEQUENCE_GAP", "Messages from the post were lost: the technician checks its network link");
    maintenance("CLOCK_SKEW", "The post's clock is wrong: the technician checks its time synchronisation");
  }

  private AlertCatalog() {}

  private static void alarm(String type, Severity priority, boolean shelvable, String action) {
    KINDS.put(type, new AlertKind(type, priority, true, shelvable, action));
  }

  private static void maintenance(String type, String action) {
    KINDS.put(type, new AlertKind(type, Severity.MINOR, false, true, action));
  }

  /** The kind of {@code type}; an unknown type is a programming error (rationalise it here first). */
  public static AlertKind of(String type) {
    AlertKind k = KINDS.get(type);
    if (k == null) {
      throw new IllegalArgumentException("alert type " + type + " is not rationalised in AlertCatalog (docs/alarms.md)");
    }
    return k;
  }

  /** Whether {@code type} is an alarm; a type stored by another hub version and unknown here counts as one. */
  public static boolean isAlarm(String type) {
    AlertKind k = KINDS.get(type);
    return k == null || k.alarm();
  }

  /** Whether {@code type} may be shelved; never a type this hub does not know. */
  public static boolean isShelvable(String type) {
    AlertKind k = KINDS.get(type);
    return k != null && k.shelvable();
  }

  public static Collection<AlertKind> all() {
    return KINDS.values();
  }
}
