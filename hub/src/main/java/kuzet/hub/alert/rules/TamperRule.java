package kuzet.hub.alert.rules;

import java.util.List;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;

/** TAMPER (CRITICAL): the enclosure switch tripped. Only a person resolves it, after looking at the post. */
final class TamperRule extends ConditionRule {
  TamperRule(RuleSettingsResolver settings) {
    super(AlertingTypes.TAMPER, false, settings);
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    if (m instanceof Event e && e.kind() == EventKind.TAMPER) {
      return List.of(Reading.bad("tamper switch tripped at " + e.ts()));
    }
    if (m instanceof Telemetry t && Boolean.TRUE.equals(t.readings().tamper())) {
      return List.of(Reading.bad("tamper reported in telemetry at " + t.ts()));
    }
    return List.of();
  }
}
