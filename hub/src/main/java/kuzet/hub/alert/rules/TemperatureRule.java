package kuzet.hub.alert.rules;

import java.util.List;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;

/**
 * TEMPERATURE_OUT_OF_RANGE (MINOR): outside [min, max]; clears only once back inside by the hysteresis
 * margin, and held there for the hold time.
 */
final class TemperatureRule extends ConditionRule {
  TemperatureRule(RuleSettingsResolver settings) {
    super(AlertingTypes.TEMPERATURE_OUT_OF_RANGE, true, settings);
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    if (!(m instanceof Telemetry t) || t.readings().temperatureC() == null) {
      return List.of();
    }
    double c = t.readings().temperatureC();
    if (c < s.temperatureMinC() || c > s.temperatureMaxC()) {
      return List.of(Reading.bad(String.format(java.util.Locale.ROOT, "temperature %.1f C outside [%.1f, %.1f] at %s",
          c, s.temperatureMinC(), s.temperatureMaxC(), t.ts())));
    }
    double h = s.temperatureHysteresisC();
    boolean wellInside = c >= s.temperatureMinC() + h && c <= s.temperatureMaxC() - h;
    return List.of(wellInside ? Reading.good() : Reading.hold());
  }
}
