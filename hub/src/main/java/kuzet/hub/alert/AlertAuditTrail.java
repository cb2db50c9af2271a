package kuzet.hub.alert;

import io.vertx.core.Context;
import java.time.Clock;

import kuzet.hub.audit.AuditLog;

/**
 * Appends the alert transitions the system makes by itself (opened, escalated, resolved by a rule) to the
 * audit log; operators' acknowledge, dispatch and resolve are audited where they are made.
 */
public final class AlertAuditTrail implements AlertListener {
  private final Context context;
  private final AuditLog audit;
  private final Clock clock;

  public AlertAuditTrail(Context context, AuditLog audit, Clock clock) {
    this.context = context;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void changed(Alert before, Alert after) {
    String target = after.id().toString();
    String about = after.type() + " " + after.severity() + " post " + after.postId();
    if (before == null) {
      audit.record(context, clock.instant(), "system", "ALERT_OPENED", target,
          about + (after.escalationLevel() > 0 ? ", escalation step " + after.escalationLevel() : ""));
    } else if (before.state() != after.state() && lastBySystem(after)) {
      audit.record(context, clock.instant(), "system", "ALERT_" + after.state(), target, about);
    } else if (after.escalationLevel() > before.escalationLevel()) {
      audit.record(context, clock.instant(), "system", "ALERT_ESCALATED", target,
          about + " to step " + after.escalationLevel());
    }
  }

  @Override
  public void adopted(Alert before, Alert after) {
    // the hub that made the change audited it
  }

  private static boolean lastBySystem(Alert a) {
    return a.history().isEmpty() || "system".equals(a.history().get(a.history().size() - 1).by());
  }
}
