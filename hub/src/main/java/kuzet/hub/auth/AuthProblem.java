package kuzet.hub.auth;

/** A request the auth layer refuses, with the HTTP status that says why. */
final class AuthProblem extends RuntimeException {
  private final int status;

  AuthProblem(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
