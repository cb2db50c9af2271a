package kuzet.hub.alert.rules;

import java.util.List;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.alert.Severity;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;

/**
 * DOOR_OPEN_UNATTENDED (MAJOR): the door opened, or there was motion inside, while nobody is on duty.
 * Clears once the door is closed with no motion (or the post is staffed) for the hold time.
 */
final class DoorRule extends ConditionRule {
  private final Staffing staffing;

  DoorRule(RuleSettingsResolver settings, Staffing staffing) {
    super(AlertingTypes.DOOR_OPEN_UNATTENDED, Severity.MAJOR, true, settings);
    this.staffing = staffing;
  }

  @Override
  List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
    boolean staffed = staffing.staffed(post, ctx.clock().instant());
    if (m instanceof Event e) {
      if (e.kind() == EventKind.DOOR_OPENED || e.kind() == EventKind.MOTION) {
        return List.of(staffed ? Reading.good()
            : Reading.bad((e.kind() == EventKind.MOTION ? "motion" : "door opened") + " at " + e.ts() + " while not staffed"));
      }
      if (e.kind() == EventKind.DOOR_CLOSED) {
        return List.of(Reading.good());
      }
    } else if (m instanceof Telemetry t && t.readings().doorOpen() != null) {
      boolean busy = t.readings().doorOpen() || Boolean.TRUE.equals(t.readings().motion());
      if (busy && !staffed) {
        return List.of(Reading.bad("door open or motion in telemetry at " + t.ts() + " while not staffed"));
      }
      return List.of(busy ? Reading.hold() : Reading.good());
    }
    return List.of();
  }
}
