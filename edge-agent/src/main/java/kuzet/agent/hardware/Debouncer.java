package kuzet.agent.hardware;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a contact's raw edges into settled changes: the contact must keep one state for the whole settle time, and every
 * edge restarts the wait; a change is reported only when the settled state differs from the one reported last, so a
 * burst of bounces that ends where it began reports nothing. Pi4J's mock inputs bypass Pi4J's own debounce, and gpiod's
 * is optional, so this logic is always the agent's: one class for the panic button and every other contact.
 */
public final class Debouncer {
  private static final Logger LOG = LoggerFactory.getLogger(Debouncer.class);
  private final long settleMs;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Boolean> onSettled;
  private ScheduledFuture<?> pending;
  private boolean raw;
  private boolean reported;

  /** initial: the state taken as already reported (the contact's state at start; false for a button). */
  public Debouncer(Duration settle, ScheduledExecutorService scheduler, boolean initial, Consumer<Boolean> onSettled) {
    this.settleMs = settle.toMillis();
    this.scheduler = scheduler;
    this.onSettled = onSettled;
    this.raw = initial;
    this.reported = initial;
  }

  /** A push button: one press per closure held through the bounce window and then the hold time. */
  public static Debouncer button(Duration debounce, Duration hold, ScheduledExecutorService scheduler, Runnable onPress) {
    return new Debouncer(debounce.plus(hold), scheduler, false, closed -> {
      if (closed) {
        onPress.run();
      }
    });
  }

  /** Feed every raw edge here; {@code active} is the contact's new raw state. A settle time of 0 reports at once. */
  public void edge(boolean active) {
    synchronized (this) {
      raw = active;
      if (settleMs > 0) {
        schedule();
        return;
      }
    }
    settled();
  }

  private void schedule() {
    if (pending != null) {
      pending.cancel(false);
    }
    pending = scheduler.schedule(this::settled, settleMs, TimeUnit.MILLISECONDS);
  }

  private void settled() {
    boolean changed;
    boolean state;
    synchronized (this) {
      state = raw;
      changed = raw != reported;
      reported = raw;
      pending = null;
    }
    if (changed) {
      try {
        onSettled.accept(state);
      } catch (RuntimeException e) {
        // a scheduled task's exception would vanish silently, and the next change must still be reported
        LOG.error("reporting a settled input change failed", e);
      }
    }
  }
}
