package kuzet.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that keys the audit chain (HMAC-SHA256). It lives in a file of its own, never in the database,
 * so whoever can write the database but cannot read this file cannot recompute the chain after editing it.
 * The file holds 32 random bytes in hex, is created once with owner-only permissions (0600) by the hub or the
 * first tool that needs it, and is refused when others may read it.
 */
public final class AuditKey {
  public static final String DEFAULT_NAME = "audit.key";
  private static final int BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final SecretKeySpec key;
  private final Path file;

  private AuditKey(byte[] bytes, Path file) {
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
    this.file = file;
  }

  /** Where the key lives when only the database file is known: beside it ({@code audit.keyFile} may move it). */
  public static Path besideDatabase(Path databaseFile) {
    return databaseFile.toAbsolutePath().resolveSibling(DEFAULT_NAME);
  }

  /** Reads the key; creates it first when the file does not exist yet. */
  public static AuditKey loadOrCreate(Path file) {
    if (!Files.exists(file)) {
      create(file);
    }
    return load(file);
  }

  /** Reads an existing key; a missing, unreadable, damaged or world-readable file is an error that says so. */
  public static AuditKey load(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        throw new IllegalStateException("audit key " + file + " may be read by others ("
            + PosixFilePermissions.toString(perms) + "): chmod 600 it, and consider it leaked");
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!text.matches("[0-9a-f]{" + (2 * BYTES) + "}")) {
        throw new IllegalStateException("audit key " + file + " is damaged: expected " + (2 * BYTES) + " hex digits");
      }
      return new AuditKey(HexFormat.of().parseHex(text), file);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("audit key " + file + " does not exist: the hub creates it at its first start"
          + " (audit.keyFile); without it the audit chain cannot be checked or extended", e);
    } catch (IOException e) {
      throw new IllegalStateException("audit key " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** A short public name for this key, recorded in the chain so a verifier can tell a wrong key file at once. */
  public String id() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** HMAC-SHA256 of {@code text}, in hex. */
  public String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }

  /** Whether {@code mac} is this key's MAC of {@code text}, compared in constant time. */
  public boolean matches(String text, String mac) {
    return mac != null && MessageDigest.isEqual(mac(text).getBytes(StandardCharsets.US_ASCII),
        mac.getBytes(StandardCharsets.US_ASCII));
  }

  private static void create(Path file) {
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".audit-key", ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try {
        Files.writeString(tmp, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.US_ASCII);
        // a hard link never replaces: if the hub and a tool create the key at the same moment, one key wins
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        // the other one won; load() reads its key
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the audit key " + file + ": " + e.getMessage(), e);
    }
  }
}
