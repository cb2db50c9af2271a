package kuzet.hub.auth;

import java.security.SecureRandom;

/** What a password must look like, and how the hub makes one when nobody supplies it. */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;
  /** No 0/O, 1/l/I: generated passwords are read off a terminal and typed by hand. */
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int GENERATED_LENGTH = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordPolicy() {
  }

  /** Throws with a reason a person can act on when the password is not acceptable. */
  public static void check(String password) {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("password is missing");
    }
    if (password.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("password must be at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("password must be at most " + MAX_LENGTH + " characters");
    }
    if (password.isBlank()) {
      throw new IllegalArgumentException("password must not be only spaces");
    }
  }

  /** About 117 bits of entropy, grouped in fives for reading aloud. */
  public static String generate() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      if (i > 0 && i % 5 == 0) {
        sb.append('-');
      }
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
