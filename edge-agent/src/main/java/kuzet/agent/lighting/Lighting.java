package kuzet.agent.lighting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;
import kuzet.agent.hardware.Input;
import kuzet.agent.hardware.Output;
import kuzet.protocol.PostSetting.Window;

/**
 * Floodlights on from sunset to sunrise (or in a fixed daily window the hub may set), operator overrides with an expiry (then back to automatic), forced on while a
 * panic is active. Interior light: off in automatic mode, operator-controlled otherwise. A lamp commanded on whose
 * feedback input says off is reported once as a fault until it works again.
 */
public final class Lighting {
  /** An operator's decision for one lamp until {@code until} (null = until changed). */
  public record Override(boolean on, Instant until) {}

  private final Output flood;
  private final Optional<Output> interior;
  private final Optional<Input> floodFeedback;
  private SunSchedule sun;
  private final Clock clock;
  private final Consumer<String> lampFault;
  private Override floodOverride;
  private Override interiorOverride;
  private boolean panic;
  private boolean faultReported;
  private Window floodHours = Window.NONE;
  private Window interiorHours = Window.NONE;
  private ZoneId zone = ZoneId.of("UTC");

  public Lighting(Output flood, Optional<Output> interior, Optional<Input> floodFeedback, SunSchedule sun, Clock clock,
                  Consumer<String> lampFault) {
    this.flood = flood;
    this.interior = interior;
    this.floodFeedback = floodFeedback;
    this.sun = sun;
    this.clock = clock;
    this.lampFault = lampFault;
  }

  /**
   * Re-evaluates both lamps now; called on a timer and after every change. The fault is reported outside the lock
   * because it writes to the outbox, and a panic press must never wait for the SD card to turn the floodlights on.
   */
  public void apply() {
    if (switchLamps()) {
      lampFault.accept("floodlights");
    }
  }

  private synchronized boolean switchLamps() {
    Instant now = clock.instant();
    if (floodOverride != null && expired(floodOverride, now)) {
      floodOverride = null;
    }
    if (interiorOverride != null && expired(interiorOverride, now)) {
      interiorOverride = null;
    }
    LocalTime local = now.atZone(zone).toLocalTime();
    boolean scheduled = floodHours.equals(Window.NONE) ? sun.isDark(now) : floodHours.covers(local);
    boolean floodOn = panic || (floodOverride != null ? floodOverride.on() : scheduled);
    boolean wasOn = flood.isOn();
    flood.set(floodOn);
    boolean interiorOn = interiorOverride != null ? interiorOverride.on() : interiorHours.covers(local);
    interior.ifPresent(o -> o.set(interiorOn));
    // judge the lamp only once it has been on since the previous evaluation: current sensing needs a moment
    return newFault(wasOn && floodOn, floodOn);
  }

  private boolean newFault(boolean settledOn, boolean commandedOn) {
    if (floodFeedback.isEmpty()) {
      return false;
    }
    boolean lit = floodFeedback.get().isActive();
    if (settledOn && !lit && !faultReported) {
      faultReported = true;
      return true;
    }
    if (lit || !commandedOn) {
      faultReported = false;
    }
    return false;
  }

  private static boolean expired(Override o, Instant now) {
    return o.until() != null && !now.isBefore(o.until());
  }

  /** target: floodlights | interior; on: null for automatic. */
  public Optional<String> command(String target, Boolean on, Instant until) {
    Override o = on == null ? null : new Override(on, until);
    synchronized (this) {
      switch (target) {
        case "floodlights" -> floodOverride = o;
        case "interior" -> {
          if (interior.isEmpty()) {
            return Optional.of("this post has no interior light");
          }
          interiorOverride = o;
        }
        default -> {
          return Optional.of("unknown light target '" + target + "'");
        }
      }
    }
    apply();
    return Optional.empty();
  }

  /** Whether this post has an interior light to schedule. */
  public boolean hasInterior() {
    return interior.isPresent();
  }

  /**
   * Fixed daily windows (local time in {@code zone}) in place of the defaults: floodlights from sunset to sunrise,
   * interior light off. {@link Window#NONE} keeps the default. An operator's override and a panic still come first.
   */
  public void schedule(Window flood, Window interiorWindow, ZoneId zone) {
    synchronized (this) {
      this.floodHours = flood;
      this.interiorHours = interiorWindow;
      this.zone = zone;
    }
    apply();
  }

  /** New coordinates from the hub's central config. */
  public void location(SunSchedule schedule) {
    synchronized (this) {
      sun = schedule;
    }
    apply();
  }

  public void panic(boolean active) {
    synchronized (this) {
      panic = active;
    }
    apply();
  }

  public synchronized boolean floodlightsOn() {
    return flood.isOn();
  }
}
