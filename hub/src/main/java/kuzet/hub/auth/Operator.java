package kuzet.hub.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person who may sign in to the board, as stored. {@code passwordHash} is an Argon2id PHC string, never a password.
 *
 * @param failedAttempts wrong passwords since the last successful sign-in
 * @param lastFailureAt when the last wrong password was given, or null
 * @param lockedUntil sign-in refused until then, or null
 */
public record Operator(
    String username,
    Role role,
    String passwordHash,
    Instant createdAt,
    int failedAttempts,
    Instant lastFailureAt,
    Instant lockedUntil) {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  public Operator {
    checkUsername(username);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    if (passwordHash == null || !passwordHash.startsWith("$argon2id$")) {
      throw new IllegalArgumentException("passwordHash must be an Argon2id hash");
    }
    if (failedAttempts < 0) {
      throw new IllegalArgumentException("failedAttempts must not be negative");
    }
  }

  public static Operator create(String username, Role role, String passwordHash, Instant now) {
    return new Operator(username, role, passwordHash, now, 0, null, null);
  }

  /** Usernames are lower-case so "Admin" and "admin" cannot be two different people. */
  public static void checkUsername(String username) {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("username is missing");
    }
    if (!USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("username '" + abbreviate(username)
          + "' must be 2 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  public Operator withRole(Role newRole) {
    return new Operator(username, newRole, passwordHash, createdAt, failedAttempts, lastFailureAt, lockedUntil);
  }

  public Operator withPasswordHash(String newHash) {
    return new Operator(username, role, newHash, createdAt, 0, null, null);
  }

  public Operator withFailures(int attempts, Instant lastFailure, Instant locked) {
    return new Operator(username, role, passwordHash, createdAt, attempts, lastFailure, locked);
  }

  public Operator unlocked() {
    return withFailures(0, null, null);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
