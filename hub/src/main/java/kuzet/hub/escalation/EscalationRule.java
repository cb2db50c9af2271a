package kuzet.hub.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  private final EscalationSettings settings;
  private final List<NotificationChannel> channels;
  private final Map<UUID, Instant> lastNotice = new HashMap<>();
  private final Map<UUID, Integer> reminders = new HashMap<>();

  public EscalationRule(EscalationSettings settings, List<NotificationChannel> channels) {
    this.settings = settings;
    this.channels = List.copyOf(channels);
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    AlertService alerts = ctx.alerts();
    List<Alert> open = alerts.list(EnumSet.of(AlertState.OPEN));
    lastNotice.keySet().removeIf(id -> alerts.get(id).map(a -> a.state() != AlertState.OPEN).orElse(true));
    reminders.keySet().retainAll(lastNotice.keySet());
    for (Alert a : open) {
      if (!a.folded()) {
        walk(a, now, alerts);
      }
    }
  }

  private void walk(Alert alert, Instant now, AlertService alerts) {
    EscalationChain chain = settings.chains().get(alert.severity());
    int level = alert.escalationLevel();
    List<EscalationChain.Step> due = new ArrayList<>();
    while (level + due.size() < chain.steps().size()
        && !now.isBefore(alert.openedAt().plus(chain.steps().get(level + due.size()).after()))) {
      due.add(chain.steps().get(level + due.size()));
    }
    if (!due.isEmpty()) {
      int first = level;
      Alert next = alerts.update(alert, a -> {
        Alert x = a.escalatedTo(first + due.size());
        for (int i = 0; i < due.size(); i++) {
          x = x.log(now, AlertAction.ESCALATED, "system", "step " + (first + i + 1) + ": " + due.get(i).target()
              + " notified on the board");
        }
        return x;
      }, null);
      for (int i = 0; i < due.size(); i++) {
        send(new Notice(next, due.get(i).target(), first + i + 1, 0), alerts);
      }
      lastNotice.put(alert.id(), now);
      return;
    }
    Instant last = lastNotice.computeIfAbsent(alert.id(), id -> now);
    if (level == 0 || chain.reminder().isZero() || now.isBefore(last.plus(chain.reminder()))) {
      return;
    }
    int n = reminders.merge(alert.id(), 1, Integer::sum);
    List<String> reached = chain.steps().subList(0, level).stream().map(EscalationChain.Step::target).distinct().toList();
    Alert next = alerts.update(alert, a -> a.log(now, AlertAction.NOTIFIED, "system",
        "reminder " + n + ": still not acknowledged; " + String.join(", ", reached) + " reminded on the board"), null);
    for (String target : reached) {
      send(new Notice(next, target, level, n), alerts);
    }
    lastNotice.put(alert.id(), now);
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
