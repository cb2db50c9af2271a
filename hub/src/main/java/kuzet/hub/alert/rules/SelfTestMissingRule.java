package kuzet.hub.alert.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kuzet.hub.alert.RuleContext;
import kuzet.protocol.Birth;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;
import kuzet.registry.RegisteredPost;

/**
 * SELF_TEST_MISSING (MINOR): a post that talks to the hub but has sent no SELF_TEST_RESULT for
 * {@code selfTestMissingAfterS} (its daily schedule plus a grace period), as alarm-transmission standards (EN 50136)
 * expect a receiving centre to notice a missing periodic test. Judged on each birth and telemetry by the hub's clock;
 * a self-test result, passed or not, resolves it. The window starts at the post's first message to this hub, so a
 * restarted hub gives every post a full window again.
 */
final class SelfTestMissingRule extends ConditionRule {
  private final Map<String, Instant> since = new HashMap<>();

  SelfTestMissingRule(RuleSettingsResolver settings) {
    super(AlertingTypes.SELF_TEST_MISSING, true, settings);
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    Instant now = ctx.clock().instant();
    if (m instanceof Event e && e.kind() == EventKind.SELF_TEST_RESULT) {
      since.put(post.id().value(), now);
      return List.of(Reading.good());
    }
    if (!(m instanceof Telemetry || m instanceof Birth)) {
      return List.of();
    }
    Instant last = since.computeIfAbsent(post.id().value(), id -> now);
    if (now.isAfter(last.plus(s.selfTestMissingAfter()))) {
      return List.of(Reading.bad("no self-test result since " + last + " (allowed: "
          + s.selfTestMissingAfter().toHours() + " h)"));
    }
    return List.of(Reading.good());
  }
}
