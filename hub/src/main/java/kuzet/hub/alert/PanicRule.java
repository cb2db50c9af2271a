package kuzet.hub.alert;

import java.time.Instant;
import kuzet.registry.RegisteredPost;
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
      if (active.isPresent()) {
        received(ctx, alerts, active.get(), post, e);
      } else {
        ctx.notifier().panicState(post.id(), CommandName.PANIC_CLEAR, e.incidentId(), "system");
      }
      return;
    }
    Instant now = ctx.clock().instant();
    String sent = "PANIC_RECEIVED sent to " + post.id() + " once stored";
    Alert alert;
    if (active.isPresent()) {
      String detail = e.kind() + " event " + eventId + " at " + e.ts();
      alert = alerts.update(active.get(), a -> a.repeated(now, detail, presses(e)).log(now, AlertAction.RECEIVED_SENT, "system", sent),
          eventId);
    } else {
      String detail = (e.kind() == EventKind.PANIC ? "panic button pressed" : "panic repeated (first copy not received)")
          + " at " + e.ts() + ", event " + eventId;
      alert = alerts.raise(Alert.open(AlertTypes.PANIC, AlertCatalog.of(AlertTypes.PANIC).priority(), post.id().value(), post.name(), post.district(),
              e.incidentId(), key(e.incidentId()), now, detail).log(now, AlertAction.RECEIVED_SENT, "system", sent),
          eventId).orElseThrow(() -> new IllegalStateException("a PANIC was held back; PANIC can never be shelved"));
    }
    received(ctx, alerts, alert, post, e);
  }

  /**
   * How many repeat presses a PANIC_REPEAT stands for: a post folds the presses made while its copy waited in the outbox
   * into one event whose {@code repeat} is the ordinal of the latest press (1 when absent, as older posts sent it).
   */
  private static int presses(Event e) {
    try {
      return Math.max(1, Integer.parseInt(e.attributes().getOrDefault("repeat", "1")));
    } catch (NumberFormatException ex) {
      return 1;
    }
  }

  /**
   * The post's button LED says "the centre has it" only when a restart of the hub can no longer lose it: the
   * answer waits for the database (the board shows the alert at once either way).
   */
  private static void received(RuleContext ctx, AlertService alerts, Alert alert, RegisteredPost post, Event e) {
    alerts.whenStored(alert.id()).onSuccess(v ->
        ctx.notifier().panicState(post.id(), CommandName.PANIC_RECEIVED, e.incidentId(), "system"));
  }
}
