package kuzet.hub.auth;

import java.time.Duration;

/** What came of one sign-in attempt. */
sealed interface SignInResult {
  record Accepted(Operator operator) implements SignInResult { }

  /** Wrong username or password; deliberately does not say which. */
  record Refused() implements SignInResult { }

  /** Too many wrong passwords: the password was not even checked. */
  record Throttled(Duration retryAfter, boolean locked) implements SignInResult { }
}
