package kuzet.hub.auth;

import java.time.Duration;
import java.util.Objects;
import kuzet.hub.config.HubConfig;

/**
 * How sign-in behaves.
 *
 * @param sessionTtl how long a session lasts after sign-in (a shift plus handover)
 * @param idleTimeout a session with no request and no open live stream for this long ends
 * @param firstBackoff wait after the first wrong password from one address for one username; doubles with each further one
 * @param maxBackoff the longest such wait: nobody, not even the account's owner at the same address, waits longer
 * @param addressFreeFailures wrong passwords from one address (any usernames) before the address itself must wait
 * @param hashingSlots password checks running at once; sign-ins beyond get 503 rather than queueing
 * @param forceSecureCookie mark the cookie Secure even on plain HTTP (behind a TLS-terminating proxy)
 * @param viaProxy the client address is the last X-Forwarded-For entry (a TLS-terminating proxy appends it)
 */
public record AuthSettings(
    Duration sessionTtl,
    Duration idleTimeout,
    Duration firstBackoff,
    Duration maxBackoff,
    int addressFreeFailures,
    int hashingSlots,
    boolean forceSecureCookie,
    boolean viaProxy) {

  public static final AuthSettings DEFAULT = new AuthSettings(Duration.ofHours(14), Duration.ofMinutes(30),
      Duration.ofSeconds(1), Duration.ofMinutes(15), 20, 2, false, false);

  /** The {@code auth.*} keys, with {@code http.secureCookie} and {@code http.behindTlsProxy}. */
  public static AuthSettings from(HubConfig.SignIn c) {
    return new AuthSettings(DEFAULT.sessionTtl(), Duration.ofSeconds(c.idleTimeoutS()), DEFAULT.firstBackoff(),
        Duration.ofSeconds(c.maxBackoffS()), c.addressFreeFailures(), c.hashingSlots(),
        c.behindTlsProxy() || c.secureCookie(), c.behindTlsProxy());
  }

  /** These settings with the cookie Secure on plain HTTP too, or not. */
  public AuthSettings withForceSecureCookie(boolean force) {
    return new AuthSettings(sessionTtl, idleTimeout, firstBackoff, maxBackoff, addressFreeFailures, hashingSlots, force,
        viaProxy);
  }

  public AuthSettings {
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (sessionTtl.compareTo(Duration.ofMinutes(1)) < 0 || sessionTtl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("auth.sessionTtl " + sessionTtl + " must be between 1 minute and 7 days");
    }
    if (idleTimeout.compareTo(Duration.ofMinutes(1)) < 0 || idleTimeout.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("auth.sessionIdleTimeoutS " + idleTimeout + " must be between 1 minute and 1 day");
    }
    if (firstBackoff.isNegative() || firstBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("auth.firstBackoff " + firstBackoff + " must be between 0 and 1 minute");
    }
    if (maxBackoff.compareTo(Duration.ofSeconds(1)) < 0 || maxBackoff.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("auth.maxBackoffS " + maxBackoff + " must be between 1 second and 1 day");
    }
    if (addressFreeFailures < 1 || hashingSlots < 1) {
      throw new IllegalArgumentException("auth.addressFreeFailures and auth.hashingSlots must be at least 1");
    }
  }
}
