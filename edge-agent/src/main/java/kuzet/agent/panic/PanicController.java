package kuzet.agent.panic;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import kuzet.agent.lighting.Lighting;
import kuzet.agent.reporting.Events;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident's call. A press reacts locally first (beacon strobe, floodlights, fast button LED) without touching the
 * network, then stores the PANIC in the outbox. The hub's PANIC_* commands move the button LED through its states;
 * until PANIC_RECEIVED arrives the same PANIC (same eventId, {@code resends} counting) is stored again every bound, and
 * the LED says "still trying". The incident owns one outbox row per kind: a copy still waiting there is rewritten, not
 * joined by another, and further presses are one PANIC_REPEAT row whose {@code repeat} says how many there were.
 */
public final class PanicController {
  private static final Logger LOG = LoggerFactory.getLogger(PanicController.class);

  /** Where the resident's call stands. */
  public enum State { IDLE, SENDING, STILL_TRYING, RECEIVED, ACKED, DISPATCHED }

  private final Blinker beacon;
  private final Blinker buttonLed;
  private final Lighting lighting;
  private final Events events;
  private final ScheduledExecutorService scheduler;
  private final Duration receivedTimeout;
  private final IncidentStore store;
  private State state = State.IDLE;
  private UUID incident;
  private Event panic;
  private int resends;
  private int repeats;
  private ScheduledFuture<?> retry;

  public PanicController(Blinker beacon, Blinker buttonLed, Lighting lighting, Events events,
                         ScheduledExecutorService scheduler, Duration receivedTimeout, IncidentStore store) {
    this.beacon = beacon;
    this.buttonLed = buttonLed;
    this.lighting = lighting;
    this.events = events;
    this.scheduler = scheduler;
    this.receivedTimeout = receivedTimeout;
    this.store = store;
  }

  /** After a restart mid-incident: beacon and floodlights back on, the LED where the call stood. */
  public synchronized void restore() {
    store.load().ifPresent(saved -> {
      LOG.warn("resuming incident {} ({}) after a restart", saved.incidentId(), saved.state());
      incident = saved.incidentId();
      state = saved.state() == State.SENDING ? State.STILL_TRYING : saved.state();
      beacon.show(LedPattern.STROBE);
      lighting.panic(true);
      buttonLed.show(pattern(state));
    });
  }

  private static LedPattern pattern(State s) {
    return switch (s) {
      case IDLE -> LedPattern.OFF;
      case SENDING -> LedPattern.SENDING;
      case STILL_TRYING -> LedPattern.STILL_TRYING;
      case RECEIVED -> LedPattern.RECEIVED;
      case ACKED -> LedPattern.STEADY;
      case DISPATCHED -> LedPattern.DISPATCHED;
    };
  }

  /** A debounced press of the panic button. */
  public synchronized void press() {
    beacon.show(LedPattern.STROBE);
    lighting.panic(true);
    if (incident != null) {
      LOG.warn("panic button pressed again during incident {}", incident);
      repeats++;
      events.panic(EventKind.PANIC_REPEAT, incident, Map.of("repeat", Integer.toString(repeats)));
      return;
    }
    buttonLed.show(LedPattern.SENDING);
    incident = UUID.randomUUID();
    state = State.SENDING;
    LOG.warn("PANIC pressed: incident {}", incident);
    store.save(incident, state);
    resends = 0;
    repeats = 0;
    panic = events.panic(EventKind.PANIC, incident, Map.of());
    retry = scheduler.scheduleAtFixedRate(this::notReceivedYet, receivedTimeout.toMillis(), receivedTimeout.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private synchronized void notReceivedYet() {
    if (state == State.SENDING || state == State.STILL_TRYING) {
      state = State.STILL_TRYING;
      buttonLed.show(LedPattern.STILL_TRYING);
      resends++;
      panic = new Event(panic.postId(), panic.ts(), panic.bootId(), panic.seq(), panic.eventId(), panic.kind(),
          panic.incidentId(), Map.of("resends", Integer.toString(resends)));
      events.store(panic);
    }
  }

  /** Applies a PANIC_* command; returns the error for the ack, or empty when applied. */
  public synchronized Optional<String> hubState(CommandName name, UUID incidentId) {
    if (incident == null || !incident.equals(incidentId)) {
      return Optional.of("unknown incident " + incidentId + (incident == null ? ": no panic is active" : ": active is " + incident));
    }
    switch (name) {
      case PANIC_RECEIVED -> {
        if (state == State.SENDING || state == State.STILL_TRYING) {
          to(State.RECEIVED, LedPattern.RECEIVED);
        }
      }
      case PANIC_ACK -> {
        if (state != State.DISPATCHED) {
          to(State.ACKED, LedPattern.STEADY);
        }
      }
      case PANIC_DISPATCHED -> to(State.DISPATCHED, LedPattern.DISPATCHED);
      case PANIC_CLEAR -> clear();
      default -> {
        return Optional.of(name + " is not a panic state");
      }
    }
    return Optional.empty();
  }

  private void to(State s, LedPattern p) {
    state = s;
    buttonLed.show(p);
    stopRetry();
    store.save(incident, s);
  }

  private void clear() {
    stopRetry();
    state = State.IDLE;
    incident = null;
    panic = null;
    store.clear();
    buttonLed.show(LedPattern.OFF);
    beacon.show(LedPattern.OFF);
    lighting.panic(false);
  }

  private void stopRetry() {
    if (retry != null) {
      retry.cancel(false);
      retry = null;
    }
  }

  public synchronized State state() {
    return state;
  }

  public synchronized Optional<UUID> incident() {
    return Optional.ofNullable(incident);
  }

  public synchronized boolean active() {
    return incident != null;
  }
}
