package kuzet.agent.panic;

/**
 * Blink patterns as alternating on/off durations in ms, starting with "on". One distinct pattern per state the resident
 * (or an engineer looking at the status LED) must be able to tell apart.
 */
public enum LedPattern {
  OFF(),
  STEADY(),
  /** Beacon strobe during a panic. */
  STROBE(80, 80),
  /** Button LED: the call is being sent. */
  SENDING(100, 100),
  /** Button LED: no PANIC_RECEIVED within the bound; the agent keeps trying. */
  STILL_TRYING(100, 100, 100, 100, 100, 900),
  /** Button LED: the hub has the call. */
  RECEIVED(500, 500),
  /** Button LED: help is on the way (PANIC_DISPATCHED). */
  DISPATCHED(150, 150, 150, 850),
  /** Status LED: connected, but the hub is not reachable. */
  HUB_UNREACHABLE(1000, 1000),
  /** Status LED: no broker connection. */
  NO_BROKER(200, 1800);

  private final long[] steps;

  LedPattern(long... steps) {
    this.steps = steps;
  }

  long[] steps() {
    return steps.clone();
  }

  boolean blinks() {
    return steps.length > 0;
  }
}
