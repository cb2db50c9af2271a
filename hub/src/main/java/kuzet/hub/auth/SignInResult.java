package kuzet.hub.auth;

/** What came of one sign-in attempt. */
sealed interface SignInResult {
  record Accepted(Operator operator) implements SignInResult { }

  /** Wrong username or password; deliberately does not say which. */
  record Refused() implements SignInResult { }
}
