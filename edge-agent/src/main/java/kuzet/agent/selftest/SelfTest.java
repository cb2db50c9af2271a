package kuzet.agent.selftest;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kuzet.agent.hardware.Board;
import kuzet.agent.hardware.Input;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.hardware.Output;
import kuzet.agent.hardware.OutputRole;
import kuzet.agent.hardware.SensorFault;
import kuzet.agent.reporting.Events;
import kuzet.protocol.EventKind;

/**
 * Closes the panic button's contact through the test line and waits for the press through the debouncer
 * ({@code panicInput}), switches each lamp on and off and reads its current sense, reads each sensor, writes and reads
 * back the outbox, and reports a SELF_TEST_RESULT: each part "ok" or what is wrong with it, {@code failed} naming the
 * parts that are not. A lamp without a current-sense input fails: nothing could tell a dead lamp from a lit one. The
 * LEDs have no current sense and are only read back from the driver.
 * Postponed while a panic is active (the beacon and lights belong to the resident then), never skipped: the
 * postponement is reported once as SELF_TEST_POSTPONED and the test is tried again every {@code retry} until it runs.
 */
public final class SelfTest {
  /** How long a lamp is held on or off before its current sense is read: drivers and sensors need a moment. */
  static final Duration LAMP_SETTLE = Duration.ofMillis(250);
  private final Board board;
  private final Events events;
  private final BooleanSupplier panicActive;
  private final Runnable restoreOutputs;
  private final ScheduledExecutorService scheduler;
  private final Duration retry;
  private final java.util.function.Supplier<java.util.Optional<String>> outboxCheck;
  private final ButtonCheck button;
  private ScheduledFuture<?> postponed;

  /** outboxCheck: writes and reads back the outbox database; empty when that works, else what went wrong. */
  private java.util.Set<String> lastFailed = java.util.Set.of();

  public SelfTest(Board board, Events events, BooleanSupplier panicActive, Runnable restoreOutputs,
                  ScheduledExecutorService scheduler, Duration retry,
                  java.util.function.Supplier<java.util.Optional<String>> outboxCheck, ButtonCheck button) {
    this.outboxCheck = outboxCheck;
    this.button = button;
    this.scheduler = scheduler;
    this.retry = retry;
    this.board = board;
    this.events = events;
    this.panicActive = panicActive;
    this.restoreOutputs = restoreOutputs;
  }

  private void postpone() {
    if (postponed == null) {
      events.emit(EventKind.SELF_TEST_POSTPONED, Map.of("reason", "panic active", "retryS",
          Long.toString(retry.toSeconds())));
    } else {
      postponed.cancel(false);
    }
    postponed = scheduler.schedule(this::run, retry.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Time from now to the next {@code hour}:00 local time (a quiet hour, so nobody is startled by the beacon). */
  public static Duration delayToNext(int hour, ZoneId zone, Clock clock) {
    ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
    ZonedDateTime next = now.withHour(hour).withMinute(0).withSecond(0).withNano(0);
    if (!next.isAfter(now)) {
      next = next.plusDays(1);
    }
    return Duration.between(now, next);
  }

  /** The parts the last self-test found failing (empty after a pass or before any test). */
  public synchronized java.util.Set<String> lastFailed() {
    return lastFailed;
  }

  public synchronized boolean run() {
    if (panicActive.getAsBoolean()) {
      postpone();
      return false;
    }
    if (postponed != null) {
      postponed.cancel(false);
      postponed = null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    result.put("panicInput", button.run());
    outputs(result);
    sensors(result);
    result.put("outbox", outboxCheck.get().orElse("ok"));
    restoreOutputs.run();
    String failed = result.entrySet().stream().filter(e -> !e.getValue().equals("ok")).map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.joining(","));
    boolean passed = failed.isEmpty();
    lastFailed = passed ? java.util.Set.of() : java.util.Set.of(failed.split(","));
    result.put("passed", Boolean.toString(passed));
    if (!passed) {
      // the hub names these in SELF_TEST_FAILED
      result.put("failed", failed);
    }
    events.emit(EventKind.SELF_TEST_RESULT, result);
    return passed;
  }

  private void outputs(Map<String, String> result) {
    for (OutputRole role : OutputRole.values()) {
      Output o = board.output(role).orElse(null);
      if (o == null || role == OutputRole.SIREN || role == OutputRole.PANIC_TEST) {
        continue; // the siren is not sounded by an unattended test; the test line had its own check
      }
      boolean was = o.isOn();
      Optional<InputRole> sense = InputRole.feedbackOf(role);
      if (sense.isPresent()) {
        result.put(role.key(), board.input(sense.get()).map(in -> lamp(o, in))
            .orElse("no current sense (input." + sense.get().key() + ") in the hardware profile: the lamp cannot be tested"));
      } else {
        o.set(true);
        boolean on = o.isOn();
        o.set(false);
        result.put(role.key(), on && !o.isOn() ? "ok" : "stuck");
      }
      o.set(was);
    }
  }

  /** On, then off, each held for the current sense to follow; the lamp must draw current only while it is on. */
  private static String lamp(Output lamp, Input sense) {
    lamp.set(true);
    pause();
    boolean lit = sense.isActive();
    lamp.set(false);
    pause();
    boolean dark = !sense.isActive();
    if (!lit) {
      return "no current when switched on: lamp, fuse, relay or wiring";
    }
    return dark ? "ok" : "current while switched off: relay stuck closed or current sense wiring";
  }

  private static void pause() {
    try {
      Thread.sleep(LAMP_SETTLE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sensors(Map<String, String> result) {
    try {
      board.climate().read();
      result.put("bme280", "ok");
    } catch (SensorFault f) {
      result.put("bme280", f.getMessage());
    }
    try {
      board.battery().volts();
      result.put("ads1115", "ok");
    } catch (SensorFault f) {
      result.put("ads1115", f.getMessage());
    }
  }
}
