package kuzet.hub.alert;

import java.time.Instant;
import kuzet.hub.registry.RegisteredPost;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;

/**
 * PANIC and PANIC_REPEAT: one CRITICAL alert per incident, never resolved automatically. Every copy the
 * post sends, redeliveries included, is answered so the resident's button LED shows the hub has it:
 * PANIC_RECEIVED while the incident is open, PANIC_CLEAR once it was resolved.
 */
public final class PanicRule implements Rule {

  public static String key(java.util.UUID incidentId) {
    return AlertTypes.PANIC + ":" + incidentId;
  }

  @Override
  public void onMessage(RegisteredPost post, PostMessage message, RuleContext ctx) {
    if (!(message instanceof Event e) || !e.kind().belongsToIncident()) {
      return;
    }
    AlertService alerts = ctx.alerts();
    String eventId = e.eventId().toString();
    var active = alerts.active(key(e.incidentId()));
    if (alerts.seenEvent(eventId)) {
      CommandName answer = active.isPresent() ? CommandName.PANIC_RECEIVED : CommandName.PANIC_CLEAR;
      ctx.notifier().panicState(post.id(), answer, e.incidentId(), "system");
      return;
    }
    ctx.notifier().panicState(post.id(), CommandName.PANIC_RECEIVED, e.incidentId(), "system");
    Instant now = ctx.clock().instant();
    String sent = "PANIC_RECEIVED sent to " + post.id();
    if (active.isPresent()) {
      String detail = e.kind() + " event " + eventId + " at " + e.ts();
      alerts.update(active.get(), a -> a.repeated(now, detail).log(now, AlertAction.RECEIVED_SENT, "system", sent), eventId);
    } else {
      String detail = (e.kind() == EventKind.PANIC ? "panic button pressed" : "panic repeated (first copy not received)")
          + " at " + e.ts() + ", event " + eventId;
      alerts.raise(Alert.open(AlertTypes.PANIC, Severity.CRITICAL, post.id().value(), post.name(), post.district(),
              e.incidentId(), key(e.incidentId()), now, detail).log(now, AlertAction.RECEIVED_SENT, "system", sent),
          eventId);
    }
  }
}
