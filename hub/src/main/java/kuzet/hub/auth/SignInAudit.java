package kuzet.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import kuzet.hub.audit.AuditRecorder;
import kuzet.hub.logging.LogText;

/**
 * Sign-ins in the audit log, bounded: every success, and at most {@link #ITEMISED_PER_MINUTE} refusals a
 * minute one by one; the rest (and all throttled or busy answers) are counted and written as one summary
 * entry when the next minute's first sign-in comes. A flood of guesses therefore costs the database a few
 * rows a minute, not one per request. Usernames of unknown accounts are never written: people type passwords
 * into the username field.
 */
final class SignInAudit {
  static final int ITEMISED_PER_MINUTE = 10;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final Supplier<AuditRecorder> audit;
  private final Clock clock;
  private Instant windowStart;
  private int itemised;
  private int refused;
  private int throttled;
  private int busy;

  SignInAudit(Supplier<AuditRecorder> audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  synchronized void accepted(Operator op, String address) {
    roll();
    audit.get().record(op.username(), "SIGN_IN", "operator:" + op.username(),
        "role " + op.role() + " from " + LogText.clean(address));
  }

  /** @param knownUsername the account that exists under the name tried, or null when none does */
  synchronized void refused(String knownUsername, String address) {
    roll();
    if (itemised < ITEMISED_PER_MINUTE) {
      itemised++;
      audit.get().record("anonymous", "SIGN_IN_REFUSED",
          knownUsername == null ? "operator:(unknown)" : "operator:" + knownUsername,
          "wrong username or password from " + LogText.clean(address));
    } else {
      refused++;
    }
  }

  synchronized void throttled() {
    roll();
    throttled++;
  }

  synchronized void busy() {
    roll();
    busy++;
  }

  private void roll() {
    Instant now = clock.instant();
    if (windowStart != null && now.isBefore(windowStart.plus(WINDOW))) {
      return;
    }
    if (refused + throttled + busy > 0) {
      audit.get().record("system", "SIGN_IN_FAILURES", "sign-in", refused + " more wrong passwords, " + throttled
          + " tries refused as too soon, " + busy + " refused while busy, in the minute from " + windowStart);
    }
    windowStart = now;
    itemised = 0;
    refused = 0;
    throttled = 0;
    busy = 0;
  }
}
