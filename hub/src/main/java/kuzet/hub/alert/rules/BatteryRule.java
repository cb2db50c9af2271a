package kuzet.hub.alert.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;

/**
 * BATTERY_LOW (MAJOR): below {@code batteryLowV}, with a time-to-empty estimate from the voltage trend in
 * the alert's text; clears at {@code batteryClearV} or above (hysteresis), held for the hold time.
 */
final class BatteryRule extends ConditionRule {
  private final Map<String, BatteryTrend> trends = new HashMap<>();

  BatteryRule(RuleSettingsResolver settings) {
    super(AlertingTypes.BATTERY_LOW, true, settings);
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    if (!(m instanceof Telemetry t) || t.readings().batteryV() == null) {
      return List.of();
    }
    double v = t.readings().batteryV();
    BatteryTrend trend = trends.computeIfAbsent(post.id().value(), id -> new BatteryTrend());
    trend.add(t.ts(), v);
    if (v < s.batteryLowV()) {
      String tte = trend.timeToEmpty(s.batteryEmptyV())
          .map(d -> String.format(Locale.ROOT, "about %d h %02d min to empty (%.1f V) at the current trend",
              d.toHours(), d.toMinutesPart(), s.batteryEmptyV()))
          .orElse("voltage not falling, no time-to-empty estimate");
      return List.of(Reading.bad(String.format(Locale.ROOT, "battery %.2f V below %.2f V; %s", v, s.batteryLowV(), tte)));
    }
    return List.of(v >= s.batteryClearV() ? Reading.good() : Reading.hold());
  }
}
