package kuzet.agent.panic;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns raw contact edges into presses: the contact must stay closed through the bounce window and then the hold time;
 * every edge restarts the wait. One press per closure: the contact must open (and settle) before the next press counts.
 * Pi4J's mock inputs bypass Pi4J's own debounce, and gpiod's is optional, so this logic is always the agent's.
 */
public final class Debouncer {
  private final long settleMs;
  private final ScheduledExecutorService scheduler;
  private final Runnable onPress;
  private ScheduledFuture<?> pending;
  private boolean closed;
  private boolean fired;

  public Debouncer(Duration debounce, Duration hold, ScheduledExecutorService scheduler, Runnable onPress) {
    this.settleMs = debounce.plus(hold).toMillis();
    this.scheduler = scheduler;
    this.onPress = onPress;
  }

  /** Feed every raw edge here; {@code active} is true when the contact is closed. */
  public synchronized void edge(boolean active) {
    closed = active;
    if (pending != null) {
      pending.cancel(false);
    }
    pending = scheduler.schedule(this::settled, settleMs, TimeUnit.MILLISECONDS);
  }

  private void settled() {
    boolean press;
    synchronized (this) {
      press = closed && !fired;
      fired = closed;
      pending = null;
    }
    if (press) {
      onPress.run();
    }
  }
}
