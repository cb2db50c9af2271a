package kuzet.hub.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Slows down and then locks an account after wrong passwords: after the n-th wrong password the next try
 * is refused for {@code firstBackoff * 2^(n-1)}; at {@code maxFailedAttempts} the account locks for {@code lockDuration}.
 * Pure logic over {@link Operator} state, so the clock is the caller's.
 */
final class SignInThrottle {
  private final AuthSettings settings;

  SignInThrottle(AuthSettings settings) {
    this.settings = settings;
  }

  /** How long the caller must still wait before a password is even checked; zero when a try is allowed now. */
  Duration waitBeforeTry(Operator op, Instant now) {
    if (op.lockedUntil() != null && now.isBefore(op.lockedUntil())) {
      return Duration.between(now, op.lockedUntil());
    }
    if (op.lockedUntil() == null && op.failedAttempts() > 0 && op.lastFailureAt() != null) {
      Instant next = op.lastFailureAt().plus(backoff(op.failedAttempts()));
      if (now.isBefore(next)) {
        return Duration.between(now, next);
      }
    }
    return Duration.ZERO;
  }

  Operator afterFailure(Operator op, Instant now) {
    // a lock that has run out starts a fresh count
    int previous = op.lockedUntil() != null && !now.isBefore(op.lockedUntil()) ? 0 : op.failedAttempts();
    int attempts = previous + 1;
    Instant locked = attempts >= settings.maxFailedAttempts() ? now.plus(settings.lockDuration()) : null;
    return op.withFailures(attempts, now, locked);
  }

  boolean isLocked(Operator op, Instant now) {
    return op.lockedUntil() != null && now.isBefore(op.lockedUntil());
  }

  private Duration backoff(int failures) {
    int shift = Math.min(failures - 1, 16);
    return settings.firstBackoff().multipliedBy(1L << shift);
  }
}
