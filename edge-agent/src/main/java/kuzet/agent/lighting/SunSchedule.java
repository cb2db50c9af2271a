package kuzet.agent.lighting;

import java.time.Instant;
import java.time.ZoneOffset;
import org.shredzone.commons.suncalc.SunTimes;

/** Whether it is dark at the post: between sunset and sunrise (upper limb, with refraction), via commons-suncalc. */
public record SunSchedule(double latitude, double longitude) {
  public boolean isDark(Instant at) {
    SunTimes t = SunTimes.compute().on(at.atZone(ZoneOffset.UTC)).at(latitude, longitude).fullCycle().execute();
    if (t.isAlwaysUp()) {
      return false;
    }
    if (t.isAlwaysDown()) {
      return true;
    }
    // The next event after 'at' tells the phase: a rise still ahead means the sun is down now.
    if (t.getRise() == null) {
      return false;
    }
    if (t.getSet() == null) {
      return true;
    }
    return t.getRise().isBefore(t.getSet());
  }
}
