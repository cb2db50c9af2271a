package kuzet.hub.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit log's hash chain. Each entry stores the SHA-256 of the entry before it and its own hash over
 * its canonical form (which includes that previous hash), so editing, inserting or deleting an entry in
 * the middle breaks the chain at that entry.
 */
public final class AuditChain {
  /** The "previous hash" of the very first entry. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /**
   * The canonical form: every field length-prefixed, so that moving text from one field into its
   * neighbour changes the form (a plain separator could be forged by putting it inside a field).
   */
  public static String canonical(long seq, String at, String actor, String action, String target, String detail,
                                 String prevHash) {
    StringBuilder b = new StringBuilder(128);
    for (String field : new String[] {Long.toString(seq), at, actor, action, target, detail, prevHash}) {
      String f = field == null ? "" : field;
      b.append(f.length()).append(':').append(f).append('|');
    }
    return b.toString();
  }

  public static String hash(long seq, String at, String actor, String action, String target, String detail,
                            String prevHash) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(canonical(seq, at, actor, action, target, detail, prevHash)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
