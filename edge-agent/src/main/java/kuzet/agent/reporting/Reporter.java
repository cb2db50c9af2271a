package kuzet.agent.reporting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.Debouncer;
import kuzet.agent.hardware.Board;
import kuzet.agent.hardware.ClimateSensor;
import kuzet.agent.hardware.Input;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.hardware.Output;
import kuzet.agent.hardware.OutputRole;
import kuzet.agent.hardware.SensorFault;
import kuzet.protocol.EventKind;
import kuzet.protocol.Readings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry samples and on-change events for the door, tamper, mains and motion (each debounced with its own settle
 * time; motion also with a cooldown). A sensor that
 * fails is reported once as SENSOR_FAULT and left out of telemetry until it reads again; the rest keeps flowing.
 */
public final class Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);
  private final Board board;
  private final Events events;
  private final Clock clock;
  private Duration motionCooldown;
  private final Faults faults;
  private final AgentConfig.ContactDebounce debounce;
  private final ScheduledExecutorService scheduler;
  private Instant lastMotion;

  /** debounce: each contact's settle time; scheduler: where settle timers run (never the panic button's thread). */
  public Reporter(Board board, Events events, Clock clock, Duration motionCooldown, AgentConfig.ContactDebounce debounce,
                  ScheduledExecutorService scheduler) {
    this.debounce = debounce;
    this.scheduler = scheduler;
    this.board = board;
    this.events = events;
    this.faults = events.faults();
    this.clock = clock;
    this.motionCooldown = motionCooldown;
  }

  /** Subscribes to the contact inputs; each settled change becomes an event at once. */
  public void watchInputs() {
    watch(InputRole.DOOR, debounce.door(), open -> events.emit(open ? EventKind.DOOR_OPENED : EventKind.DOOR_CLOSED, Map.of()));
    watch(InputRole.TAMPER, debounce.tamper(), t -> {
      if (t) {
        events.emit(EventKind.TAMPER, Map.of());
      }
    });
    watch(InputRole.MAINS, debounce.mains(), p -> events.emit(p ? EventKind.MAINS_RESTORED : EventKind.MAINS_LOST, Map.of()));
    watch(InputRole.MOTION, debounce.motion(), this::motion);
  }

  private void watch(InputRole role, Duration settle, java.util.function.Consumer<Boolean> onSettled) {
    board.input(role).ifPresent(i -> i.onChange(new Debouncer(settle, scheduler, i.isActive(), onSettled)::edge));
  }

  private synchronized void motion(boolean active) {
    Instant now = clock.instant();
    if (active && (lastMotion == null || !now.isBefore(lastMotion.plus(motionCooldown)))) {
      lastMotion = now;
      events.emit(EventKind.MOTION, Map.of());
    }
  }

  /** The hub's central config may change the cooldown at run time. */
  public synchronized void motionCooldown(Duration cooldown) {
    motionCooldown = cooldown;
  }

  /** Reads each sensor once at start, so a sensor that is absent is a fault before the first Birth, not 30 s later. */
  public synchronized void probeSensors() {
    climate();
    battery();
  }

  /** Takes one sample and stores it as telemetry. */
  public synchronized void sample() {
    ClimateSensor.Climate c = climate();
    Double volts = battery();
    events.telemetry(new Readings(c == null ? null : round(c.temperatureC()), c == null ? null : round(c.humidityPct()),
        volts, in(InputRole.MAINS), in(InputRole.DOOR), in(InputRole.TAMPER),
        in(InputRole.MOTION), out(OutputRole.FLOODLIGHTS), out(OutputRole.INTERIOR), out(OutputRole.BEACON),
        events.backlog(), events.purged()));
  }

  private ClimateSensor.Climate climate() {
    try {
      ClimateSensor.Climate c = board.climate().read();
      recovered("bme280");
      return c;
    } catch (SensorFault f) {
      fault("bme280", f);
      return null;
    }
  }

  private Double battery() {
    try {
      double v = round(board.battery().volts());
      recovered("ads1115");
      return v;
    } catch (SensorFault f) {
      fault("ads1115", f);
      return null;
    }
  }

  private void fault(String sensor, SensorFault f) {
    if (faults.add(sensor, f.getMessage())) {
      LOG.warn("sensor {} faulty: {}", sensor, f.getMessage());
      events.emit(EventKind.SENSOR_FAULT, Map.of("sensor", sensor, "reason", f.getMessage()));
    }
  }

  private void recovered(String sensor) {
    if (faults.clear(sensor)) {
      LOG.info("sensor {} reads again", sensor);
    }
  }

  private Boolean in(InputRole r) {
    return board.input(r).map(Input::isActive).orElse(null);
  }

  private Boolean out(OutputRole r) {
    return board.output(r).map(Output::isOn).orElse(null);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
