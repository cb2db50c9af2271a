package kuzet.hub.alert;

import java.time.Instant;
import kuzet.hub.fleet.PresenceChange;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostMessage;

/**
 * One alerting rule. Rules run on the hub's event loop, one call at a time, and must not block: they
 * read and change alerts through {@link RuleContext}. Add a rule by implementing the hooks it needs and
 * listing it where the engine is built.
 */
public interface Rule {

  /** Every decoded message from a registered post, including redeliveries (rules dedup by eventId). */
  default void onMessage(RegisteredPost post, PostMessage message, RuleContext ctx) {}

  /** A post went online or offline. */
  default void onPresence(RegisteredPost post, PresenceChange change, RuleContext ctx) {}

  /** Called about once a second, for rules that act on elapsed time. */
  default void onTick(Instant now, RuleContext ctx) {}

  /**
   * Whether the rule's ticks and presence changes belong to one hub at a time: with several active hubs
   * ({@code store.hubs=active}) only the holder of the duty lease runs them, so an offline timer or an escalation
   * reminder fires once, not once per hub. Messages reach one hub each (shared subscriptions) and always run.
   */
  default boolean needsDuty() {
    return false;
  }
}
