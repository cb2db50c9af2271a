package kuzet.agent.panic;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import kuzet.agent.hardware.Output;

/** Drives one output with a {@link LedPattern} on a scheduler; switching pattern takes effect at once. */
public final class Blinker {
  private final Output output;
  private final ScheduledExecutorService scheduler;
  private LedPattern pattern = LedPattern.OFF;
  private ScheduledFuture<?> next;
  private int step;
  private long generation;

  public Blinker(Output output, ScheduledExecutorService scheduler) {
    this.output = output;
    this.scheduler = scheduler;
  }

  public synchronized void show(LedPattern p) {
    if (p == pattern) {
      return;
    }
    pattern = p;
    generation++;
    if (next != null) {
      next.cancel(false);
      next = null;
    }
    if (p.blinks()) {
      step = 0;
      tick(generation);
    } else {
      output.set(p == LedPattern.STEADY);
    }
  }

  public synchronized LedPattern pattern() {
    return pattern;
  }

  private synchronized void tick(long gen) {
    if (gen != generation) {
      return;
    }
    long[] steps = pattern.steps();
    output.set(step % 2 == 0);
    long delay = steps[step];
    step = (step + 1) % steps.length;
    next = scheduler.schedule(() -> tick(gen), delay, TimeUnit.MILLISECONDS);
  }
}
