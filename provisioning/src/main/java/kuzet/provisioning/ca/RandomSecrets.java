package kuzet.provisioning.ca;

import java.security.SecureRandom;
import java.util.Base64;

/** Machine-generated secrets: 192 random bits, URL-safe base64, so they survive config files and shells. */
public final class RandomSecrets {
  private RandomSecrets() {}

  public static String newPassword(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
