package kuzet.hub.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in browser. Only the SHA-256 of the cookie's token is kept, so a copy of the database
 * does not let anyone in.
 *
 * @param csrfToken the value the page must echo in {@code X-CSRF-Token} on every state-changing request
 */
public record Session(String tokenHash, String username, Role role, String csrfToken, Instant createdAt, Instant expiresAt) {
  public Session {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
