package kuzet.hub.audit;

import kuzet.hub.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where components outside the hub's database thread (sign-in, operator administration) hand the actions
 * that belong in the hash-chained audit log. The hub wires it to its {@code AuditLog}; until then, and in
 * stand-alone tools, entries go to the {@code kuzet.audit} log only.
 */
@FunctionalInterface
public interface AuditRecorder {
  Logger LOG = LoggerFactory.getLogger("kuzet.audit");

  /** Only the log: for tools and tests that run without the hub's database. */
  AuditRecorder LOG_ONLY = (actor, action, target, detail) -> LOG.info("{} {} {}: {}", LogText.clean(actor),
      LogText.clean(action), LogText.clean(target), LogText.clean(detail));

  void record(String actor, String action, String target, String detail);
}
