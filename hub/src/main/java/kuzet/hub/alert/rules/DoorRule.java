package kuzet.hub.alert.rules;

import java.util.List;
import kuzet.hub.alert.AlertAction;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;

/**
 * DOOR_OPEN_UNATTENDED: the door opened while nobody is on duty. Clears once the door is closed (or the post
 * is staffed) for the hold time. Motion alone is never an alarm (people walk past posts all day; it stays a
 * recorded event); motion while the door or tamper alarm of a closed post is open is added to that alarm as
 * a contributing condition, because then it means someone is inside.
 */
final class DoorRule extends ConditionRule {
  private final Staffing staffing;

  DoorRule(RuleSettingsResolver settings, Staffing staffing) {
    super(AlertingTypes.DOOR_OPEN_UNATTENDED, true, settings);
    this.staffing = staffing;
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    boolean staffed = staffing.staffed(post, ctx.clock().instant());
    if (m instanceof Event e) {
      if (e.kind() == EventKind.MOTION && !staffed) {
        motionInside(post, "motion inside at " + e.ts() + " while not staffed", ctx);
      } else if (e.kind() == EventKind.DOOR_OPENED) {
        return List.of(staffed ? Reading.good() : Reading.bad("door opened at " + e.ts() + " while not staffed"));
      } else if (e.kind() == EventKind.DOOR_CLOSED) {
        return List.of(Reading.good());
      }
    } else if (m instanceof Telemetry t && t.readings().doorOpen() != null) {
      if (t.readings().doorOpen() && !staffed) {
        return List.of(Reading.bad("door open in telemetry at " + t.ts() + " while not staffed"));
      }
      return List.of(t.readings().doorOpen() ? Reading.hold() : Reading.good());
    }
    return List.of();
  }

  private void motionInside(RegisteredPost post, String detail, RuleContext ctx) {
    for (String key : List.of(key(post.id().value(), ""), AlertingTypes.TAMPER + ":" + post.id().value())) {
      // once per alarm: it tells the operator someone is inside; every further movement adds nothing
      ctx.alerts().active(key).filter(a -> a.history().stream().noneMatch(h -> h.action() == AlertAction.CONTRIBUTING))
          .ifPresent(a -> ctx.alerts().log(a, AlertAction.CONTRIBUTING, detail));
    }
  }
}
