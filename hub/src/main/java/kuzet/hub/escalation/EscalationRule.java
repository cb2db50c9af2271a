package kuzet.hub.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertAction;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertState;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;

/**
 * Walks each unacknowledged alert's escalation chain on the hub's clock: at each step's time the step's
 * target is notified on the board (the history line itself) and through its channels; after the last step
 * reached, every target reached so far is reminded at the chain's interval. Acknowledging stops both,
 * because only OPEN alerts are walked. Alerts folded into a group are walked through their group's leader.
 */
public final class EscalationRule implements Rule {
  @Override
  public boolean needsDuty() {
    return true;
  }

  private final EscalationSettings settings;
  private final List<NotificationChannel> channels;
  private static final String REMINDER = "reminder ";
  private final Predicate<Alert> deferred;

  /** @param deferred alerts whose first steps wait for the tick (groupable types: grouping runs first there) */
  public EscalationRule(EscalationSettings settings, List<NotificationChannel> channels, Predicate<Alert> deferred) {
    this.settings = settings;
    this.channels = List.copyOf(channels);
    this.deferred = deferred;
  }

  /**
   * The steps due the moment an alert opens (delay 0), applied to the new alert before it is stored, and
   * sent at once: a PANIC reaches its first target without waiting for the next tick.
   */
  public Alert opening(Alert fresh, AlertService alerts) {
    if (fresh.state() != AlertState.OPEN || deferred.test(fresh)) {
      return fresh;
    }
    EscalationChain chain = settings.chains().get(fresh.severity());
    List<EscalationChain.Step> due = due(chain, fresh.escalationLevel(), fresh.openedAt(), fresh.openedAt());
    if (due.isEmpty()) {
      return fresh;
    }
    Alert next = escalate(fresh, due, fresh.openedAt());
    notifyAll(next, due, fresh.escalationLevel(), alerts);
    return next;
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    AlertService alerts = ctx.alerts();
    List<Alert> open = alerts.list(EnumSet.of(AlertState.OPEN));
    for (Alert a : open) {
      if (!a.folded()) {
        walk(a, now, alerts);
      }
    }
  }

  private void walk(Alert alert, Instant now, AlertService alerts) {
    EscalationChain chain = settings.chains().get(alert.severity());
    int level = alert.escalationLevel();
    List<EscalationChain.Step> due = due(chain, level, alert.openedAt(), now);
    if (!due.isEmpty()) {
      List<EscalationChain.Step> steps = due;
      Alert next = alerts.update(alert, a -> escalate(a, steps, now), null);
      notifyAll(next, due, level, alerts);
      return;
    }
    // the alert's own history says when it last notified and how many reminders went out, so after a restart, or
    // on the hub that took over the duty, an unacknowledged PANIC is reminded on time and numbered on
    Instant last = lastNotified(alert).orElse(alert.openedAt());
    if (level == 0 || chain.reminder().isZero() || now.isBefore(last.plus(chain.reminder()))) {
      return;
    }
    int n = remindersSent(alert) + 1;
    List<String> reached = chain.steps().subList(0, level).stream().map(EscalationChain.Step::target).distinct().toList();
    Alert next = alerts.update(alert, a -> a.log(now, AlertAction.NOTIFIED, "system",
        REMINDER + n + ": still not acknowledged; " + String.join(", ", reached) + " reminded on the board"), null);
    for (String target : reached) {
      send(new Notice(next, target, level, n), alerts);
    }
  }

  private static java.util.Optional<Instant> lastNotified(Alert a) {
    // channel outcomes (a webhook's retries) are NOTIFIED lines too, but are not notices of their own
    return a.history().stream().filter(h -> h.action() == AlertAction.ESCALATED || isReminder(h))
        .map(Alert.HistoryEntry::at).max(Instant::compareTo);
  }

  private static boolean isReminder(Alert.HistoryEntry h) {
    return h.action() == AlertAction.NOTIFIED && h.detail().startsWith(REMINDER);
  }

  private static int remindersSent(Alert a) {
    return (int) a.history().stream().filter(EscalationRule::isReminder).count();
  }

  private static List<EscalationChain.Step> due(EscalationChain chain, int level, Instant openedAt, Instant now) {
    List<EscalationChain.Step> due = new ArrayList<>();
    while (level + due.size() < chain.steps().size()
        && !now.isBefore(openedAt.plus(chain.steps().get(level + due.size()).after()))) {
      due.add(chain.steps().get(level + due.size()));
    }
    return due;
  }

  private static Alert escalate(Alert a, List<EscalationChain.Step> due, Instant now) {
    int first = a.escalationLevel();
    Alert x = a.escalatedTo(first + due.size());
    for (int i = 0; i < due.size(); i++) {
      x = x.log(now, AlertAction.ESCALATED, "system", "step " + (first + i + 1) + ": " + due.get(i).target()
          + " notified on the board");
    }
    return x;
  }

  private void notifyAll(Alert next, List<EscalationChain.Step> due, int firstLevel, AlertService alerts) {
    for (int i = 0; i < due.size(); i++) {
      send(new Notice(next, due.get(i).target(), firstLevel + i + 1, 0), alerts);
    }
  }

  private void send(Notice notice, AlertService alerts) {
    Target target = settings.targets().get(notice.target());
    for (NotificationChannel c : channels) {
      if (target != null && c.reaches(target)) {
        c.deliver(notice, target, detail -> alerts.get(notice.alert().id()).ifPresent(current ->
            alerts.update(current, a -> a.log(alerts.now(), AlertAction.NOTIFIED, "system", detail), null)));
      }
    }
  }
}
