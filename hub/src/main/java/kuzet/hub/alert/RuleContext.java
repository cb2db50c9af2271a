package kuzet.hub.alert;

import java.time.Clock;

/**
 * What a rule may use: the alerts, the posts' panic feedback, the hub's clock, and whether this hub holds the duty
 * of the timed work now (several active hubs: {@link Rule#needsDuty}; a single hub always does).
 */
public record RuleContext(AlertService alerts, PostNotifier notifier, Clock clock, java.util.function.BooleanSupplier duty) {
  public RuleContext(AlertService alerts, PostNotifier notifier, Clock clock) {
    this(alerts, notifier, clock, () -> true);
  }

  public boolean onDuty() {
    return duty.getAsBoolean();
  }
}
