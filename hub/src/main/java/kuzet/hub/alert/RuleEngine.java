package kuzet.hub.alert;

import java.time.Instant;
import java.util.List;
import kuzet.hub.fleet.PresenceChange;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds messages, presence changes and ticks to every rule; one failing rule never stops the others. */
public final class RuleEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

  private final List<Rule> rules;
  private final RuleContext ctx;
  private final java.util.function.BooleanSupplier duty;

  /** @param ctx says whether this hub holds the duty now ({@link Rule#needsDuty}) */
  public RuleEngine(List<Rule> rules, RuleContext ctx) {
    this.rules = List.copyOf(rules);
    this.ctx = ctx;
    this.duty = ctx.duty();
  }

  public RuleContext context() {
    return ctx;
  }

  public void message(RegisteredPost post, PostMessage message) {
    for (Rule r : rules) {
      try {
        r.onMessage(post, message, ctx);
      } catch (RuntimeException e) {
        LOG.error("rule {} failed on a message from {}", r.getClass().getSimpleName(), post.id(), e);
      }
    }
  }

  public void presence(RegisteredPost post, PresenceChange change) {
    boolean held = duty.getAsBoolean();
    for (Rule r : rules) {
      if (r.needsDuty() && !held) {
        continue;
      }
      try {
        r.onPresence(post, change, ctx);
      } catch (RuntimeException e) {
        LOG.error("rule {} failed on presence of {}", r.getClass().getSimpleName(), post.id(), e);
      }
    }
  }

  public void tick(Instant now) {
    boolean held = duty.getAsBoolean();
    for (Rule r : rules) {
      if (r.needsDuty() && !held) {
        continue;
      }
      try {
        r.onTick(now, ctx);
      } catch (RuntimeException e) {
        LOG.error("rule {} failed on a tick", r.getClass().getSimpleName(), e);
      }
    }
  }
}
