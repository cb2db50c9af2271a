package kuzet.hub.auth;

/** What a signed-in person may do. Each role includes the ones below it. */
public enum Role {
  /** Reads the board and the API. */
  VIEWER,
  /** Acknowledges, dispatches and resolves alerts; sends commands to posts. */
  OPERATOR,
  /** Manages operators and posts. */
  ADMIN;

  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }
}
