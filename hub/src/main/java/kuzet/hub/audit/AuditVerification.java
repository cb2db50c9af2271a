package kuzet.hub.audit;

/**
 * The outcome of checking the audit chain.
 *
 * @param checked how many entries were read
 * @param firstBrokenSeq the first entry whose stored hashes do not match, or -1 when the chain is intact
 * @param reason what is wrong with that entry (null when intact)
 */
public record AuditVerification(long checked, long firstBrokenSeq, String reason) {

  public boolean intact() {
    return firstBrokenSeq < 0;
  }

  public String describe() {
    return intact()
        ? "audit log intact: " + checked + " entries verified"
        : "audit log BROKEN at entry " + firstBrokenSeq + ": " + reason;
  }
}
