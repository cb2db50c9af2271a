package kuzet.hub.alert.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;

/**
 * CLOCK_SKEW (MINOR): the post's clock is more than {@code clockSkewMaxS} from the hub's. Judged on
 * telemetry only, which is sent live: events may be replayed from the outbox long after their time, and the
 * birth is retained, so the broker hands an old one to a hub that (re)subscribes. Clears below half the
 * limit (hysteresis).
 */
final class ClockSkewRule extends ConditionRule {
  ClockSkewRule(RuleSettingsResolver settings) {
    super(AlertingTypes.CLOCK_SKEW, true, settings);
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    if (!(m instanceof Telemetry t)) {
      return List.of();
    }
    Instant ts = t.ts();
    Instant hub = ctx.clock().instant();
    Duration skew = Duration.between(hub, ts).abs();
    if (skew.compareTo(s.clockSkewMax()) > 0) {
      return List.of(Reading.bad("post clock " + ts + " is " + skew.toSeconds() + " s "
          + (ts.isAfter(hub) ? "ahead of" : "behind") + " the hub's " + hub));
    }
    return List.of(skew.compareTo(s.clockSkewMax().dividedBy(2)) <= 0 ? Reading.good() : Reading.hold());
  }
}
