package kuzet.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}),
 * so the parameters travel with each hash and can be raised later without breaking old ones.
 */
public final class Argon2Passwords {
  /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
  public static final Argon2Passwords DEFAULT = new Argon2Passwords(19 * 1024, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int memoryKiB;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random = new SecureRandom();

  public Argon2Passwords(int memoryKiB, int iterations, int parallelism) {
    if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("argon2 parameters m=" + memoryKiB + " t=" + iterations + " p=" + parallelism + " are too weak");
    }
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  /** True when {@code password} matches {@code phc}; false for a wrong password or a hash this class cannot read. */
  public boolean verify(String password, String phc) {
    Parsed p = Parsed.of(phc);
    if (p == null) {
      return false;
    }
    byte[] actual = derive(password, p.salt, p.memoryKiB, p.iterations, p.parallelism, p.hash.length);
    return MessageDigest.isEqual(actual, p.hash);
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(m)
        .withIterations(t)
        .withParallelism(p)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  private record Parsed(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
    static Parsed of(String phc) {
      if (phc == null) {
        return null;
      }
      String[] parts = phc.split("\\$");
      // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
      if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
        return null;
      }
      try {
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
          String[] pair = kv.split("=", 2);
          int value = Integer.parseInt(pair[1]);
          switch (pair[0]) {
            case "m" -> m = value;
            case "t" -> t = value;
            case "p" -> p = value;
            default -> {
              return null;
            }
          }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] hash = B64D.decode(parts[5]);
        if (m < 8 || t < 1 || p < 1 || salt.length < 8 || hash.length < 16) {
          return null;
        }
        return new Parsed(m, t, p, salt, hash);
      } catch (RuntimeException e) {
        return null;
      }
    }
  }
}
