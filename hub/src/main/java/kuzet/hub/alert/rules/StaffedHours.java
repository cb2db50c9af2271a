package kuzet.hub.alert.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import kuzet.protocol.PostSetting.Window;

/**
 * A daily window in which a post is staffed by schedule ({@code 08:00-20:00}; may cross midnight), or none, in the
 * hub's time zone. The window is the same kind an admin sets centrally ({@link kuzet.protocol.PostSetting#STAFFED_HOURS}).
 */
public record StaffedHours(Window window, ZoneId zone) {

  /** The hub's own config value ({@code alerts.staffedHours}, {@code rules.<scope>.staffedHours}). */
  public static StaffedHours parse(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return new StaffedHours(Window.NONE, zone);
    }
    String[] parts = text.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not a window like 08:00-20:00");
    }
    try {
      return new StaffedHours(new Window(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())), zone);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a window like 08:00-20:00: " + e.getParsedString()
          + " is not a time of day");
    }
  }

  public boolean covers(Instant at) {
    return window.covers(at.atZone(zone).toLocalTime());
  }
}
