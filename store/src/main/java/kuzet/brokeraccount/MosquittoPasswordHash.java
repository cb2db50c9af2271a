package kuzet.brokeraccount;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Mosquitto 2.0's {@code $7$} password hash: PBKDF2-HMAC-SHA512, 12-byte salt, 64-byte hash, both base64,
 * as {@code $7$iterations$salt$hash}. The same string goes into Mosquitto's password_file and the registry,
 * so the exported broker and the embedded one accept exactly the same passwords.
 */
public final class MosquittoPasswordHash {
  /**
   * mosquitto_passwd's own default. Device and hub passwords are machine-generated with well over 128 bits of
   * entropy, so key stretching buys nothing against guessing; a low count keeps connect storms cheap.
   */
  public static final int ITERATIONS = 101;
  static final int SALT_BYTES = 12;
  static final int HASH_BYTES = 64;
  private static final String PREFIX = "$7$";

  private MosquittoPasswordHash() {}

  public static String hash(String password, SecureRandom random) {
    requirePassword(password);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(derive(password, salt, ITERATIONS));
  }

  /** True when {@code password} matches {@code encoded}; false for a wrong password or a malformed hash. */
  public static boolean verify(String password, String encoded) {
    if (password == null || encoded == null || !encoded.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[0]);
      byte[] salt = Base64.getDecoder().decode(parts[1]);
      byte[] expected = Base64.getDecoder().decode(parts[2]);
      if (iterations < 1 || iterations > 10_000_000 || salt.length != SALT_BYTES || expected.length != HASH_BYTES) {
        return false;
      }
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /** Whether {@code encoded} has the shape Mosquitto 2.0.11 accepts. */
  public static boolean isWellFormed(String encoded) {
    if (encoded == null || !encoded.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
    try {
      return parts.length == 3 && Integer.parseInt(parts[0]) > 0
          && Base64.getDecoder().decode(parts[1]).length == SALT_BYTES
          && Base64.getDecoder().decode(parts[2]).length == HASH_BYTES;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available in this JVM", e);
    }
  }

  private static void requirePassword(String password) {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > 65535) {
      throw new IllegalArgumentException("password is longer than MQTT allows (65535 bytes)");
    }
  }
}
