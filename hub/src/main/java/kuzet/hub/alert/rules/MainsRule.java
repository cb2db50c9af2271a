package kuzet.hub.alert.rules;

import java.time.Duration;
import java.util.List;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;

/** MAINS_LOST (MAJOR): only when power is still out after {@code mainsLostDelayS}, so a flicker is not an alert. */
final class MainsRule extends ConditionRule {
  MainsRule(RuleSettingsResolver settings) {
    super(AlertingTypes.MAINS_LOST, true, settings);
  }

  @Override
  Duration raiseDelay(RuleSettings s) {
    return s.mainsLostDelay();
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    if (m instanceof Event e && e.kind() == EventKind.MAINS_LOST) {
      return List.of(Reading.bad("mains lost at " + e.ts()));
    }
    if (m instanceof Event e && e.kind() == EventKind.MAINS_RESTORED) {
      return List.of(Reading.good());
    }
    if (m instanceof Telemetry t && t.readings().mainsPresent() != null) {
      return List.of(t.readings().mainsPresent() ? Reading.good() : Reading.bad("no mains in telemetry at " + t.ts()));
    }
    return List.of();
  }
}
