package kuzet.hub.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How sign-in behaves.
 *
 * @param sessionTtl how long a session lasts after sign-in (a shift plus handover)
 * @param maxFailedAttempts wrong passwords in a row that lock the account
 * @param firstBackoff wait after the first wrong password; doubles with each further one
 * @param lockDuration how long a locked account stays locked
 * @param forceSecureCookie mark the cookie Secure even on plain HTTP (behind a TLS-terminating proxy)
 */
public record AuthSettings(
    Duration sessionTtl,
    int maxFailedAttempts,
    Duration firstBackoff,
    Duration lockDuration,
    boolean forceSecureCookie) {

  public static final AuthSettings DEFAULT =
      new AuthSettings(Duration.ofHours(14), 5, Duration.ofSeconds(1), Duration.ofMinutes(15), false);

  /** These settings with the cookie Secure on plain HTTP too, or not. */
  public AuthSettings withForceSecureCookie(boolean force) {
    return new AuthSettings(sessionTtl, maxFailedAttempts, firstBackoff, lockDuration, force);
  }

  public AuthSettings {
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(lockDuration, "lockDuration");
    if (sessionTtl.compareTo(Duration.ofMinutes(1)) < 0 || sessionTtl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("auth.sessionTtl " + sessionTtl + " must be between 1 minute and 7 days");
    }
    if (maxFailedAttempts < 1 || maxFailedAttempts > 100) {
      throw new IllegalArgumentException("auth.maxFailedAttempts " + maxFailedAttempts + " must be between 1 and 100");
    }
    if (firstBackoff.isNegative() || firstBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("auth.firstBackoff " + firstBackoff + " must be between 0 and 1 minute");
    }
    if (lockDuration.compareTo(Duration.ofSeconds(1)) < 0 || lockDuration.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("auth.lockDuration " + lockDuration + " must be between 1 second and 1 day");
    }
  }
}
