package kuzet.hub.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit log's hash chain. Each entry stores the hash of the entry before it and its own hash over
 * its canonical form (which includes that previous hash), so editing, inserting or deleting an entry in
 * the middle breaks the chain at that entry.
 *
 * <p>A plain SHA-256 chain can be recomputed by anyone who can write the database, so entries are sealed with
 * HMAC-SHA256 under an {@link AuditKey} kept outside it. Chains begun before the key existed keep their SHA-256
 * entries up to a {@value #KEYED_ACTION} entry; that entry (which names the key's id) and every later one are
 * keyed, and the keyed marker's hash covers the whole unkeyed part before it.
 */
public final class AuditChain {
  /** The "previous hash" of the very first entry. */
  public static final String GENESIS = "0".repeat(64);
  /** The entry from which the chain is keyed. */
  public static final String KEYED_ACTION = "AUDIT_KEYED";

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

  /** The stored hash of a new entry: HMAC-SHA256 of its canonical form under {@code key}. */
  public static String seal(AuditKey key, long seq, String at, String actor, String action, String target,
                            String detail, String prevHash) {
    return key.mac(canonical(seq, at, actor, action, target, detail, prevHash));
  }

  /** The detail of the {@value #KEYED_ACTION} entry; it names the key so a wrong key file is reported as such. */
  public static String keyedDetail(AuditKey key) {
    return "entries from here on are HMAC-SHA256 sealed with audit key " + key.id();
  }

  /** The plain SHA-256 of entries written before the chain was keyed. */
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
