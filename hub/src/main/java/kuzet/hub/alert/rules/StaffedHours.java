package kuzet.hub.alert.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** A daily window in which a post is staffed by schedule ({@code 08:00-20:00}; may cross midnight), or none. */
public record StaffedHours(LocalTime from, LocalTime to, ZoneId zone) {

  public static StaffedHours parse(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return new StaffedHours(null, null, zone);
    }
    String[] parts = text.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not a window like 08:00-20:00");
    }
    try {
      return new StaffedHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()), zone);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a window like 08:00-20:00: " + e.getParsedString()
          + " is not a time of day");
    }
  }

  public boolean covers(Instant at) {
    if (from == null) {
      return false;
    }
    LocalTime t = at.atZone(zone).toLocalTime();
    return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
  }
}
