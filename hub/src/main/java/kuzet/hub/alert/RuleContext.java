package kuzet.hub.alert;

import java.time.Clock;

/** What a rule may use: the alerts, the posts' panic feedback, and the hub's clock. */
public record RuleContext(AlertService alerts, PostNotifier notifier, Clock clock) {}
