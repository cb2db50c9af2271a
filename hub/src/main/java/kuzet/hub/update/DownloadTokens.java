package kuzet.hub.update;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import kuzet.store.Database;

/**
 * The download tokens of UPDATE commands in the hub's database (table {@code agent_download_tokens}, migration V9), so
 * any hub of the database opens a download whichever hub sent the UPDATE, before or after a restart. Only a token's
 * SHA-256 is stored.
 */
public final class DownloadTokens {
  private final Database db;

  DownloadTokens(Database db) {
    this.db = db;
  }

  /** What a token opens: one release's file, for one post of one rollout. */
  public record Grant(String version, String fileName, long size, UUID rollout, String postId) {}

  /** A token's answer: the grant, or the HTTP status and reason it opens nothing. */
  public record Check(Grant grant, int status, String refusal) {
    static Check refused(int status, String why) {
      return new Check(null, status, why);
    }
  }

  /** Stores a token's hash; rows already past their expiry go in the same transaction (they open nothing). */
  Future<Void> issue(Context ctx, String token, UUID rollout, String postId, String version, Instant at,
                     Instant expires) {
    return db.call(ctx, c -> Database.inTransaction(c, tx -> {
      try (PreparedStatement ps = tx.prepareStatement("DELETE FROM agent_download_tokens WHERE expires_at_ms < ?")) {
        ps.setLong(1, at.toEpochMilli());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = tx.prepareStatement("INSERT INTO agent_download_tokens (token_hash, rollout_id, "
          + "post_id, version, issued_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, hash(token));
        ps.setString(2, rollout.toString());
        ps.setString(3, postId);
        ps.setString(4, version);
        ps.setLong(5, at.toEpochMilli());
        ps.setLong(6, expires.toEpochMilli());
        ps.executeUpdate();
      }
      return null;
    }));
  }

  /**
   * What the token opens at {@code now}: refused (403) when it was never issued, has expired, or its rollout no longer
   * runs (a halted rollout's posts must not go on installing).
   */
  Future<Check> check(Context ctx, String token, Instant now) {
    return db.call(ctx, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT t.rollout_id, t.post_id, t.version, t.expires_at_ms, "
          + "r.state, rel.file_name, rel.size_bytes FROM agent_download_tokens t "
          + "JOIN agent_rollouts r ON r.id = t.rollout_id JOIN agent_releases rel ON rel.version = t.version "
          + "WHERE t.token_hash = ?")) {
        ps.setString(1, hash(token));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Check.refused(403, "unknown download token: the hub never issued it");
          }
          Instant expires = Instant.ofEpochMilli(rs.getLong(4));
          if (!now.isBefore(expires)) {
            return Check.refused(403, "download token expired at " + expires
                + ": the post is sent a new one with the rollout's next UPDATE");
          }
          if (!Rollout.RUNNING.equals(rs.getString(5))) {
            return Check.refused(403, "rollout " + rs.getString(1) + " is " + rs.getString(5)
                + ": its download tokens open nothing");
          }
          return new Check(new Grant(rs.getString(3), rs.getString(6), rs.getLong(7),
              UUID.fromString(rs.getString(1)), rs.getString(2)), 200, null);
        }
      }
    });
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
          token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
