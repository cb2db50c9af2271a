package kuzet.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import kuzet.hub.HubMain;
import kuzet.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Someone who can write the database but cannot read the audit key edits history and recomputes the chain
 * from the database alone, as the plain SHA-256 chain allowed; {@code hub audit verify} (with the key) names it.
 */
class KeyedAuditChainTest {
  private static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

  @TempDir
  Path dir;

  private Path db() {
    return dir.resolve("hub.db");
  }

  /** A chain begun by an older hub (SHA-256 only), then keyed by this one, then two keyed entries. */
  private AuditKey legacyThenKeyedChain() throws Exception {
    AuditKey key = AuditKey.loadOrCreate(AuditKey.besideDatabase(db()));
    try (Database database = Database.open(db())) {
      database.callAndWait(c -> {
        unkeyedAppend(c, T0, "duty1", "ALERT_ACK", "alert:1", "before the key existed");
        unkeyedAppend(c, T0.plusSeconds(1), "duty1", "ALERT_RESOLVE", "alert:1", "false alarm");
        assertThat(AuditKeying.keyChain(c, key, T0.plusSeconds(2))).isTrue();
        assertThat(AuditKeying.keyChain(c, key, T0.plusSeconds(2))).as("only once").isFalse();
        AuditLog.append(c, key, T0.plusSeconds(3), "duty2", "COMMAND_SENT", "post:alatau-1", "LIGHTS on");
        AuditLog.append(c, key, T0.plusSeconds(4), "admin", "OPERATOR_ADDED", "operator:duty3", "role OPERATOR");
        return null;
      });
    }
    return key;
  }

  @Test
  void anUnkeyedChainStillVerifiesUpToTheKeyedEntryAndKeyedAfterIt() throws Exception {
    AuditKey key = legacyThenKeyedChain();
    assertThat(verify().out()).contains("audit log intact: 5 entries verified");
    assertThat(verify().exit()).isZero();
    assertThat(Files.getPosixFilePermissions(key.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void editingAnEntryAndRecomputingTheChainWithPlainSha256IsCaught() throws Exception {
    legacyThenKeyedChain();
    sql("UPDATE audit SET actor = 'somebody-else' WHERE seq = 4");
    recomputeWith(null);
    Run r = verify();
    assertThat(r.exit()).as(r.out()).isEqualTo(3);
    assertThat(r.out()).contains("BROKEN at entry 3").contains("recomputed without the key");
  }

  @Test
  void rewritingTheUnkeyedPartBeforeTheKeyedEntryIsCaughtAtThatEntry() throws Exception {
    legacyThenKeyedChain();
    sql("UPDATE audit SET detail = 'nothing happened' WHERE seq = 2");
    recomputeWith(null, 2);
    Run r = verify();
    assertThat(r.exit()).as(r.out()).isEqualTo(3);
    assertThat(r.out()).contains("BROKEN at entry 3").contains("previous-entry hash");
  }

  @Test
  void droppingTheKeyedEntryAndRecomputingEverythingUnkeyedIsCaught() throws Exception {
    legacyThenKeyedChain();
    sql("DELETE FROM audit WHERE action = 'AUDIT_KEYED'");
    sql("UPDATE audit SET seq = seq - 1 WHERE seq > 3");
    recomputeWith(null);
    Run r = verify();
    assertThat(r.exit()).as(r.out()).isEqualTo(3);
    assertThat(r.out()).contains("no AUDIT_KEYED entry");
  }

  @Test
  void recomputingTheChainWithAnotherKeyIsCaught() throws Exception {
    legacyThenKeyedChain();
    AuditKey forged = AuditKey.loadOrCreate(dir.resolve("attackers.key"));
    sql("UPDATE audit SET detail = '" + AuditChain.keyedDetail(forged) + "' WHERE action = 'AUDIT_KEYED'");
    recomputeWith(forged);
    Run r = verify();
    assertThat(r.exit()).as(r.out()).isEqualTo(3);
    assertThat(r.out()).contains("BROKEN at entry 3").contains("another audit key");
  }

  @Test
  void verifyWithoutTheKeyFileSaysWhatIsMissing() throws Exception {
    legacyThenKeyedChain();
    Files.delete(AuditKey.besideDatabase(db()));
    Run r = verify();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("audit key").contains("does not exist");
  }

  @Test
  void aKeyFileOthersCanReadIsRefused() throws Exception {
    legacyThenKeyedChain();
    Files.setPosixFilePermissions(AuditKey.besideDatabase(db()), PosixFilePermissions.fromString("rw-r--r--"));
    Run r = verify();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("may be read by others").contains("chmod 600");
  }

  record Run(int exit, String out) {}

  private Run verify() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new HubMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
        .execute("audit", "verify", "--db", db().toString());
    return new Run(exit, out.toString());
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  private void recomputeWith(AuditKey attackersKey) throws Exception {
    recomputeWith(attackersKey, Long.MAX_VALUE);
  }

  /** What an attacker with the database alone does: every hash again from genesis, with SHA-256 or their own key. */
  private void recomputeWith(AuditKey attackersKey, long upTo) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT seq, at, actor, action, target, detail FROM audit ORDER BY seq");
         PreparedStatement update = c.prepareStatement("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?")) {
      String prev = AuditChain.GENESIS;
      boolean keyed = false;
      while (rs.next() && rs.getLong(1) <= upTo) {
        keyed |= attackersKey != null && AuditChain.KEYED_ACTION.equals(rs.getString(4));
        String canonical = AuditChain.canonical(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), prev);
        String hash = !keyed
            ? AuditChain.hash(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), prev)
            : attackersKey.mac(canonical);
        update.setString(1, prev);
        update.setString(2, hash);
        update.setLong(3, rs.getLong(1));
        update.executeUpdate();
        prev = hash;
      }
    }
  }

  /** How a hub before the audit key appended: plain SHA-256. */
  static void unkeyedAppend(Connection c, Instant at, String actor, String action, String target, String detail)
      throws java.sql.SQLException {
    long seq = AuditLog.lastSeq(c) + 1;
    String prev = AuditChain.GENESIS;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")) {
      if (rs.next()) {
        prev = rs.getString(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setString(2, at.toString());
      ps.setString(3, actor);
      ps.setString(4, action);
      ps.setString(5, target);
      ps.setString(6, detail);
      ps.setString(7, prev);
      ps.setString(8, AuditChain.hash(seq, at.toString(), actor, action, target, detail, prev));
      ps.executeUpdate();
    }
  }
}
